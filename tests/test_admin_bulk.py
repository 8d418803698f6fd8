"""Admin bulk actions: every admin runs them one way and reports refusals one way."""

import pytest
from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils.translation import ngettext_lazy

from articles.admin.bulk import run_in_bulk
from articles.models import (
    ActionKind,
    ArticleStatus,
    Comment,
    CommentStatus,
    ModerationAction,
    ReaderSanction,
)
from articles.services.moderation import reader_ban, reader_sanction_lift, reader_suspend
from tests.factories import ArticleFactory, CommentFactory
from tests.roles import make_moderator, make_reader
from tests.workflow_helpers import make_user, publishable_article

pytestmark = pytest.mark.django_db


def shown(response) -> list[tuple[int, str]]:
    return [(message.level, message.message) for message in response.context["messages"]]


def test_a_moderation_bulk_action_lists_the_comments_it_refused_with_the_reason(client):
    client.force_login(make_moderator())
    removed = CommentFactory(status=CommentStatus.REMOVED, text="Removed by mistake")
    visible = CommentFactory(text="Perfectly visible comment")
    response = client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "restore", "_selected_action": [removed.pk, visible.pk]},
        follow=True,
    )
    assert shown(response) == [
        (messages.SUCCESS, "1 comment restored."),
        (
            messages.ERROR,
            "Not changed: “Perfectly visible comment”: Only removed comments can be restored.",
        ),
    ]
    assert Comment.objects.get(pk=removed.pk).status == CommentStatus.VISIBLE


def test_an_article_bulk_action_reports_the_same_way(client):
    good = publishable_article(in_review=True)
    incomplete = ArticleFactory(in_review=True, standfirst="", headline="Half done")
    client.force_login(make_user("editor"))
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [good.pk, incomplete.pk]},
        follow=True,
    )
    assert shown(response) == [
        (messages.SUCCESS, "1 article published."),
        (messages.ERROR, "Not changed: “Half done”: The standfirst is missing."),
    ]
    incomplete.refresh_from_db()
    assert incomplete.status == ArticleStatus.IN_REVIEW


def test_a_row_the_service_forbids_is_listed_and_the_others_still_run():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    handled = []

    def act(row):
        if row == "forbidden":
            raise PermissionDenied("Only editors can do this.")
        if row == "invalid":
            raise ValidationError(["No section.", "No byline."])
        handled.append(row)

    count = run_in_bulk(
        request,
        ["one", "forbidden", "two", "invalid"],
        act,
        done=ngettext_lazy("%(count)d row done.", "%(count)d rows done.", "count"),
    )
    assert (count, handled) == (2, ["one", "two"])
    assert [(message.level, message.message) for message in request._messages] == [
        (messages.SUCCESS, "2 rows done."),
        (
            messages.ERROR,
            "Not changed: “forbidden”: Only editors can do this. | "
            "“invalid”: No section.; No byline.",
        ),
    ]


@pytest.mark.parametrize(
    ("days", "reason"),
    [
        ("ten", "The number of days must be a whole number."),
        ("0", "A suspension lasts at least one day."),
    ],
)
def test_a_suspension_for_no_whole_number_of_days_suspends_nobody(client, days, reason):
    moderator = make_moderator()
    client.force_login(moderator)
    comment = CommentFactory(text="Spam, spam and spam")
    client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "suspend_authors", "_selected_action": [comment.pk], "days": days},
    )
    response = client.post(
        reverse("admin:articles_comment_review", args=[comment.pk]),
        {"action": "suspend", "days": days},
        follow=True,
    )
    assert (messages.ERROR, reason) in shown(response)
    assert not ReaderSanction.objects.exists()
    assert Comment.objects.get(pk=comment.pk).status == CommentStatus.VISIBLE


def test_lifting_sanctions_in_bulk_counts_only_those_still_in_force(client):
    moderator = make_moderator()
    client.force_login(moderator)
    in_force = reader_suspend(reader=make_reader(), by=moderator, days=3)
    lifted = reader_ban(reader=make_reader(), by=moderator)
    reader_sanction_lift(sanction=lifted, by=moderator)
    response = client.post(
        reverse("admin:articles_readersanction_changelist"),
        {"action": "lift", "_selected_action": [in_force.pk, lifted.pk], "note": "Amnesty"},
        follow=True,
    )
    assert shown(response) == [(messages.SUCCESS, "1 sanction lifted.")]
    in_force.refresh_from_db()
    assert in_force.lifted_by == moderator
    assert ModerationAction.objects.filter(kind=ActionKind.LIFT, note="Amnesty").count() == 1
