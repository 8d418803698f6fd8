from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import ActionKind, CommentStatus, ModerationAction, Report
from articles.services.moderation import reader_suspend
from tests.factories import ArticleFactory, CommentFactory
from tests.roles import make_moderator, make_reader

pytestmark = pytest.mark.django_db


def report(client, comment, reason="abuse", details="", **headers):
    return client.post(
        reverse("comments:report", args=[comment.pk]),
        {"reason": reason, "details": details},
        headers=headers,
    )


@pytest.fixture
def comment():
    return CommentFactory(text="You are all idiots")


def test_every_visible_comment_has_a_report_link(client, comment):
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert f'href="{reverse("comments:report", args=[comment.pk])}"' in html


def test_report_form_works_without_javascript_and_thanks_the_reader(client, comment):
    client.force_login(make_reader())
    form = client.get(reverse("comments:report", args=[comment.pk])).content.decode()
    for label in ("Spam", "Harassment or abuse", "Hate speech", "Off-topic", "Misinformation"):
        assert label in form
    assert "Personal information" in form and "Other" in form
    response = report(client, comment, "hate", "Slur in the second line")
    assert response.url == reverse("comments:report-thanks", args=[comment.pk])
    thanks = client.get(response.url).content.decode()
    assert "Your report has gone to our moderation team" in thanks
    saved = Report.objects.get()
    assert (saved.reason, saved.details, saved.status) == (
        "hate",
        "Slur in the second line",
        "open",
    )


def test_report_with_javascript_answers_json_with_the_thank_you(client, comment):
    response = report(client, comment, accept="application/json")
    assert response.status_code == HTTPStatus.OK
    assert "Your report has gone to our moderation team" in response.json()["message"]


def test_report_needs_a_reason_and_details_under_1000_characters(client, comment):
    html = report(client, comment, reason="").content.decode()
    assert "Choose the reason that fits best." in html
    html = report(client, comment, details="x" * 1001).content.decode()
    assert "the limit is 1000" in html
    assert not Report.objects.exists()


def test_anonymous_readers_may_report(client, comment):
    report(client, comment)
    saved = Report.objects.get()
    assert saved.reporter is None and saved.reporter_key.startswith("session:")


def test_a_repeat_report_is_acknowledged_but_not_counted(client, comment):
    client.force_login(make_reader())
    report(client, comment, "spam")
    response = report(client, comment, "abuse")
    assert response.url == reverse("comments:report-thanks", args=[comment.pk])
    assert Report.objects.count() == 1


def test_an_anonymous_repeat_in_the_same_session_is_not_counted(client, comment):
    report(client, comment)
    report(client, comment)
    assert Report.objects.count() == 1
    report(Client(), comment)  # another anonymous reader
    assert Report.objects.count() == 2


def test_readers_cannot_report_their_own_comment(client, comment):
    client.force_login(comment.author)
    html = report(client, comment).content.decode()
    assert "You cannot report your own comment." in html
    assert not Report.objects.exists()
    # The page is the same for everyone; comments.js swaps "Report" for "Edit" and "Delete"
    # on the comments /accounts/me/ lists as the reader's own.
    me = client.get(reverse("accounts:me"), {"article": comment.article_id}).json()
    assert [own["id"] for own in me["comments"]] == [comment.pk]


def test_more_than_ten_reports_a_minute_get_the_429_page(client):
    client.force_login(make_reader())
    comments = CommentFactory.create_batch(11, author=make_reader())
    for comment in comments[:10]:
        assert report(client, comment).status_code == HTTPStatus.FOUND
    response = report(client, comments[10])
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Slow down a little" in response.content.decode()
    assert Report.objects.count() == 10


def test_enough_distinct_reporters_hide_the_comment_pending_review(client, comment, settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 3
    for _ in range(2):
        reporter = Client()
        reporter.force_login(make_reader())
        report(reporter, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    client.force_login(make_reader())
    report(client, comment)  # the third
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN and comment.auto_hidden_at
    entry = ModerationAction.objects.get(comment=comment)
    assert entry.kind == ActionKind.AUTO_HIDE and entry.by is None
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "You are all idiots" not in html


def test_hidden_comment_with_replies_leaves_a_placeholder(client, comment, settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 1
    CommentFactory(article=comment.article, parent=comment, text="Steady on")
    client.force_login(make_reader())
    report(client, comment)
    html = client.get(comment.article.get_absolute_url()).content.decode()
    assert "hidden while our moderators review it" in html and "Steady on" in html


def test_cookieless_reports_from_one_address_never_hide_a_comment(comment, settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 3
    for _ in range(5):
        assert report(Client(), comment).status_code == HTTPStatus.FOUND  # a new session each
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    assert comment.open_report_count == 5  # they still reach the queue
    assert Report.objects.anonymous().count() == 5
    assert not Report.objects.accountable().exists()


def test_only_readers_in_good_standing_count_towards_hiding(comment, settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 2
    suspended, inactive = make_reader(), make_reader()
    reader_suspend(reader=suspended, by=make_moderator(), days=3)
    inactive.is_active = False
    inactive.save()
    for reporter in (suspended, inactive, None):
        browser = Client()
        if reporter:
            browser.force_login(reporter)
        report(browser, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE
    browser = Client()
    browser.force_login(make_reader())
    report(browser, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.VISIBLE  # one accountable report of two needed
    browser.force_login(make_reader())
    report(browser, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN


@pytest.mark.parametrize(
    "status", [CommentStatus.PENDING, CommentStatus.DELETED, CommentStatus.REMOVED, "hidden"]
)
def test_comments_not_visible_cannot_be_reported_or_read_through_the_report_page(client, status):
    comment = CommentFactory(text="Secret words of a hidden comment", status=status)
    for name in ("comments:report", "comments:report-thanks"):
        response = client.get(reverse(name, args=[comment.pk]))
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert "Secret words" not in response.content.decode()
    assert report(client, comment).status_code == HTTPStatus.NOT_FOUND
    assert not Report.objects.exists()


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_comments_on_stories_not_live_have_no_report_or_thanks_page(client, trait):
    article = ArticleFactory(**{trait: True})
    comment = CommentFactory(article=article, text="On a story readers cannot see")
    for name in ("comments:report", "comments:report-thanks"):
        response = client.get(reverse(name, args=[comment.pk]))
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert article.slug not in response.content.decode()


def test_the_reporter_who_hid_a_comment_is_still_thanked(client, comment, settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 1
    client.force_login(make_reader())
    response = report(client, comment)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert client.get(response.url).status_code == HTTPStatus.OK
    assert Client().get(response.url).status_code == HTTPStatus.NOT_FOUND
