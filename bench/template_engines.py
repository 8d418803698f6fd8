"""What Jinja2 would buy: the cold path's two costliest parts drawn by both engines, in one process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_bench \\
        .venv/bin/python bench/template_engines.py [--repeat 200]

The parts: a list page's 20 teasers (``includes/article_teaser.html`` with
``includes/picture.html``, included once per story as the section page does) and a page of
comment threads of the 300-comment story (``articles/includes/comment_list.html`` including
``comment.html`` for every comment and reply, as ``render_threads`` draws it). The Django side
is the real templates; the Jinja2 side is the same markup written with macros
(``bench/jinja2/``), run through Django's own ``django.template.backends.jinja2`` backend with
autoescaping, Django's ``date`` formatting, ``url()`` and the ``comment_html`` tag. Both draw
the same prefetched objects (no query while drawing); their output is checked to be the same
HTML (whitespace and the spelling of one entity aside) before anything is timed. The engines
take turns, render by render, so load on a shared machine falls on both alike: the ratio is the
figure to read.
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
    """Django's Jinja2 backend over bench/jinja2/, with what the templates use of Django."""
    from django.template.backends.jinja2 import Jinja2
    from django.urls import reverse
    from django.utils import dateformat, timezone

    from articles.templatetags.comment_tags import comment_html

    directory = ROOT / "bench" / "jinja2"
    engine = Jinja2({"NAME": "jinja2", "DIRS": [directory], "APP_DIRS": False, "OPTIONS": {}})
    engine.env.filters["date"] = lambda value, fmt: dateformat.format(
        timezone.localtime(value), fmt
    )
    engine.env.globals.update(
        ISO="Y-m-d\\TH:i:sO",
        url=lambda name, *args: reverse(name, args=args),
        comment_html=comment_html,
    )
    return engine


def same_html(first: str, second: str) -> bool:
    def squeeze(html: str) -> str:
        # Django escapes ' as &#x27;, MarkupSafe as &#39;: the same character.
        html = html.replace("&#x27;", "&#39;")
        return re.sub(r"\s+", " ", html).replace("> <", "><").strip()

    return squeeze(first) == squeeze(second)


def teasers_context() -> dict:
    from articles.models import Article

    articles = list(Article.objects.on_fronts().for_listing()[:20])
    if not articles:
        raise SystemExit("No stories in this database: run generate_archive first.")
    return {"articles": articles}


def comments_context() -> dict:
    """What ``render_threads`` gives comment_list.html for the busiest story's first page."""
    from django.conf import settings
    from django.contrib.auth.models import AnonymousUser
    from django.core.paginator import Paginator

    from articles.models import Article, Comment
    from articles.templatetags.comment_tags import prepare_comment_html
    from articles.views.comments import decorate

    article = Article.objects.get(slug="bench-story-with-300-comments")
    user = AnonymousUser()
    threads = Comment.objects.threads(article=article, user=user)
    page = Paginator(threads, settings.COMMENTS_PER_PAGE).get_page(1)
    comments = list(page.object_list)
    everyone = [*comments, *(reply for comment in comments for reply in comment.replies.all())]
    for comment in everyone:
        decorate(comment, user)
    prepare_comment_html(everyone)
    return {
        "article": article,
        "comments": comments,
        "comments_page": page,
        "comments_order": "oldest",
        "comments_open": True,
    }


def compare(name: str, django_template, jinja_template, context: dict, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        drawn_by_django = django_template.render(context)
        drawn_by_jinja = jinja_template.render(context)
    assert not queries.captured_queries, "drawing must not query"
    assert same_html(drawn_by_django, drawn_by_jinja), f"{name}: the engines draw different HTML"

    timings: dict[str, list[float]] = {"Django templates": [], "Jinja2": []}
    templates = {"Django templates": django_template, "Jinja2": jinja_template}
    for _ in range(repeat):
        for engine, template in templates.items():
            started = time.perf_counter()
            template.render(context)
            timings[engine].append((time.perf_counter() - started) * 1000)

    print(f"\n{name}: {len(drawn_by_django) // 1024} KB, {repeat} renders per engine")
    for engine, values in timings.items():
        print(
            f"  {engine:<18} fastest {min(values):6.2f} ms, median "
            f"{statistics.median(values):6.2f} ms"
        )
    fastest = {engine: min(values) for engine, values in timings.items()}
    print(f"  Jinja2 draws it {fastest['Django templates'] / fastest['Jinja2']:.1f} times faster")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=200, help="renders per engine and part")
    arguments = parser.parse_args()

    from bench.profile_pages import configure

    configure()
    from bench.serve import pick_pages

    pick_pages()  # sets Django up, and makes the 300-comment story if it is missing
    from django.template import engines
    from django.template.loader import get_template

    jinja = jinja_engine()
    compare(
        "20 teasers (a list page)",
        engines["django"].from_string(DJANGO_TEASERS),
        jinja.get_template("teasers.html"),
        teasers_context(),
        arguments.repeat,
    )
    compare(
        "a page of comment threads (the 300-comment story)",
        get_template("articles/includes/comment_list.html"),
        jinja.get_template("comments.html"),
        comments_context(),
        arguments.repeat,
    )


if __name__ == "__main__":
    main()
