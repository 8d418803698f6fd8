"""The dashboard's charts: reports per day, the queue over time, time to decision."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Report, ReportStatus
from articles.moderation.charts import (
    dashboard_charts,
    decision_times,
    queue_over_time,
    reports_per_day,
)
from tests.factories import CommentFactory, ReportFactory
from tests.roles import make_moderator

pytestmark = pytest.mark.django_db


def report(*, created_ago: timedelta, resolved_ago: timedelta | None = None) -> Report:
    now = timezone.now()
    row = ReportFactory(comment=CommentFactory())
    Report.objects.filter(pk=row.pk).update(
        created_at=now - created_ago,
        resolved_at=now - resolved_ago if resolved_ago is not None else None,
        status=ReportStatus.DISMISSED if resolved_ago is not None else ReportStatus.OPEN,
    )
    return row


def test_reports_per_day_counts_received_and_resolved_on_their_local_day():
    report(created_ago=timedelta(days=3), resolved_ago=timedelta(days=1))
    report(created_ago=timedelta(days=3))
    report(created_ago=timedelta(days=40))  # before the window
    chart = reports_per_day()
    received = [row["values"][0] for row in chart["rows"]]
    resolved = [row["values"][1] for row in chart["rows"]]
    assert len(chart["rows"]) == 30
    assert sum(received) == 2 and sum(resolved) == 1
    today = timezone.localdate()
    three_days_ago = f"{today - timedelta(days=3):%-d %b}"
    assert {row["label"]: row["values"][0] for row in chart["rows"]}[three_days_ago] == 2


def test_queue_over_time_counts_what_was_open_at_each_days_end():
    report(created_ago=timedelta(days=5), resolved_ago=timedelta(days=2))
    report(created_ago=timedelta(days=4))
    charts = queue_over_time()
    sizes = [row["values"][0] for row in charts["size"]["rows"]]
    ages = [row["values"][0] for row in charts["age"]["rows"]]
    assert sizes[-7:] == [0, 1, 2, 2, 1, 1, 1]
    assert ages[-1] == pytest.approx(4 * 24, abs=0.2)
    assert ages[:20] == [0] * 20


def test_decision_times_fall_in_buckets_and_count_those_within_target(settings):
    settings.MODERATION_TARGET_HOURS = 2
    report(created_ago=timedelta(hours=10), resolved_ago=timedelta(hours=9, minutes=30))
    report(created_ago=timedelta(hours=10), resolved_ago=timedelta(hours=7))
    report(created_ago=timedelta(days=4), resolved_ago=timedelta(days=1))
    chart = decision_times()
    counts = {row["label"]: row["values"][0] for row in chart["rows"]}
    assert counts["0 to 1 h"] == 1 and counts["2 to 4 h"] == 1 and counts["over 48 h"] == 1
    assert (chart["decisions"], chart["within_target"]) == (3, 1)
    past_target = [bar["fill"] for bar in chart["bars"][2:]]
    assert set(past_target) == {"#ba2121"}


def test_charts_take_a_fixed_number_of_queries(django_assert_max_num_queries):
    for days in range(20):
        report(created_ago=timedelta(days=days, hours=1), resolved_ago=timedelta(days=days))
    with django_assert_max_num_queries(4):
        dashboard_charts()


def test_dashboard_draws_accessible_svg_charts_with_their_numbers(client):
    client.force_login(make_moderator())
    report(created_ago=timedelta(hours=3))
    html = client.get(reverse("admin:articles_comment_dashboard")).content.decode()
    assert html.count('role="img" aria-labelledby="chart-') == 4
    assert '<title id="chart-reports-title">Reports received and resolved per day</title>' in html
    assert html.count("<summary>The numbers</summary>") == 4
    assert "<script" not in html.split('id="chart-reports"')[1].split("</figure>")[0]
