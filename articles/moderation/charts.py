"""The moderation dashboard's charts: figures over time, laid out for server-drawn SVG.

Each chart is a dict the template draws as an accessible ``<svg role="img">`` (title and
description) with the same numbers in a table, so it needs no script and fits the CSP.
"""

from datetime import datetime, time, timedelta
from itertools import pairwise

from django.conf import settings
from django.db.models import Aggregate, Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from articles.models import Report
from articles.moderation.dashboard import resolution_hours

DAYS = 30
# Chart area in SVG user units; the SVG scales to its container.
WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 220, 40, 24, 12
# Time to decision, in hours: the buckets of the distribution.
DECISION_BUCKETS = [1, 2, 4, 8, 24, 48]


def _days(now) -> list:
    today = timezone.localdate(now)
    return [today - timedelta(days=offset) for offset in range(DAYS - 1, -1, -1)]


def _end_of(day):
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _scale(values: list[float]) -> float:
    """A round top for the y axis, at least 1."""
    top = max([*values, 1])
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top <= step * 4:
            return step * 4
    return top


def _day_labels(days: list) -> list[str]:
    return [date_format(day, "j M") for day in days]


def _bars(series: list[dict], labels: list[str], *, marker: float | None = None):
    """Grouped bars: for each label one bar per series, with positions in SVG units."""
    top = _scale([value for s in series for value in s["values"]] + ([marker] if marker else []))
    plot_w, plot_h = WIDTH - LEFT, HEIGHT - BOTTOM - TOP
    slot = plot_w / max(len(labels), 1)
    bar_w = max(slot * 0.8 / len(series), 1)
    bars = []
    for i, label in enumerate(labels):
        for j, s in enumerate(series):
            value = s["values"][i]
            height = plot_h * value / top
            bars.append(
                {
                    "x": round(LEFT + i * slot + slot * 0.1 + j * bar_w, 1),
                    "y": round(TOP + plot_h - height, 1),
                    "width": round(bar_w, 1),
                    "height": round(height, 1),
                    "fill": s["colour"],
                    "label": _("%(label)s: %(series)s, %(value)s")
                    % {"label": label, "series": s["name"], "value": f"{value:g}"},
                }
            )
    ticks = [
        {"y": round(TOP + plot_h - plot_h * k / 4, 1), "value": f"{top * k / 4:g}"}
        for k in range(5)
    ]
    every = max(1, len(labels) // 6)
    x_labels = [
        {"x": round(LEFT + i * slot + slot / 2, 1), "text": label}
        for i, label in enumerate(labels)
        if i % every == 0
    ]
    chart = {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "baseline": TOP + plot_h,
        "bars": bars,
        "ticks": ticks,
        "x_labels": x_labels,
        "series": series,
        "rows": [
            {"label": label, "values": [s["values"][i] for s in series]}
            for i, label in enumerate(labels)
        ],
    }
    if marker is not None:
        chart["marker_y"] = round(TOP + plot_h - plot_h * marker / top, 1)
    return chart


def reports_per_day(*, now=None) -> dict:
    """Reports received and resolved on each of the last 30 days (local days)."""
    now = now or timezone.now()
    days = _days(now)
    since = timezone.make_aware(datetime.combine(days[0], time.min))
    tz = timezone.get_current_timezone()

    def per_day(field):
        rows = (
            Report.objects.filter(**{f"{field}__gte": since})
            .annotate(day=TruncDate(field, tzinfo=tz))
            .values("day")
            .annotate(count=Count("pk"))
            .order_by()
        )
        counts = {row["day"]: row["count"] for row in rows}
        return [counts.get(day, 0) for day in days]

    series = [
        {"name": _("Received"), "colour": "#417690", "values": per_day("created_at")},
        {"name": _("Resolved"), "colour": "#79aec8", "values": per_day("resolved_at")},
    ]
    return _bars(series, _day_labels(days))


def queue_over_time(*, now=None) -> dict:
    """At the end of each of the last 30 days: reports open, and the oldest one's age in hours.

    One aggregate query: a conditional count and minimum per day."""
    now = now or timezone.now()
    days = _days(now)
    ends = [min(_end_of(day), now) for day in days]

    def open_at(moment):
        return Q(created_at__lte=moment) & (Q(resolved_at__isnull=True) | Q(resolved_at__gt=moment))

    aggregates: dict[str, Aggregate] = {}
    for i, moment in enumerate(ends):
        aggregates[f"open_{i}"] = Count("pk", filter=open_at(moment))
        aggregates[f"oldest_{i}"] = Min("created_at", filter=open_at(moment))
    row = Report.objects.aggregate(**aggregates)
    sizes = [row[f"open_{i}"] for i in range(len(days))]
    ages = [
        round((moment - row[f"oldest_{i}"]).total_seconds() / 3600, 1) if row[f"oldest_{i}"] else 0
        for i, moment in enumerate(ends)
    ]
    labels = _day_labels(days)
    return {
        "size": _bars(
            [{"name": _("Open reports"), "colour": "#417690", "values": sizes}],
            labels,
        ),
        "age": _bars(
            [{"name": _("Oldest open report, hours"), "colour": "#ba2121", "values": ages}],
            labels,
            marker=settings.MODERATION_TARGET_HOURS,
        ),
    }


def decision_times(*, now=None) -> dict:
    """How long decisions took over the last 30 days, in buckets, against the target."""
    now = now or timezone.now()
    hours = resolution_hours(since=now - timedelta(days=DAYS))
    edges = [0, *DECISION_BUCKETS]
    labels = [
        _("%(low)s to %(high)s h") % {"low": f"{low:g}", "high": f"{high:g}"}
        for low, high in pairwise(edges)
    ]
    labels.append(_("over %(hours)s h") % {"hours": DECISION_BUCKETS[-1]})
    counts = [0] * len(labels)
    for value in hours:
        index = next(
            (i for i, high in enumerate(DECISION_BUCKETS) if value <= high), len(labels) - 1
        )
        counts[index] += 1
    target = settings.MODERATION_TARGET_HOURS
    within = sum(1 for value in hours if value <= target)
    chart = _bars([{"name": _("Decisions"), "colour": "#417690", "values": counts}], labels)
    # Bars wholly past the target are drawn in the error colour.
    for bar, low in zip(chart["bars"], edges, strict=False):
        if low >= target:
            bar["fill"] = "#ba2121"
    chart.update(decisions=len(hours), within_target=within, target_hours=target)
    return chart


def dashboard_charts(*, now=None) -> dict:
    now = now or timezone.now()
    return {
        "reports": reports_per_day(now=now),
        "queue": queue_over_time(now=now),
        "decisions": decision_times(now=now),
        "days": DAYS,
    }
