"""Profile the cold path in-process: where a page nobody has asked for yet spends its time.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_bench \\
        .venv/bin/python bench/profile_pages.py [--repeat 30] [--top 25] [--pages article section]

Production settings with nothing cached anywhere (``CACHE_URL=dummycache://``, page cache off),
the same pages as bench/serve.py (the 300-comment story is made when missing). Each page is
requested through Django's full stack (middleware, view, templates, context processors) with
the test client ``--repeat`` times under cProfile, after a few unprofiled warm-up requests.
It prints, per page: milliseconds per request (wall clock, and the CPU time of this process,
which the other work on a shared machine disturbs far less), SQL queries per request and the
time they took, a breakdown by area (template rendering, URL reversing, context processors,
database, the rest), then the top functions by cumulative and by own time.
"""

import argparse
import cProfile
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Where each area's time is counted: a function's cumulative time, once per call stack (the
# outermost frame matching the area; recursion is not counted twice by cProfile).
AREAS = {
    "template rendering": [("django/template/backends/jinja2.py", "render")],
    "URL reversing": [("django/urls/base.py", "reverse")],
    # The site parts the context processor hands out lazily, read when a template draws them.
    "context processors": [("articles/context_processors.py", "_part")],
    "SQL (execute + fetch)": [
        ("django/db/backends/utils.py", "execute"),
        ("django/db/backends/utils.py", "executemany"),
    ],
    "model instances from rows": [("django/db/models/query.py", "__iter__")],
}

# Calls counted per request, by (file ending, function).
COUNTED = {
    "URL reversals": ("django/urls/base.py", "reverse"),
    "macro calls": ("jinja2/runtime.py", "__call__"),
    "urlize calls": ("django/utils/html.py", "urlize"),
    "escapes": ("django/utils/html.py", "escape"),
}


def configure() -> str:
    """Production settings, nothing cached; the static files collected (their manifest is
    read on every page) into a temporary directory, whose path is returned."""
    os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-use")
    os.environ.update(
        {
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "CACHE_URL": "dummycache://",
            "PAGE_CACHE_SECONDS": "0",
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "newsarchive.settings",
        }
    )
    static_root = tempfile.mkdtemp(prefix="newsarchive-static-")
    os.environ["STATIC_ROOT"] = static_root
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True
    )
    return static_root


def area_seconds(stats: pstats.Stats) -> dict[str, float]:
    """Cumulative seconds per area, from the outermost matching entry of each function."""
    totals = {}
    for area, functions in AREAS.items():
        seconds = 0.0
        for (filename, _, name), (_, _, _, cumulative, _) in stats.stats.items():
            if any(filename.endswith(path) and name == wanted for path, wanted in functions):
                seconds = max(seconds, cumulative)  # nested entries are inside the outer one
        totals[area] = seconds
    return totals


def profile_page(client, path: str, *, repeat: int, top: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    query_count = len(queries.captured_queries)
    query_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000

    timings, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(repeat):
        client.get(path)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt

    print(f"\n=== {path}")
    print(
        f"Without the profiler: fastest {min(timings):.1f} ms, median "
        f"{statistics.median(timings):.1f} ms per request; {query_count} SQL queries taking "
        f"{query_ms:.1f} ms; {len(response.content) // 1024} KB"
    )
    print(
        f"CPU time of this process (what other work on the machine disturbs least): fastest "
        f"{min(cpu):.1f} ms, median {statistics.median(cpu):.1f} ms per request"
    )
    calls = dict.fromkeys(COUNTED, 0)
    for (filename, _, name), (_, made, _, _, _) in stats.stats.items():
        for label, (path_end, wanted) in COUNTED.items():
            if filename.endswith(path_end) and name == wanted:
                calls[label] += made
    print(
        f"Per request (the same however loaded the machine is): {stats.total_calls // repeat} "
        "function calls; "
        + ", ".join(f"{count // repeat} {label}" for label, count in calls.items())
    )
    print(f"Under cProfile {total * 1000 / repeat:.1f} ms per request, by area (overlapping):")
    for area, seconds in area_seconds(stats).items():
        print(f"  {area:<28}{seconds * 1000 / repeat:>8.1f} ms{seconds / total:>7.0%}")
    for order in ("cumulative", "tottime"):
        print(f"\nTop {top} by {order} time ({repeat} requests):")
        stats.sort_stats(order).print_stats(top)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=30, help="profiled requests per page")
    parser.add_argument("--top", type=int, default=25, help="functions listed per ordering")
    parser.add_argument(
        "--pages",
        nargs="+",
        default=["article, 300 comments", "section"],
        help="pages by their bench/serve.py name (default: the article and section pages)",
    )
    arguments = parser.parse_args()
    static_root = configure()
    try:
        from bench.serve import pick_pages

        pages = pick_pages()  # sets Django up
        from django.test import Client

        client = Client()
        for name in arguments.pages:
            profile_page(client, pages[name], repeat=arguments.repeat, top=arguments.top)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


if __name__ == "__main__":
    main()
