"""Time the moderators' reported queue with 10,000 reported comments.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_comments \
        .venv/bin/python bench/moderation_queue.py

Migrates the database, creates the reported comments once (bulk_create; kept for later runs),
then requests the admin's reported-queue page as a signed-in moderator and prints the median and
95th-percentile time and the number of SQL queries per page.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
os.environ.setdefault("DEBUG", "true")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import (  # noqa: E402
    Article,
    ArticleStatus,
    Comment,
    Report,
    ReportReason,
    Section,
    User,
)
from articles.roles import moderators_group  # noqa: E402

COMMENTS = int(os.environ.get("BENCH_COMMENTS", 10_000))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", 20))
REPORTERS = 60
ARTICLES = 40
PREFIX = "bench-queue"


def populate() -> None:
    existing = Comment.objects.filter(article__slug__startswith=PREFIX).count()
    if existing >= COMMENTS:
        return
    now = timezone.now()
    section, _ = Section.objects.get_or_create(slug=PREFIX, defaults={"name": "Bench queue"})
    articles = [
        Article.objects.get_or_create(
            slug=f"{PREFIX}-{n}",
            defaults={
                "headline": f"Bench story {n}",
                "section": section,
                "status": ArticleStatus.PUBLISHED,
                "published_at": now - timezone.timedelta(hours=n + 1),
            },
        )[0]
        for n in range(ARTICLES)
    ]
    authors = [User.objects.get_or_create(username=f"{PREFIX}-author-{n}")[0] for n in range(100)]
    reporters = [
        User.objects.get_or_create(username=f"{PREFIX}-reporter-{n}")[0] for n in range(REPORTERS)
    ]
    reasons = ReportReason.values
    comments = Comment.objects.bulk_create(
        (
            Comment(
                article=articles[n % ARTICLES],
                author=authors[n % len(authors)],
                text=f"Reported bench comment number {n}, with enough words to look real.",
                status="hidden" if n % 17 == 0 else "visible",
                auto_hidden_at=now if n % 17 == 0 else None,
                created_at=now - timezone.timedelta(minutes=n),
            )
            for n in range(existing, COMMENTS)
        ),
        batch_size=2000,
    )
    reports = []
    for n, comment in enumerate(comments):
        for k in range(1 + n % 4):
            reporter = reporters[(n + k * 7) % REPORTERS]
            reports.append(
                Report(
                    comment=comment,
                    reporter=reporter,
                    reporter_key=f"user:{reporter.pk}",
                    reason=reasons[(n + k) % len(reasons)],
                    created_at=comment.created_at + timezone.timedelta(minutes=k + 1),
                )
            )
    Report.objects.bulk_create(reports, batch_size=5000)
    Comment.objects.filter(pk__in=[comment.pk for comment in comments]).refresh_report_figures()


def measure(client: Client, url: str) -> tuple[float, float, int]:
    client.get(url)  # warm up
    timings = []
    for _ in range(REQUESTS):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    p95 = statistics.quantiles(timings, n=20)[-1]
    return statistics.median(timings), p95, len(queries.captured_queries)


def main() -> None:
    call_command("migrate", verbosity=0)
    populate()
    setup_test_environment()
    moderator, _ = User.objects.get_or_create(
        username=f"{PREFIX}-moderator", defaults={"is_staff": True}
    )
    moderator.groups.add(moderators_group())
    client = Client()
    client.force_login(moderator)
    queue = reverse("admin:articles_reportedcomment_changelist")
    open_reports = Report.objects.open().count()
    reported = Comment.objects.awaiting_review().count()
    print(
        f"database: {connection.vendor}; {reported} reported comments, {open_reports} open reports"
    )
    for label, query in [
        ("default order (auto-hidden, count)", ""),
        ("sorted by report count", "?o=-4"),
        ("filtered by reason", "?reason=hate"),
        ("page 100", "?p=100"),
    ]:
        median, p95, count = measure(client, queue + query)
        print(f"{label:<36} median {median:7.1f} ms   p95 {p95:7.1f} ms   {count} queries")


if __name__ == "__main__":
    main()
