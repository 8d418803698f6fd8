"""Reads behind the review page: a reader's record and a reporter's track record."""

from django.db.models import Count, F, Q
from django.utils import timezone

from articles.models import Comment, CommentStatus, ReaderSanction, Report, ReportStatus


def reader_record(user) -> dict:
    """Account age, comments by status, reports upheld against them, and any sanction in force."""
    if user is None:
        return {}
    by_status = user.comments.aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in CommentStatus.values},
    )
    upheld = Report.objects.filter(comment__author=user, status=ReportStatus.UPHELD).count()
    return {
        "user": user,
        "joined": user.date_joined,
        "account_age": timezone.now() - user.date_joined,
        "comments": by_status,
        "upheld_reports": upheld,
        "sanction": ReaderSanction.objects.active().filter(reader=user).first(),
        "sanctions": list(ReaderSanction.objects.filter(reader=user).select_related("created_by")),
    }


def reports_with_track_records(comment: Comment) -> list[Report]:
    """The comment's reports, each with its reporter's record: ``resolved`` and ``upheld``."""
    reports = list(comment.reports.select_related("reporter", "resolved_by"))
    records = Report.objects.track_records({report.reporter_key for report in reports})
    for report in reports:
        record = records.get(report.reporter_key, {"resolved": 0, "upheld": 0})
        report.past_resolved, report.past_upheld = record["resolved"], record["upheld"]
        report.past_upheld_rate = (
            round(100 * record["upheld"] / record["resolved"]) if record["resolved"] else None
        )
    return reports


# The queues a moderator reviews from, by the name the review page carries in ``?queue=``.
QUEUE_CHANGELISTS = {
    "reported": "admin:articles_reportedcomment_changelist",
    "pending": "admin:articles_pendingcomment_changelist",
}


# The reported queue: auto-hidden first, then the most reported, then the longest waiting
# (the order of the comment_report_queue index, "pk" included so the admin adds no other).
REPORTED_QUEUE_ORDERING = [
    F("auto_hidden_at").desc(nulls_last=True),
    "-open_report_count",
    "first_reported_at",
    "pk",
]


def queue_comments(queue: str):
    """The comments still waiting in ``queue``, in the order its list shows them."""
    if queue == "reported":
        return Comment.objects.awaiting_review().order_by(*REPORTED_QUEUE_ORDERING)
    if queue == "pending":
        return Comment.objects.pending()
    return Comment.objects.none()


def next_in_queue(queue: str, *, after: Comment) -> Comment | None:
    """What the moderator reviews next: the first comment still waiting in ``queue``, other
    than the one just decided (which may still wait, e.g. after a suspension)."""
    return queue_comments(queue).exclude(pk=after.pk).first()
