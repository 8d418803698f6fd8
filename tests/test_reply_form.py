"""The reply box that comments.js opens under a comment is the comment form itself, so its
limits and its honeypot are those of "Leave a comment", written in one place."""

from collections import Counter

import pytest
from bs4 import BeautifulSoup

from articles.forms.comments import CommentForm
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def comment_forms(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    page = BeautifulSoup(client.get(article.get_absolute_url()).content, "lxml")
    main = page.find("form", attrs={"data-comment-main": True})
    template = page.find("template", id="reply-form-template")
    return page, main, template.find("form")


def fields(form) -> dict[str, dict]:
    return {
        element["name"]: element.attrs
        for element in form.find_all(["input", "textarea"])
        if element.get("name")
    }


def test_reply_box_sends_the_fields_of_the_comment_form(client):
    _, _, reply = comment_forms(client)
    assert set(fields(reply)) == set(CommentForm.base_fields)


def test_reply_box_has_the_comment_forms_length_limit_and_honeypot(client):
    _, main, reply = comment_forms(client)
    limit = CommentForm().fields["text"].widget.attrs["data-max-length"]
    main_fields, reply_fields = fields(main), fields(reply)
    assert reply_fields["text"]["data-max-length"] == main_fields["text"]["data-max-length"]
    assert reply_fields["text"]["data-max-length"] == limit
    assert "required" in reply_fields["text"]
    honeypot = {key: value for key, value in reply_fields["website"].items() if key != "id"}
    assert honeypot == {key: value for key, value in main_fields["website"].items() if key != "id"}
    assert reply.find("div", class_="hp").find("label")["for"] == reply_fields["website"]["id"]


def test_reply_box_ids_are_its_own_and_its_help_is_the_forms(client):
    page, _, reply = comment_forms(client)
    ids = Counter(element["id"] for element in page.find_all(id=True))
    assert [name for name, count in ids.items() if count > 1] == []
    text = reply.find("textarea")
    help_text = reply.find(id=text["aria-describedby"])
    # Text inside <template> is a TemplateString, which get_text() leaves out.
    assert str(help_text.string) == str(CommentForm.base_fields["text"].help_text)
    assert reply.find("label", attrs={"data-reply-label": True})["for"] == text["id"]
