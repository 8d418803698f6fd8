"""An over-long comment is refused with the whole text kept, never cut."""

from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from articles.models import Comment
from articles.models.comments import COMMENT_MAX_LENGTH
from tests.factories import ArticleFactory, CommentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader_client(client):
    client.force_login(UserFactory())
    return client


def test_over_long_comment_is_refused_without_javascript_keeping_every_character(reader_client):
    article = ArticleFactory()
    text = "Too long. " * 500  # 5,000 characters
    response = reader_client.post(reverse("comments:post", args=[article.pk]), {"text": text})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Your comment was not posted" in html
    assert "5000 characters long; the limit is 2000" in html
    assert response.context["form"]["text"].value() == text
    assert text.strip() in html
    assert not Comment.objects.exists()


def test_a_refused_comment_is_announced_to_screen_readers_without_javascript(reader_client):
    article = ArticleFactory()
    url = reverse("comments:post", args=[article.pk])
    response = reader_client.post(url, {"text": "Too long. " * 500})
    alert = BeautifulSoup(response.content, "lxml").select_one('[role="alert"]')
    assert alert is not None and "the limit is 2000" in alert.get_text()


def test_over_long_comment_is_refused_as_json(reader_client):
    article = ArticleFactory()
    response = reader_client.post(
        reverse("comments:post", args=[article.pk]),
        {"text": "x" * (COMMENT_MAX_LENGTH + 1)},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "the limit is 2000" in response.json()["errors"]["text"][0]["message"]
    assert not Comment.objects.exists()


def test_line_breaks_count_as_one_character_as_they_are_stored(reader_client):
    article = ArticleFactory()
    text = "a\r\n" * (COMMENT_MAX_LENGTH // 2)  # 2,000 characters once stored
    reader_client.post(reverse("comments:post", args=[article.pk]), {"text": text})
    assert Comment.objects.get().text.count("\n") == COMMENT_MAX_LENGTH // 2 - 1


def test_old_mac_line_breaks_are_stored_as_line_breaks(reader_client):
    article = ArticleFactory()
    reader_client.post(reverse("comments:post", args=[article.pk]), {"text": "One\rTwo\r\nThree"})
    assert Comment.objects.get().text == "One\nTwo\nThree"


def test_no_comment_box_cuts_what_is_pasted_into_it(reader_client):
    article = ArticleFactory()
    CommentFactory(article=article)  # and so a reply box
    html = reader_client.get(article.get_absolute_url()).content.decode()
    textareas = [part.split(">", 1)[0] for part in html.split("<textarea")[1:]]
    assert len(textareas) == 3  # comment, reply, report details
    for textarea in textareas:
        assert "data-max-length=" in textarea
        assert "maxlength" not in textarea


def test_over_long_report_details_are_refused_keeping_the_text(reader_client):
    comment = CommentFactory()
    details = "Details. " * 200
    response = reader_client.post(
        reverse("comments:report", args=[comment.pk]), {"reason": "spam", "details": details}
    )
    assert "the limit is 1000" in response.content.decode()
    assert response.context["form"]["details"].value() == details
    assert not comment.reports.exists()
