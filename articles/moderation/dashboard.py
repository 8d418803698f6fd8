"""The moderation dashboard's figures, as aggregate queries (a fixed number whatever the data)."""

import math
import statistics
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from articles.models import Article, Comment, Report, ReportReason, ReportStatus, User

RESOLUTION_WINDOW = timedelta(days=7)
TOP_ARTICLES = 10
# A reporter needs this many resolved reports before their upheld rate means anything.
REPORTER_MIN_RESOLVED = 3
REPORTER_LOW_UPHELD_RATE = 0.25


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile: the smallest value with ``fraction`` of the data at or below."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def upheld_rate(upheld: int, resolved: int) -> float | None:
    return upheld / resolved if resolved else None


def resolution_hours(*, since) -> list[float]:
    """Hours from a comment's first report to the decision that closed it, per decision."""
    decisions = (
        Report.objects.resolved()
        .filter(resolved_at__gte=since)
        .values("comment_id", "resolved_at")
        .annotate(first_report=Min("created_at"))
        .order_by()
    )
    return [(row["resolved_at"] - row["first_report"]).total_seconds() / 3600 for row in decisions]


def dashboard_figures(*, now=None) -> dict:
    now = now or timezone.now()
    day, week = now - timedelta(days=1), now - timedelta(days=7)
    reports = Report.objects.aggregate(
        open=Count("pk", filter=Q(status=ReportStatus.OPEN)),
        oldest_open=Min("created_at", filter=Q(status=ReportStatus.OPEN)),
        received_day=Count("pk", filter=Q(created_at__gte=day)),
        received_week=Count("pk", filter=Q(created_at__gte=week)),
        # Reports by readers without an account: they count here but never hide a comment.
        anonymous_day=Count("pk", filter=Q(created_at__gte=day, reporter__isnull=True)),
        anonymous_week=Count("pk", filter=Q(created_at__gte=week, reporter__isnull=True)),
        resolved_day=Count("pk", filter=Q(resolved_at__gte=day)),
        resolved_week=Count("pk", filter=Q(resolved_at__gte=week)),
    )
    pending = Comment.objects.pending().aggregate(count=Count("pk"), oldest=Min("created_at"))
    hours = resolution_hours(since=now - RESOLUTION_WINDOW)
    target = settings.MODERATION_TARGET_HOURS

    labels = dict(ReportReason.choices)
    by_reason = [
        {
            "reason": labels.get(row["reason"], row["reason"]),
            "total": row["total"],
            "open": row["open"],
            "upheld": row["upheld"],
            "resolved": row["resolved"],
            "upheld_rate": upheld_rate(row["upheld"], row["resolved"]),
        }
        for row in Report.objects.values("reason")
        .annotate(
            total=Count("pk"),
            open=Count("pk", filter=Q(status=ReportStatus.OPEN)),
            upheld=Count("pk", filter=Q(status=ReportStatus.UPHELD)),
            resolved=Count("pk", filter=~Q(status=ReportStatus.OPEN)),
        )
        .order_by("-total", "reason")
    ]
    articles = (
        Article.objects.filter(comments__reports__created_at__gte=week)
        .annotate(report_count=Count("comments__reports"))
        .order_by("-report_count", "headline")[:TOP_ARTICLES]
    )
    reporters = list(
        Report.objects.exclude(reporter_key="")
        .values("reporter_key", "reporter_id")
        .annotate(
            resolved=Count("pk", filter=~Q(status=ReportStatus.OPEN)),
            upheld=Count("pk", filter=Q(status=ReportStatus.UPHELD)),
        )
        .filter(resolved__gte=REPORTER_MIN_RESOLVED)
        .order_by("upheld", "-resolved")
    )
    low = [row for row in reporters if row["upheld"] / row["resolved"] < REPORTER_LOW_UPHELD_RATE]
    names = User.objects.in_bulk([row["reporter_id"] for row in low if row["reporter_id"]])
    reporters_low = [
        {
            **row,
            "upheld_rate": row["upheld"] / row["resolved"],
            "name": names[row["reporter_id"]].public_name if row["reporter_id"] in names else None,
        }
        for row in low
    ]

    return {
        "now": now,
        "reports": reports,
        "oldest_open_age": now - reports["oldest_open"] if reports["oldest_open"] else None,
        "pending": pending,
        "oldest_pending_age": now - pending["oldest"] if pending["oldest"] else None,
        "resolution": {
            "decisions": len(hours),
            "median_hours": statistics.median(hours) if hours else None,
            "p90_hours": percentile(hours, 0.9),
            "target_hours": target,
            "breaches": sum(1 for value in hours if value > target),
        },
        "by_reason": by_reason,
        "top_articles": list(articles),
        "low_upheld_reporters": reporters_low,
    }
