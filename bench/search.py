"""Search benchmark: what the search page runs for typical one- to three-word queries.

Run against a PostgreSQL database holding a generated archive (not the test database):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_archive \\
        python manage.py generate_archive --articles 100000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_archive python bench/search.py

Each query is timed as the page does its work: the result count, the first page of 20 best
matches with their sections, hero images and bylines, and the highlighted snippets. Prints
the median and 95th percentile in milliseconds. Target: median < 50 ms, p95 < 150 ms.
"""

import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
os.environ.setdefault("DEBUG", "true")

import django  # noqa: E402

django.setup()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402

from articles.models import Article  # noqa: E402
from articles.search import get_backend, search_articles  # noqa: E402

ROUNDS = 3
QUERIES = 60
PAGE_SIZE = 20
STOP_WORDS = {"the", "and", "for", "with", "that", "this", "from", "was", "are", "has", "have"}


def typical_queries(count: int, seed: int = 42) -> list[str]:
    """One to three consecutive words of the headlines of random stories in the archive: what
    readers remember of a story (a name, a place, a subject), as they would type it."""
    rng = random.Random(seed)
    ids = sorted(Article.objects.live().values_list("pk", flat=True))
    headlines = Article.objects.filter(pk__in=rng.sample(ids, count * 2)).order_by("pk")
    queries = []
    for headline in headlines.values_list("headline", flat=True):
        words = re.findall(r"[A-Za-z][A-Za-z'-]+", headline)
        size = rng.choice((1, 2, 2, 3))
        start = rng.randrange(max(1, len(words) - size + 1))
        phrase = words[start : start + size]
        if any(len(word) > 3 and word.lower() not in STOP_WORDS for word in phrase):
            queries.append(" ".join(phrase).lower())
    return queries[:count]


def run_page(query: str) -> int:
    backend = get_backend()
    paginator = Paginator(search_articles(query=query), PAGE_SIZE)
    page = paginator.page(1) if paginator.count else []
    for article in page:
        backend.snippet(article, query)
    return paginator.count


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    if connection.vendor != "postgresql":
        sys.exit("The benchmark measures PostgreSQL full-text search: set DATABASE_URL.")
    total = Article.objects.live().count()
    queries = typical_queries(QUERIES)
    for query in queries[:5]:  # warm the cache as a running site would be
        run_page(query)
    timings, matches = [], []
    for _ in range(ROUNDS):
        for query in queries:
            started = time.perf_counter()
            matches.append(run_page(query))
            timings.append((time.perf_counter() - started) * 1000)
    print(f"{total} live articles, {len(queries)} queries x {ROUNDS} rounds")
    print(f"matches per query: median {statistics.median(matches):.0f}, max {max(matches)}")
    print(f"median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms")
    slowest = sorted(zip(timings, queries * ROUNDS, strict=True), reverse=True)[:3]
    print("slowest: " + "; ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))


if __name__ == "__main__":
    main()
