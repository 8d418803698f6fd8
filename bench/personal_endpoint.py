"""CPU per request of the personal endpoint, and of the ceiling's page, in-process.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_bench100k \\
        .venv/bin/python bench/personal_endpoint.py [--requests 2000] [--batches 5]

Production settings, sessions and the cache in Redis (``--cache-url``). Calls the WSGI
application directly (no server, no load generator) for ``/accounts/me/?article=`` with a
signed-in reader's cookies (the session and the CSRF cookie a browser has) on the story with
300 comments, and for the ceiling's view (bench/ceiling.py: the same story's page from
memory). Prints the best of ``--batches`` batches, per request: the CPU time of this process,
of the PostgreSQL backend serving it and of Redis. CPU time is disturbed far less than
requests per second by the other work on a shared machine; bench/serve.py --only-personal
gives the requests per second under load.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def wsgi_get(application, path: str, query: str = "", cookie: str = "") -> tuple[str, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
    }
    status = []
    body = b"".join(application(environ, lambda line, headers, info=None: status.append(line)))
    return status[0], body


def process_seconds(pid: int) -> float:
    """User and system CPU time of a process, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def redis_seconds(url: str) -> float:
    import redis

    info = redis.Redis.from_url(url).info("cpu")
    return info["used_cpu_user"] + info["used_cpu_sys"]


def best_per_request(call, requests: int, batches: int, backend_pid: int, cache_url: str):
    """The fastest batch's CPU per request in milliseconds: this process, PostgreSQL, Redis.
    (Redis's figure counts whatever else it serves meanwhile; on a shared machine, a little.)"""
    for _ in range(100):
        call()
    best = None
    for _ in range(batches):
        started = (time.process_time(), process_seconds(backend_pid), redis_seconds(cache_url))
        for _ in range(requests):
            call()
        ended = (time.process_time(), process_seconds(backend_pid), redis_seconds(cache_url))
        spent = zip(started, ended, strict=True)
        figures = tuple((end - start) * 1000 / requests for start, end in spent)
        best = figures if best is None or sum(figures) < sum(best) else best
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per batch")
    parser.add_argument("--batches", type=int, default=5)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/12")
    arguments = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database holding the generated archive.")

    from bench.serve import pick_pages, production_environment, signed_in_cookie

    static_root = tempfile.mkdtemp(prefix="newsarchive-static-")
    os.environ.update(
        production_environment(CACHE_URL=arguments.cache_url, STATIC_ROOT=static_root)
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    call_command("collectstatic", "--noinput", verbosity=0)
    site = WSGIHandler()
    page = pick_pages()["article, 300 comments"]
    story = Article.objects.get(slug="bench-story-with-300-comments")
    cookie = signed_in_cookie()
    status, article_page = wsgi_get(site, page)
    assert status.startswith("200"), status
    status, body = wsgi_get(site, "/accounts/me/", f"article={story.pk}", cookie)
    assert status.startswith("200") and b'"signed_in": true' in body, (status, body[:200])

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend_pid = cursor.fetchone()[0]
    run = {"requests": arguments.requests, "batches": arguments.batches}
    personal = best_per_request(
        lambda: wsgi_get(site, "/accounts/me/", f"article={story.pk}", cookie),
        **run,
        backend_pid=backend_pid,
        cache_url=arguments.cache_url,
    )

    page_file = Path(static_root) / "ceiling.html"
    page_file.write_bytes(article_page)
    os.environ["CEILING_PAGE"] = str(page_file)
    from bench import ceiling

    ceiling_figures = best_per_request(
        lambda: wsgi_get(ceiling.application, "/"),
        **run,
        backend_pid=backend_pid,
        cache_url=arguments.cache_url,
    )

    print(
        f"CPU per request, best of {arguments.batches} batches of {arguments.requests} "
        f"(load average {os.getloadavg()[0]:.1f}):"
    )
    print(f"{'':<32}{'Django':>9}{'PostgreSQL':>12}{'Redis':>9}{'all':>9}")
    for name, figures in (
        ("/accounts/me/, signed in", personal),
        (f"ceiling ({len(article_page) // 1024} KB page)", ceiling_figures),
    ):
        django_ms, postgres_ms, redis_ms = figures
        print(
            f"{name:<32}{django_ms:>9.3f}{postgres_ms:>12.3f}{redis_ms:>9.3f}{sum(figures):>9.3f}"
        )
    print("(the ceiling asks nothing of PostgreSQL or Redis: its columns there are other work)")


if __name__ == "__main__":
    main()
