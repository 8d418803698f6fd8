from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import (
    ActionKind,
    Comment,
    CommentStatus,
    ModerationAction,
    ReaderSanction,
    Report,
    ReportStatus,
)
from articles.moderation.dashboard import dashboard_figures
from articles.services import moderation
from tests.factories import ArticleFactory, CommentFactory, ReportFactory, UserFactory
from tests.roles import make_moderator, make_reader, make_trusted_reader, make_writer

pytestmark = pytest.mark.django_db

QUEUES = [
    "admin:articles_reportedcomment_changelist",
    "admin:articles_pendingcomment_changelist",
    "admin:articles_comment_changelist",
    "admin:articles_comment_dashboard",
]


@pytest.fixture
def moderator(client):
    user = make_moderator(username="mod")
    client.force_login(user)
    return user


def reported(count=2, reasons=("spam", "abuse"), **comment_kwargs):
    comment = CommentFactory(**comment_kwargs)
    for number in range(count):
        ReportFactory(comment=comment, reason=reasons[number % len(reasons)])
    return comment


def act(client, comment, action, **data):
    return client.post(
        reverse("admin:articles_comment_review", args=[comment.pk]),
        {"action": action, **data},
    )


@pytest.mark.parametrize("url_name", QUEUES)
def test_moderators_reach_the_queues(client, moderator, url_name):
    assert client.get(reverse(url_name)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("url_name", QUEUES)
def test_writers_cannot_reach_the_queues(client, url_name):
    client.force_login(make_writer())
    assert client.get(reverse(url_name)).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize("url_name", QUEUES)
def test_readers_and_anonymous_are_sent_to_the_admin_login(client, url_name):
    assert client.get(reverse(url_name)).url.startswith(reverse("admin:login"))
    client.force_login(make_reader())
    assert client.get(reverse(url_name)).url.startswith(reverse("admin:login"))


def test_writers_cannot_act_on_a_comment(client):
    comment = reported()
    client.force_login(make_writer())
    assert act(client, comment, "remove").status_code == HTTPStatus.FORBIDDEN
    response = client.post(
        reverse("admin:articles_reportedcomment_changelist"),
        {"action": "remove", "_selected_action": [comment.pk]},
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE


def test_services_refuse_anyone_but_a_moderator():
    comment = reported()
    for decide in (
        moderation.comment_approve,
        moderation.comment_dismiss_reports,
        moderation.comment_remove,
        moderation.comment_restore,
    ):
        with pytest.raises(PermissionDenied):
            decide(comment=comment, by=make_writer())
    with pytest.raises(PermissionDenied):
        moderation.reader_ban(reader=comment.author, by=make_reader())
    assert not ModerationAction.objects.exists()


def test_a_moderator_may_read_articles_but_not_edit_them(client, moderator):
    article = ArticleFactory()
    assert client.get(reverse("admin:articles_article_changelist")).status_code == HTTPStatus.OK
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert 'name="_save"' not in client.get(url).content.decode()
    assert client.post(url, {"headline": "Changed"}).status_code == HTTPStatus.FORBIDDEN


def test_reported_queue_has_one_row_per_comment_with_the_reason_breakdown(client, moderator):
    comment = reported(3, reasons=("spam", "spam", "hate"), text="Buy cheap watches")
    html = client.get(reverse("admin:articles_reportedcomment_changelist")).content.decode()
    assert html.count(reverse("admin:articles_comment_review", args=[comment.pk])) == 1
    assert "Spam 2, Hate speech 1" in html
    assert comment.article.headline in html


def test_reported_queue_puts_auto_hidden_comments_first_then_the_most_reported(client, moderator):
    reported(1, text="Mildly reported")
    reported(2, text="Often reported")
    CommentFactory(text="Auto hidden", status="hidden", auto_hidden_at=timezone.now())
    ReportFactory(comment=Comment.objects.get(text="Auto hidden"))
    html = client.get(reverse("admin:articles_reportedcomment_changelist")).content.decode()
    assert html.index("Auto hidden") < html.index("Often reported") < html.index("Mildly reported")


def test_reported_queue_filters_by_reason_section_and_article(client, moderator):
    spam = reported(1, reasons=("spam",), text="Spammy")
    reported(1, reasons=("hate",), text="Hateful")
    url = reverse("admin:articles_reportedcomment_changelist")
    html = client.get(url, {"reason": "spam"}).content.decode()
    assert "Spammy" in html and "Hateful" not in html
    html = client.get(url, {"article": spam.article_id}).content.decode()
    assert "Spammy" in html and "Hateful" not in html
    html = client.get(url, {"article__section__id__exact": spam.article.section_id}).content
    assert b"Spammy" in html and b"Hateful" not in html


def test_reported_queue_sorts_by_count(client, moderator):
    reported(1, text="One report")
    reported(3, text="Three reports")
    url = reverse("admin:articles_reportedcomment_changelist")
    html = client.get(url, {"o": "4"}).content.decode()  # the count column, ascending
    assert html.index("One report") < html.index("Three reports")


def test_reported_queue_sorts_by_the_age_of_the_first_report(client, moderator):
    now = timezone.now()
    ReportFactory(comment=CommentFactory(text="Reported today"), created_at=now)
    ReportFactory(
        comment=CommentFactory(text="Reported last week"), created_at=now - timedelta(days=7)
    )
    url = reverse("admin:articles_reportedcomment_changelist")
    html = client.get(url, {"o": "6"}).content.decode()  # the first-report column, oldest first
    assert html.index("Reported last week") < html.index("Reported today")
    html = client.get(url).content.decode()  # by default too, among equal counts
    assert html.index("Reported last week") < html.index("Reported today")


def test_queues_run_a_fixed_number_of_queries_whatever_the_reports(client, moderator):
    url = reverse("admin:articles_reportedcomment_changelist")
    reported(1)
    client.get(url)  # warm the permission cache of the session's first request
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    article, author = ArticleFactory(), make_reader()
    reporters = [make_reader() for _ in range(3)]
    for _ in range(30):
        comment = CommentFactory(article=article, author=author)
        for reporter, reason in zip(reporters, ("spam", "hate", "other"), strict=True):
            ReportFactory(comment=comment, reporter=reporter, reason=reason)
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert len(small.captured_queries) == len(large.captured_queries) <= 12
    assert "31 reported comments" in html


def test_pending_queue_lists_held_comments_oldest_first(client, moderator):
    CommentFactory(pending=True, text="Held second", created_at=timezone.now())
    CommentFactory(pending=True, text="Held first", created_at=timezone.now() - timedelta(hours=3))
    CommentFactory(text="Already visible")
    html = client.get(reverse("admin:articles_pendingcomment_changelist")).content.decode()
    assert html.index("Held first") < html.index("Held second")
    assert "Already visible" not in html


def test_pending_queue_runs_a_fixed_number_of_queries(client, moderator):
    url = reverse("admin:articles_pendingcomment_changelist")
    CommentFactory(pending=True)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    author = make_reader()
    CommentFactory.create_batch(20, pending=True, author=author)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_review_page_shows_context_record_reports_and_track_records(client, moderator):
    author = make_trusted_reader(display_name="Troll")
    parent = CommentFactory(text="The parent comment", author=make_reader())
    comment = CommentFactory(article=parent.article, parent=parent, author=author, text="Nasty")
    CommentFactory(article=parent.article, parent=parent, text="A sibling reply")
    reporter = make_reader(display_name="Careful reporter")
    ReportFactory(comment=comment, reporter=reporter, reason="abuse", details="Insults me")
    for _ in range(2):
        ReportFactory(reporter=reporter, status=ReportStatus.UPHELD)
    ReportFactory(reporter=reporter, status=ReportStatus.DISMISSED)
    html = client.get(reverse("admin:articles_comment_review", args=[comment.pk])).content.decode()
    for expected in (
        parent.article.headline,
        "The parent comment",
        "A sibling reply",
        "Nasty",
        "Harassment or abuse",
        "Insults me",
        "Careful reporter",
        "2 of 3 (67%)",
        "Troll",
        "Upheld reports",
    ):
        assert expected in html, expected


@pytest.mark.parametrize(
    ("start", "action", "status", "outcome", "kind"),
    [
        ("visible", "remove", CommentStatus.REMOVED, ReportStatus.UPHELD, ActionKind.REMOVE),
        ("visible", "dismiss", CommentStatus.VISIBLE, ReportStatus.DISMISSED, ActionKind.DISMISS),
        ("hidden", "approve", CommentStatus.VISIBLE, ReportStatus.DISMISSED, ActionKind.APPROVE),
        ("removed", "restore", CommentStatus.VISIBLE, ReportStatus.DISMISSED, ActionKind.RESTORE),
    ],
)
def test_each_action_closes_the_reports_and_is_logged(
    client, moderator, start, action, status, outcome, kind
):
    comment = reported(2, status=start)
    act(client, comment, action, note="Checked against the guidelines")
    comment.refresh_from_db()
    assert comment.status == status
    assert set(comment.reports.values_list("status", flat=True)) == {outcome}
    assert comment.reports.filter(resolved_by=moderator, resolved_at__isnull=False).count() == 2
    entry = ModerationAction.objects.get(comment=comment)
    assert (entry.kind, entry.by, entry.reports_closed) == (kind, moderator, 2)
    assert entry.note == "Checked against the guidelines"
    page = client.get(reverse("admin:articles_comment_review", args=[comment.pk])).content
    assert b"Checked against the guidelines" in page


def test_removed_comment_shows_the_notice_and_keeps_its_replies(client, moderator):
    comment = reported(1, text="Over the line")
    CommentFactory(article=comment.article, parent=comment, text="A reply stays")
    act(client, comment, "remove")
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "This comment was removed by a moderator" in html
    assert "Over the line" not in html and "A reply stays" in html
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_restore_undoes_a_removal(client, moderator):
    comment = reported(1, text="Fair comment after all")
    act(client, comment, "remove")
    act(client, comment, "restore", note="On appeal")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    kinds = list(ModerationAction.objects.filter(comment=comment).values_list("kind", flat=True))
    assert kinds == [ActionKind.RESTORE, ActionKind.REMOVE]
    assert (
        "Fair comment after all" in client.get(comment.article.get_absolute_url()).content.decode()
    )


def test_approve_publishes_a_pending_comment(client, moderator):
    comment = CommentFactory(pending=True, text="Waiting patiently")
    act(client, comment, "approve")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    assert ModerationAction.objects.get(comment=comment).kind == ActionKind.APPROVE
    assert "Waiting patiently" in client.get(comment.article.get_absolute_url()).content.decode()


@pytest.mark.parametrize("action", ["approve", "dismiss"])
def test_a_comment_shown_again_is_no_longer_marked_auto_hidden(client, moderator, action):
    comment = reported(3, status="hidden", auto_hidden_at=timezone.now())
    act(client, comment, action)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE and comment.auto_hidden_at is None
    assert comment.moderated_by == moderator


def test_restoring_a_removed_comment_shows_it_again(client, moderator):
    comment = reported(3, status="hidden", auto_hidden_at=timezone.now())
    act(client, comment, "remove")
    act(client, comment, "restore")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE and comment.auto_hidden_at is None
    assert comment.text in client.get(comment.article.get_absolute_url()).content.decode()


def test_dismissing_reports_shows_an_auto_hidden_comment_again(client, moderator):
    comment = reported(3, status="hidden", auto_hidden_at=timezone.now())
    act(client, comment, "dismiss")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE and comment.auto_hidden_at is None


def test_suspension_removes_the_comment_stops_new_comments_and_can_be_lifted(client, moderator):
    comment = reported(2)
    author = comment.author
    act(client, comment, "suspend", days="3", note="Second warning")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED
    sanction = ReaderSanction.objects.get(reader=author)
    assert sanction.kind == "suspension"
    assert timedelta(days=2, hours=23) < sanction.ends_at - timezone.now() <= timedelta(days=3)
    assert set(ModerationAction.objects.values_list("kind", flat=True)) == {
        ActionKind.REMOVE,
        ActionKind.SUSPEND,
    }

    reader_client = client.__class__()
    reader_client.force_login(author)
    article = ArticleFactory()
    post = reverse("comments:post", args=[article.pk])
    html = reader_client.post(post, {"text": "I'm back"}).content.decode()
    assert "suspended from commenting" in html
    assert not Comment.objects.filter(text="I'm back").exists()

    act(client, comment, "lift", sanction=sanction.pk, note="Apologised")
    sanction.refresh_from_db()
    assert sanction.lifted_by == moderator
    assert ModerationAction.objects.filter(kind=ActionKind.LIFT, reader=author).exists()
    reader_client.post(post, {"text": "I'm back"})
    assert Comment.objects.filter(text="I'm back").exists()


def test_a_ban_stops_new_comments(client, moderator):
    comment = reported(1)
    act(client, comment, "ban", note="Threats")
    assert ReaderSanction.objects.active().get(reader=comment.author).kind == "ban"
    entry = ModerationAction.objects.get(kind=ActionKind.BAN)
    assert (entry.reader, entry.by, entry.note) == (comment.author, moderator, "Threats")
    reader_client = client.__class__()
    reader_client.force_login(comment.author)
    html = reader_client.post(
        reverse("comments:post", args=[ArticleFactory().pk]), {"text": "Still here"}
    ).content.decode()
    assert "banned from commenting" in html


def test_bulk_actions_from_the_queue_act_on_every_selected_comment(client, moderator):
    comments = [reported(1) for _ in range(3)]
    response = client.post(
        reverse("admin:articles_reportedcomment_changelist"),
        {
            "action": "remove",
            "_selected_action": [comment.pk for comment in comments],
            "note": "Spam wave",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    assert Comment.objects.filter(status=CommentStatus.REMOVED).count() == 3
    assert ModerationAction.objects.filter(kind=ActionKind.REMOVE, note="Spam wave").count() == 3
    assert not Report.objects.open().exists()


def test_bulk_suspension_uses_the_days_from_the_action_bar(client, moderator):
    comment = reported(1)
    client.post(
        reverse("admin:articles_reportedcomment_changelist"),
        {"action": "suspend_authors", "_selected_action": [comment.pk], "days": "14"},
    )
    sanction = ReaderSanction.objects.get(reader=comment.author)
    assert sanction.ends_at - timezone.now() > timedelta(days=13)


def test_watched_words_are_editable_by_moderators(client, moderator):
    client.post(reverse("admin:articles_watchedword_add"), {"word": "bitcoin", "note": ""})
    assert client.get(reverse("admin:articles_watchedword_changelist")).status_code == 200
    from articles.models import WatchedWord

    assert WatchedWord.objects.filter(word="bitcoin").exists()


def test_dashboard_figures_on_known_data():
    now = timezone.now()
    moderator = make_moderator()
    reporter = make_reader(display_name="Cries wolf")
    decided = [
        (timedelta(hours=1), ReportStatus.UPHELD),
        (timedelta(hours=3), ReportStatus.DISMISSED),
        (timedelta(hours=5), ReportStatus.DISMISSED),
    ]
    for took, outcome in decided:
        first = now - timedelta(hours=10)
        ReportFactory(
            reporter=reporter,
            reason="spam",
            created_at=first,
            status=outcome,
            resolved_at=first + took,
            resolved_by=moderator,
        )
    ReportFactory(reason="hate", created_at=now - timedelta(hours=30))  # open, 30 h old
    CommentFactory(pending=True, created_at=now - timedelta(hours=4))

    figures = dashboard_figures(now=now)
    assert figures["reports"]["open"] == 1
    assert figures["oldest_open_age"] == timedelta(hours=30)
    assert figures["pending"]["count"] == 1
    assert figures["oldest_pending_age"] == timedelta(hours=4)
    assert figures["reports"]["received_day"] == 3
    assert figures["reports"]["received_week"] == 4
    assert figures["reports"]["resolved_day"] == 3
    assert figures["resolution"]["median_hours"] == pytest.approx(3)
    assert figures["resolution"]["p90_hours"] == pytest.approx(5)
    assert figures["resolution"]["breaches"] == 2  # target 2 h
    spam = next(row for row in figures["by_reason"] if row["reason"] == "Spam")
    assert (spam["total"], spam["upheld"], spam["resolved"]) == (3, 1, 3)
    assert spam["upheld_rate"] == pytest.approx(1 / 3)
    assert [row["name"] for row in figures["low_upheld_reporters"]] == []  # 33% is not rare
    ReportFactory(reporter=reporter, status=ReportStatus.DISMISSED, resolved_at=now, created_at=now)
    ReportFactory(reporter=reporter, status=ReportStatus.DISMISSED, resolved_at=now, created_at=now)
    rare = dashboard_figures(now=now)["low_upheld_reporters"]
    assert [(row["name"], row["upheld"], row["resolved"]) for row in rare] == [("Cries wolf", 1, 5)]


def test_dashboard_page_shows_the_figures(client, moderator):
    comment = reported(2, reasons=("misinformation",))
    html = client.get(reverse("admin:articles_comment_dashboard")).content.decode()
    assert "Open reports" in html and "Misinformation" in html
    assert comment.article.headline in html
    assert "Target" in html


def test_moderators_group_comes_from_the_migration():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Moderators")
    assert group.permissions.filter(codename="moderate_comment").exists()
    assert not group.permissions.filter(codename="change_article").exists()
    user = UserFactory(is_staff=True)
    user.groups.add(group)
    assert user.has_perm("articles.moderate_comment")


def test_an_absurd_suspension_is_refused_with_a_message_single_and_bulk(client, moderator):
    comment = reported(1)
    response = act(client, comment, "suspend", days="999999999")
    assert response.status_code == HTTPStatus.FOUND
    html = client.get(response.url).content.decode()
    assert "at most 3650 days" in html
    response = client.post(
        reverse("admin:articles_reportedcomment_changelist"),
        {"action": "suspend_authors", "_selected_action": [comment.pk], "days": "999999999"},
        follow=True,
    )
    assert response.status_code == HTTPStatus.OK
    assert "at most 3650 days" in response.content.decode()
    assert not ReaderSanction.objects.exists()


@pytest.mark.parametrize("value", ["abc", "-1", "99999999999999999999999", "١٢"])
def test_the_reported_article_filter_ignores_values_that_are_not_ids(client, moderator, value):
    reported(1)
    response = client.get(reverse("admin:articles_reportedcomment_changelist"), {"article": value})
    assert response.status_code < 500


@pytest.mark.parametrize(
    "query",
    [
        {"created_at__year": "9999"},
        {"created_at__year": "99999999999999999999"},
        {"created_at__year": "0001"},
        {"created_at__year": "2024", "created_at__month": "99999999999999999999"},
        {"created_at__year": "2024", "created_at__month": "12", "created_at__day": "31"},
    ],
)
@pytest.mark.parametrize(
    "url_name",
    [
        "admin:articles_comment_changelist",
        "admin:articles_report_changelist",
        "admin:articles_moderationaction_changelist",
    ],
)
def test_a_date_hierarchy_outside_the_calendar_is_an_invalid_lookup(
    client, moderator, url_name, query
):
    reported(1)
    response = client.get(reverse(url_name), query)
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)


@pytest.mark.parametrize("value", ["abc", "../x", "99999999999999999999999", "-1"])
def test_an_action_on_selected_values_that_are_not_ids_acts_on_nothing(client, moderator, value):
    comment = reported(1)
    response = client.post(
        reverse("admin:articles_reportedcomment_changelist"),
        {"action": "remove", "_selected_action": [value, comment.pk], "note": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REMOVED
