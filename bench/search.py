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

from django.db import connection  # noqa: E402

from articles.demo.generator import TextMaker, demo_vocabulary  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.search import (  # noqa: E402
    CappedPaginator,
    get_backend,
    planned_with_index,
    search_articles,
)

ROUNDS = 3
QUERIES = 60
PAGE_SIZE = 20


def everyday_words() -> list[str]:
    """The words every generated topic shares (the generator's everyday vocabulary)."""
    words, counts = demo_vocabulary()
    ranked = sorted(zip(counts, words, strict=True), reverse=True)
    return [word for _, word in ranked[: TextMaker.EVERYDAY_WORDS]]


def typical_queries(count: int, seed: int = 42) -> list[str]:
    """One to three consecutive words of the headlines of random stories in the archive: what
    readers remember of a story (a name, a place, a subject), as they would type it."""
    rng = random.Random(seed)
    everyday = {word.lower() for word in everyday_words()}
    ids = sorted(Article.objects.live().values_list("pk", flat=True))
    headlines = Article.objects.filter(pk__in=rng.sample(ids, count * 4)).order_by("pk")
    queries = []
    for headline in headlines.values_list("headline", flat=True):
        words = re.findall(r"[A-Za-z][A-Za-z'-]+", headline)
        size = rng.choice((1, 2, 2, 3))
        start = rng.randrange(max(1, len(words) - size + 1))
        phrase = words[start : start + size]
        # Readers search for a subject or a name, not only for everyday words like "said".
        if any(len(word) > 3 and word.lower() not in everyday for word in phrase):
            queries.append(" ".join(phrase).lower())
    return queries[:count]


def run_page(query: str) -> int:
    backend = get_backend()
    with planned_with_index():
        paginator = CappedPaginator(search_articles(query=query), PAGE_SIZE)
        page = paginator.page(1) if paginator.count else []
        for article in page:
            backend.snippet(article, query)
    return paginator.matches


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
    print(f"matches per query (counted up to 1,001): median {statistics.median(matches):.0f}")
    print(f"median {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms")
    for label, keep in (("up to 1,000 matches", lambda n: n <= 1000), ("more", lambda n: n > 1000)):
        subset = [t for t, n in zip(timings, matches, strict=True) if keep(n)]
        if subset:
            print(
                f"  {label}: {len(subset)} runs, median {statistics.median(subset):.1f} ms, "
                f"p95 {percentile(subset, 0.95):.1f} ms"
            )
    slowest = sorted(zip(timings, queries * ROUNDS, strict=True), reverse=True)[:3]
    print("slowest: " + "; ".join(f"{q!r} {t:.0f} ms" for t, q in slowest))


if __name__ == "__main__":
    main()
