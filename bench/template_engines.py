"""What Jinja2 would buy: one listing's 20 teasers drawn by both engines, in one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_bench \\
        .venv/bin/python bench/template_engines.py [--repeat 300]

The Django side is the real ``includes/article_teaser.html`` (with ``includes/picture.html``)
included once per story, as the section page does. The Jinja2 side is the same markup written
as two macros (``bench/jinja2/teasers.html``), run through Django's own
``django.template.backends.jinja2`` backend with autoescaping and Django's ``date`` formatting.
Both draw the same 20 prefetched stories (no query while drawing); their output is checked to
be the same HTML (whitespace aside) before anything is timed. The engines take turns, render by
render, so load on a shared machine falls on both alike: the ratio is the figure to read.
"""

import argparse
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


DJANGO_TEASERS = (
    '{% for article in articles %}{% include "includes/article_teaser.html" '
    "with show_standfirst=True %}\n{% endfor %}"
)


def jinja_engine():
    """Django's Jinja2 backend over bench/jinja2/, with Django's date formatting as ``date``."""
    from django.template.backends.jinja2 import Jinja2
    from django.utils import dateformat, timezone

    directory = ROOT / "bench" / "jinja2"
    engine = Jinja2({"NAME": "jinja2", "DIRS": [directory], "APP_DIRS": False, "OPTIONS": {}})
    engine.env.filters["date"] = lambda value, fmt: dateformat.format(
        timezone.localtime(value), fmt
    )
    engine.env.globals["ISO"] = "Y-m-d\\TH:i:sO"
    return engine


def same_html(first: str, second: str) -> bool:
    def squeeze(html: str) -> str:
        return re.sub(r"\s+", " ", html).replace("> <", "><").strip()

    return squeeze(first) == squeeze(second)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=300, help="renders per engine")
    arguments = parser.parse_args()

    from bench.profile_pages import configure

    configure()
    import django

    django.setup()
    from django.db import connection
    from django.template import engines
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    articles = list(Article.objects.on_fronts().for_listing()[:20])
    if not articles:
        raise SystemExit("No stories in this database: run generate_archive first.")
    django_template = engines["django"].from_string(DJANGO_TEASERS)
    jinja_template = jinja_engine().get_template("teasers.html")
    context = {"articles": articles}
    with CaptureQueriesContext(connection) as queries:
        drawn_by_django = django_template.render(context)
        drawn_by_jinja = jinja_template.render(context)
    assert not queries.captured_queries, "drawing must not query"
    assert same_html(drawn_by_django, drawn_by_jinja), "the engines draw different HTML"

    timings: dict[str, list[float]] = {"Django templates": [], "Jinja2": []}
    templates = {"Django templates": django_template, "Jinja2": jinja_template}
    for _ in range(arguments.repeat):
        for name, template in templates.items():
            started = time.perf_counter()
            template.render(context)
            timings[name].append((time.perf_counter() - started) * 1000)

    print(f"{len(articles)} teasers, {len(drawn_by_django) // 1024} KB, {arguments.repeat} renders")
    fastest = {name: min(values) for name, values in timings.items()}
    for name, values in timings.items():
        print(
            f"  {name:<18} fastest {min(values):6.2f} ms, median "
            f"{statistics.median(values):6.2f} ms"
        )
    print(f"Jinja2 draws them {fastest['Django templates'] / fastest['Jinja2']:.1f} times faster")


if __name__ == "__main__":
    main()
