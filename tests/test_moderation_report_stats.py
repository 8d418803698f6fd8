"""The reported queue's figures stored on each comment always match its open reports."""

import importlib
import threading
import time

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, connections, transaction
from django.db.models import Count, Max, Min
from django.urls import reverse

from articles.models import Comment, CommentStatus, Report
from articles.services import moderation
from tests.factories import CommentFactory, ReportFactory
from tests.roles import make_moderator, make_reader

pytestmark = pytest.mark.django_db


def submit(comment, reporter=None, reason="spam"):
    reporter = reporter or make_reader()
    return moderation.report_submit(
        comment=comment, reporter=reporter, reporter_key=f"user:{reporter.pk}", reason=reason
    )


def stored(comment):
    """The queue figures stored on the comment (reasons without open reports left out)."""
    comment.refresh_from_db()
    reasons = {reason: count for reason, count in comment.open_report_reasons.items() if count}
    return (comment.open_report_count, comment.first_reported_at, comment.last_reported_at, reasons)


def counted(comment):
    """The same figures, counted from the open reports."""
    open_reports = Report.objects.open().filter(comment=comment)
    figures = open_reports.aggregate(
        count=Count("pk"), first=Min("created_at"), last=Max("created_at")
    )
    reasons = dict(open_reports.values("reason").annotate(n=Count("pk")).values_list("reason", "n"))
    return figures["count"], figures["first"], figures["last"], reasons


NONE_OPEN = (0, None, None, {})


def test_stored_report_figures_match_the_reports_after_every_service(settings):
    settings.COMMENTS_AUTO_HIDE_REPORTS = 3
    moderator, reader = make_moderator(), make_reader()
    comment = CommentFactory()

    submit(comment, reader)
    submit(comment, reader)  # a repeat is acknowledged, not counted
    submit(comment, reason="hate")
    assert stored(comment) == counted(comment)
    assert stored(comment)[0::3] == (2, {"spam": 1, "hate": 1})

    moderation.comment_dismiss_reports(comment=comment, by=moderator)
    assert stored(comment) == counted(comment) == NONE_OPEN

    for _ in range(3):  # the third report hides it
        submit(comment)
    assert stored(comment) == counted(comment)
    assert stored(comment)[0] == 3
    assert comment.status == CommentStatus.HIDDEN

    moderation.comment_approve(comment=comment, by=moderator)
    assert stored(comment) == counted(comment) == NONE_OPEN

    submit(comment)
    moderation.comment_remove(comment=comment, by=moderator)
    assert stored(comment) == counted(comment) == NONE_OPEN

    moderation.comment_restore(comment=comment, by=moderator)
    submit(comment, reason="other")
    assert stored(comment) == counted(comment)
    assert stored(comment)[0] == 1

    moderation.reader_ban(reader=comment.author, by=moderator, comment=comment)
    assert stored(comment) == counted(comment) == NONE_OPEN


def test_a_moderator_acting_on_a_stale_copy_closes_the_reports_that_arrived_since():
    comment = CommentFactory()
    stale = Comment.objects.get(pk=comment.pk)
    submit(comment)
    submit(comment)
    moderation.comment_remove(comment=stale, by=make_moderator())
    assert stored(comment) == counted(comment) == NONE_OPEN
    assert not Report.objects.open().exists()


def test_reported_queue_lists_only_comments_with_open_reports(client):
    client.force_login(make_moderator())
    kept, cleared = CommentFactory(text="Still reported"), CommentFactory(text="Cleared by a mod")
    submit(kept)
    submit(cleared)
    moderation.comment_dismiss_reports(comment=cleared, by=make_moderator())
    html = client.get(reverse("admin:articles_reportedcomment_changelist")).content.decode()
    assert "Still reported" in html and "Cleared by a mod" not in html
    assert "1 reported comment" in html


def test_the_database_refuses_a_report_count_without_report_times():
    comment = CommentFactory()
    with pytest.raises(IntegrityError):
        Comment.objects.filter(pk=comment.pk).update(open_report_count=2)


def test_the_data_migration_fills_the_figures_of_existing_reported_comments():
    reported, cleared, quiet = CommentFactory(), CommentFactory(), CommentFactory()
    ReportFactory(comment=reported, reason="spam")
    ReportFactory(comment=reported, reason="hate")
    ReportFactory(comment=cleared, status="dismissed")
    Comment.objects.update(open_report_count=0, first_reported_at=None, last_reported_at=None)

    migration = importlib.import_module("articles.migrations.0009_report_stats")
    migration.fill_report_figures(apps, connection.schema_editor())

    assert stored(reported) == counted(reported)
    assert stored(reported)[0::3] == (2, {"spam": 1, "hate": 1})
    assert stored(cleared) == stored(quiet) == NONE_OPEN


def in_thread(job):
    """``job`` run in a thread, closing the thread's database connection at the end."""

    def run():
        try:
            job()
        finally:
            connections.close_all()

    return run


def run_together(*jobs):
    """Start every job at once, each in its own thread with its own database connection."""
    start = threading.Barrier(len(jobs))

    def run(job):
        start.wait()
        job()

    threads = [threading.Thread(target=in_thread(lambda job=job: run(job))) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)


def needs_row_locks():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers need PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_reports_are_each_counted_once(settings):
    needs_row_locks()
    settings.COMMENTS_AUTO_HIDE_REPORTS = 1000
    comment = CommentFactory()
    readers = [make_reader() for _ in range(12)]
    run_together(*[lambda reader=reader: submit(comment, reader) for reader in readers])
    assert stored(comment) == counted(comment)
    assert stored(comment)[0] == 12


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_report_sent_while_a_moderator_dismisses_is_closed_with_the_others():
    """The dismissal waits for the report's transaction, then closes it: nothing is left open
    and uncounted."""
    needs_row_locks()
    comment, moderator, reader = CommentFactory(), make_moderator(), make_reader()
    submit(comment)
    reported, release = threading.Event(), threading.Event()

    def report_slowly():
        with transaction.atomic():
            submit(comment, reader)
            reported.set()
            release.wait(timeout=10)

    def dismiss():
        moderation.comment_dismiss_reports(comment=Comment.objects.get(pk=comment.pk), by=moderator)

    reporting = threading.Thread(target=in_thread(report_slowly))
    reporting.start()
    reported.wait(timeout=10)
    dismissing = threading.Thread(target=in_thread(dismiss))
    dismissing.start()
    time.sleep(0.5)  # let the dismissal reach the comment's row before the report commits
    release.set()
    reporting.join(timeout=10)
    dismissing.join(timeout=10)

    assert stored(comment) == counted(comment) == NONE_OPEN
    assert Report.objects.filter(comment=comment, status="dismissed").count() == 2
