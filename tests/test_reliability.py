"""Outages and half-finished writes: the site answers 503 while the database is down and
recovers by itself, and a failure half-way through a write leaves nothing behind."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.db import DatabaseError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from articles.models import (
    Article,
    ArticleSource,
    ArticleStatus,
    ArticleTransition,
    Author,
    Comment,
    CommentStatus,
    Image,
    ModerationAction,
    ReportStatus,
    Tag,
)
from articles.services.imports import ImportOptions, article_import, page_parse
from tests.factories import CommentFactory, ReportFactory, UserFactory
from tests.workflow_helpers import make_user, publishable_article, transition_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def outage(monkeypatch):
    """``down()``: every new query fails as it would with the server gone; ``up()``: back."""

    def refuse():
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")

    class Outage:
        @staticmethod
        def down():
            monkeypatch.setattr(connection, "ensure_connection", refuse)

        @staticmethod
        def up():
            monkeypatch.undo()

    return Outage


def assert_site_503(response):
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    page = response.content.decode()
    assert "back in a moment" in page and settings.SITE_NAME in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"


def test_with_the_database_down_pages_answer_503_and_recover_by_themselves(outage):
    article = publishable_article()
    editor = make_user("editor")
    reader_client, signed_in_client, editor_client = Client(), Client(), Client()
    signed_in_client.force_login(UserFactory(username="signed-in-reader"))
    editor_client.force_login(editor)
    pages = [
        (reader_client, reverse("articles:home")),
        (reader_client, article.get_absolute_url()),
        (signed_in_client, article.get_absolute_url()),
        (signed_in_client, reverse("accounts:account")),
        (editor_client, reverse("admin:index")),
        (editor_client, reverse("admin:articles_article_change", args=[article.pk])),
    ]
    outage.down()
    for client, url in pages:
        assert_site_503(client.get(url))
    comment_url = reverse("comments:post", args=[article.pk])
    assert_site_503(signed_in_client.post(comment_url, {"text": "Posted during the outage."}))
    outage.up()
    for client, url in pages:
        assert client.get(url).status_code == HTTPStatus.OK, url
    assert not Comment.objects.filter(text="Posted during the outage.").exists()


def test_connections_are_health_checked_so_a_restarted_database_is_picked_up():
    for database in settings.DATABASES.values():
        assert database["CONN_HEALTH_CHECKS"] is True


def failing(model, *, after: int = 0):
    """A ``save`` for ``model`` that works ``after`` times, then fails."""
    original = model.save
    calls = {"count": 0}

    def save(self, *args, **kwargs):
        calls["count"] += 1
        if calls["count"] > after:
            raise DatabaseError("disk full")
        return original(self, *args, **kwargs)

    return save


def test_a_failure_half_way_through_publishing_leaves_the_article_unpublished(monkeypatch):
    article = publishable_article(in_review=True)
    client = Client(raise_request_exception=False)
    client.force_login(make_user("editor"))
    monkeypatch.setattr(ArticleTransition, "save", failing(ArticleTransition))

    response = client.post(transition_url(article, "publish"), {"note": ""})

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert article.published_at is None and article.publication_date is None
    assert not ArticleTransition.objects.exists()
    assert not LogEntry.objects.exists()
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_a_failure_half_way_through_a_moderators_decision_changes_nothing(monkeypatch):
    comment = CommentFactory(text="A reported comment.")
    reports = [ReportFactory(comment=comment, reporter=UserFactory()) for _ in range(2)]
    client = Client(raise_request_exception=False)
    client.force_login(make_user("moderator"))
    monkeypatch.setattr(ModerationAction, "save", failing(ModerationAction))

    response = client.post(
        reverse("admin:articles_comment_review", args=[comment.pk]),
        {"action": "ban", "note": "abuse"},
    )

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE and comment.moderated_by is None
    for report in reports:
        report.refresh_from_db()
        assert report.status == ReportStatus.OPEN and report.resolved_at is None
    assert not comment.author.sanctions.exists()
    assert not ModerationAction.objects.exists()


PAGE = b"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after the storm</title>
<link rel="canonical" href="https://news.example.com/2023/05/04/harbour">
<meta property="article:published_time" content="2023-05-04T09:30:00+01:00">
<meta name="keywords" content="Harbours, Storms">
</head><body><article><h1>Harbour reopens after the storm</h1>
<p class="byline">By Jane Doe</p>
<figure><img src="https://images.example.com/quay.jpg" alt="The quay">
<figcaption>The quay. Photograph: Niamh Kelly/Harbour Press</figcaption></figure>
<p>The harbour at Port Ardan reopened on Thursday, a week after the storm surge that flooded
the quay and left dozens of boats stranded on the slipway.</p>
<figure><img src="https://images.example.com/boats.jpg" alt="Boats">
<figcaption>Boats back at sea. Photograph: Jane Roe/PA</figcaption></figure>
<p>Skippers said the first catches of the season had been better than expected, and that the
repairs to the breakwater had been finished ahead of schedule by council engineers.</p>
</article></body></html>"""


def nothing_imported():
    for model in (Article, ArticleSource, Image, Author, Tag):
        assert not model.objects.exists(), model.__name__
    return True


@pytest.mark.parametrize(
    ("model", "after"),
    [(Image, 1), (ArticleSource, 0)],
    ids=["second picture fails", "provenance record fails"],
)
def test_a_failure_half_way_through_an_import_saves_nothing(monkeypatch, model, after):
    parsed = page_parse(PAGE)
    assert len(parsed.images) == 2
    monkeypatch.setattr(model, "save", failing(model, after=after))

    with pytest.raises(DatabaseError):
        article_import(data=PAGE, parsed=parsed, options=ImportOptions(publish=True))

    assert nothing_imported()
    monkeypatch.undo()
    result = article_import(data=PAGE, parsed=parsed, options=ImportOptions(publish=True))
    assert result.outcome == "imported" and Image.objects.count() == 2
