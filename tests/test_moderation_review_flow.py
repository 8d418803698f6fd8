"""The review page moves a moderator on through the queue they came from."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.moderation.dashboard import dashboard_figures
from tests.factories import CommentFactory, ReportFactory
from tests.roles import make_moderator
from tests.test_moderation_admin import reported

pytestmark = pytest.mark.django_db

REPORTED = reverse("admin:articles_reportedcomment_changelist")
PENDING = reverse("admin:articles_pendingcomment_changelist")


@pytest.fixture
def moderator(client):
    user = make_moderator(username="mod")
    client.force_login(user)
    return user


def review(comment, queue=""):
    url = reverse("admin:articles_comment_review", args=[comment.pk])
    return f"{url}?queue={queue}" if queue else url


def test_queue_rows_open_the_review_page_in_their_queue(client, moderator):
    comment = reported()
    assert review(comment, "reported") in client.get(REPORTED).content.decode()
    held = CommentFactory(pending=True)
    assert review(held, "pending") in client.get(PENDING).content.decode()


@pytest.mark.parametrize("action", ["remove", "dismiss"])
def test_after_a_decision_the_next_reported_comment_opens(client, moderator, action):
    most, fewer = reported(count=3), reported(count=1)
    response = client.post(review(most, "reported"), {"action": action})
    assert response.url == review(fewer, "reported")
    response = client.post(review(fewer, "reported"), {"action": action})
    assert response.url == REPORTED


def test_after_approving_the_next_pending_comment_opens(client, moderator):
    older = CommentFactory(pending=True, created_at=timezone.now() - timedelta(hours=2))
    newer = CommentFactory(pending=True)
    assert client.post(review(older, "pending"), {"action": "approve"}).url == review(
        newer, "pending"
    )


def test_a_failed_action_stays_on_the_comment_in_its_queue(client, moderator):
    comment, _ = reported(), reported()
    response = client.post(review(comment, "reported"), {"action": "suspend", "days": "x"})
    assert response.url == review(comment, "reported")


def test_an_unknown_queue_is_ignored(client, moderator):
    comment, _ = reported(), reported()
    response = client.post(review(comment, "../../evil"), {"action": "remove"})
    assert response.url == review(comment)


def test_dismissing_is_offered_only_while_reports_are_open(client, moderator):
    comment = reported()
    assert 'value="dismiss"' in client.get(review(comment)).content.decode()
    client.post(review(comment), {"action": "remove"})
    html = client.get(review(comment)).content.decode()
    assert 'value="dismiss"' not in html
    assert "<kbd>D</kbd>" not in html
    assert "<kbd>S</kbd> restore" in html


def test_dashboard_counts_reports_from_readers_not_signed_in(client, moderator):
    comment = CommentFactory()
    ReportFactory(comment=comment)
    ReportFactory(comment=comment, reporter=None, reporter_key="anon:1")
    ReportFactory(comment=comment, reporter=None, reporter_key="anon:2")
    figures = dashboard_figures()["reports"]
    assert (figures["received_day"], figures["anonymous_day"], figures["anonymous_week"]) == (
        3,
        2,
        2,
    )
    html = client.get(reverse("admin:articles_comment_dashboard")).content.decode()
    assert "Not signed in: 2 in 24 h · 2 in 7 days" in html
