"""Serve the site with gunicorn and production settings, load it, and print the figures.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_bench \\
        .venv/bin/python bench/serve.py [--duration 10] [--connections 16]

Needs an archive in that database (``python manage.py generate_archive --articles 100000
--comments-per-article 5``). For each page it runs a load generator (wrk when installed,
else a small threaded Python one) from a second process against:

- cold: the site with nothing cached anywhere (CACHE_URL=dummycache://: no page cache, no
  fragments, no navigation or appeal cache), anonymous: the long tail nobody has asked for yet;
- the site without its page cache (PAGE_CACHE_SECONDS=0; the shared fragments stay on), anonymous;
- the site with its page cache on Redis (CACHE_URL), anonymous and signed in;
- the ceiling: bench/ceiling.py, Django rendering a page of the same size from memory;
- with ``--varnish`` (the default when varnishd is installed): Varnish with the shipped VCL in
  front of gunicorn (in-app page cache off), anonymous and signed in, the personal endpoint
  (``/accounts/me/``) straight from gunicorn, and a purge loop: ``--changes`` edits under load,
  each timed from its commit until Varnish serves it, counting stale reads after that.

It prints requests per second, p50 and p99 latency per page and each figure's share of the
ceiling, then the resident memory of each gunicorn worker after all those requests.
``--only-cold`` measures just the cold column and the ceiling (a short run on a busy machine),
the ceiling again right after each page, and reads each page against that neighbour;
``--only-personal`` does the same for the personal endpoint, three times.
Bounded: every run lasts ``--duration`` seconds and the servers are stopped at the end.
"""

import argparse
import contextlib
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
COMMENT_TEXT = (
    "a reader's view on the story, two or three lines long so that the page weighs what a "
    "busy thread weighs, with a second sentence that adds a little local detail."
)
sys.path.insert(0, str(ROOT))


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(**overrides) -> dict[str, str]:
    environment = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-secret-key-not-for-production-use"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SERVE_MEDIA": "true",
        "LOG_LEVEL": "WARNING",
    }
    environment.update(overrides)
    return environment


class Server:
    """gunicorn on 127.0.0.1, stopped (with its workers) when the block ends."""

    def __init__(self, app: str, environment: dict[str, str], workers: int, port: int = 0):
        self.port = port or free_port()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                app,
                "-c",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--max-requests",
                "0",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"gunicorn exited: {self.process.stderr.read().decode()[-2000:]}"
                )
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start within 30 s")

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)

    def worker_rss_mb(self) -> list[float]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        sizes = []
        for pid in children.read_text().split():
            status = Path(f"/proc/{pid}/status").read_text()
            kilobytes = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            sizes.append(kilobytes / 1024)
        return sizes


def get(url: str, cookie: str = "") -> tuple[int, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request(
        "GET",
        parts.path + (f"?{parts.query}" if parts.query else ""),
        headers={"Cookie": cookie} if cookie else {},
    )
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def load_with_wrk(url: str, *, duration: int, connections: int, cookie: str) -> Result:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: connect (\d+)"):
        match = re.search(pattern, output)
        errors += int(match.group(1)) if match else 0
    return Result(
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        p50_ms=latency("50"),
        p99_ms=latency("99"),
        errors=errors,
    )


def load_with_threads(url: str, *, duration: int, connections: int, cookie: str) -> Result:
    """The fallback load generator: keep-alive connections from threads."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    deadline = time.monotonic() + duration
    lock = threading.Lock()

    def client():
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine, failed = [], 0
        while time.monotonic() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", target, headers={"Cookie": cookie} if cookie else {})
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    failed += 1
            except OSError:
                failed += 1
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return Result(
        requests_per_second=len(latencies) / duration,
        p50_ms=statistics.median(latencies) if latencies else 0.0,
        p99_ms=latencies[int(len(latencies) * 0.99) - 1] if latencies else 0.0,
        errors=errors[0],
    )


def load(url: str, *, duration: int, connections: int, cookie: str = "") -> Result:
    for _ in range(20):  # warm the workers (and, with the cache on, the cache)
        get(url, cookie)
    generator = load_with_wrk if shutil.which("wrk") else load_with_threads
    return generator(url, duration=duration, connections=connections, cookie=cookie)


def pick_pages() -> dict[str, str]:
    """Paths of the pages to measure, found in the database (and the 300-comment story made)."""
    import django

    django.setup()
    from django.db.models import Count
    from django.urls import reverse
    from django.utils import timezone

    from articles.models import Article, Author, Comment, CommentStatus, Section, Tag, User
    from articles.search import refresh_search_vectors

    live = Article.objects.on_fronts()
    template = live.order_by("-published_at").first()
    reader, _ = User.objects.get_or_create(username="bench-commenter")

    def bench_story(slug: str, threads: int) -> Article:
        """A story like the newest one with ``threads`` comments, each with one reply."""
        story = Article.objects.filter(slug=slug).first()
        if story is not None:
            return story
        story = Article.objects.get(pk=template.pk)
        story.pk = story.id = None
        story.slug = slug
        story.published_at = timezone.now() - timedelta(hours=1)
        story.save()
        story.authors.set(template.authors.all())
        story.tags.set(template.tags.all())
        refresh_search_vectors([story.pk])
        now = timezone.now()
        first = Comment.objects.bulk_create(
            Comment(
                article=story,
                author=reader,
                text=f"Bench comment {n}: " + COMMENT_TEXT,
                status=CommentStatus.VISIBLE,
                created_at=now,
            )
            for n in range(threads)
        )
        Comment.objects.bulk_create(
            Comment(
                article=story,
                author=reader,
                parent=parent,
                text="A reply: " + COMMENT_TEXT,
                status=CommentStatus.VISIBLE,
                created_at=now,
            )
            for parent in first
        )
        return story

    quiet = bench_story("bench-story-without-comments", 0)
    busy = bench_story("bench-story-with-300-comments", 150)
    newest = live.order_by("-published_at").first().published_at
    local = timezone.localtime(newest)
    # The section with the most stories: bench/load_test.py adds a small one to the database.
    section = (
        Section.objects.filter(articles__in=live)
        .annotate(stories=Count("articles"))
        .order_by("-stories")
        .first()
    )
    tag = Tag.objects.filter(articles__in=live).distinct().first()
    author = Author.objects.filter(articles__in=live).distinct().first()
    word = max(busy.headline.split(), key=len)
    return {
        "home": reverse("articles:home"),
        "article, 0 comments": quiet.get_absolute_url(),
        "article, 300 comments": busy.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "date archive": reverse(
            "articles:archive-month", kwargs={"year": local.year, "month": f"{local.month:02d}"}
        ),
        "search": f"{reverse('articles:search')}?q={word}",
        "RSS feed": reverse("articles:feed-rss"),
    }


def signed_in_cookie() -> str:
    """A real session for a reader account and a CSRF cookie, as a Cookie header value: what a
    reader's browser sends once it has been to the site (without the CSRF cookie, each request
    would make a new secret and set the cookie again)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore
    from django.utils.crypto import get_random_string

    from articles.models import User

    reader, _ = User.objects.get_or_create(username="bench-reader")
    session = SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "articles.authentication.AccountBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.save()
    return (
        f"{settings.SESSION_COOKIE_NAME}={session.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={get_random_string(32)}"
    )


def purge_loop(front_url: str, path: str, *, changes: int, connections: int) -> dict:
    """Edit the story ``changes`` times while readers load it through Varnish; for each edit,
    how long after its commit Varnish served it, and reads of an older version after that."""
    from articles.models import Article

    story = Article.objects.get(slug=path.rstrip("/").rsplit("/", 1)[1])
    state = {
        "version": -1,
        "committed_at": {},
        "visible_at": {},
        "stale": 0,
        "stale_after_1s": 0,
        "reads": 0,
        "errors": 0,
    }
    stop = threading.Event()
    lock = threading.Lock()

    def reader():
        parts = urlsplit(front_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        while not stop.is_set():
            with lock:
                expected = state["version"]
                asked_at = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                body = response.read().decode()
            except OSError:
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            found = re.search(r"Bench edit (\d+)<", body)
            seen = int(found.group(1)) if found else -1
            with lock:
                state["reads"] += 1
                state["errors"] += response.status >= 500
                if expected >= 0 and seen < expected and expected in state["visible_at"]:
                    state["stale"] += 1  # an older version after the newer one was served
                    if asked_at - state["committed_at"][expected] > 1:
                        state["stale_after_1s"] += 1
                if seen >= 0:
                    state["visible_at"].setdefault(seen, time.perf_counter())

    threads = [threading.Thread(target=reader) for _ in range(connections)]
    for thread in threads:
        thread.start()
    delays = []
    for version in range(changes):
        story.headline = f"Bench edit {version}"
        story.save()  # purged at the commit, before save() returns
        committed = time.perf_counter()
        with lock:
            state["version"] = version
            state["committed_at"][version] = committed
        deadline = committed + 5
        while time.perf_counter() < deadline:
            with lock:
                seen_at = state["visible_at"].get(version)
            if seen_at is not None:
                delays.append(max(seen_at - committed, 0.0))
                break
            time.sleep(0.002)
        else:
            delays.append(float("inf"))
    stop.set()
    for thread in threads:
        thread.join()
    delays.sort()
    return {
        "changes": changes,
        "worst_s": delays[-1],
        "median_s": statistics.median(delays),
        "over_1s": sum(delay > 1 for delay in delays),
        "stale_reads": state["stale"],
        "stale_after_1s": state["stale_after_1s"],
        "reads": state["reads"],
        "errors": state["errors"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/12")
    parser.add_argument(
        "--varnish",
        action=argparse.BooleanOptionalAction,
        default=bool(shutil.which("varnishd") or Path("/usr/sbin/varnishd").exists()),
        help="also measure through Varnish (default: when varnishd is installed)",
    )
    parser.add_argument("--changes", type=int, default=100, help="edits in the purge loop")
    parser.add_argument("--only-varnish", action="store_true", help="skip the runs without Varnish")
    parser.add_argument(
        "--only-cold", action="store_true", help="measure only the cold column and the ceiling"
    )
    parser.add_argument(
        "--only-personal",
        action="store_true",
        help="measure only the personal endpoint, three times, each beside the ceiling",
    )
    arguments = parser.parse_args()

    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to the PostgreSQL database holding the generated archive.")
    os.environ.update(production_environment(CACHE_URL=arguments.cache_url))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
    static_root = tempfile.mkdtemp(prefix="newsarchive-static-")
    os.environ["STATIC_ROOT"] = static_root
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=production_environment(STATIC_ROOT=static_root),
        check=True,
    )
    pages = pick_pages()
    cookie = signed_in_cookie()
    run = {"duration": arguments.duration, "connections": arguments.connections}
    base_environment = production_environment(STATIC_ROOT=static_root)
    rows: list[tuple[str, str, Result]] = []
    memory: list[float] = []
    requests_served = 0

    if arguments.only_cold or arguments.only_personal:
        arguments.only_varnish, arguments.varnish = True, False
    cold = {**base_environment, "PAGE_CACHE_SECONDS": "0", "CACHE_URL": "dummycache://"}
    # With --only-cold the ceiling is also measured right after each page, and each page is
    # read against that one: on a shared machine the load moves within a run.
    beside: dict[int, Result] = {}
    with Server("newsarchive.wsgi", cold, arguments.workers) as server:
        _, article_page = get(server.base + pages["article, 300 comments"])
        page_file = Path(static_root) / "ceiling.html"
        page_file.write_bytes(article_page)
        measured = arguments.only_cold or not arguments.only_varnish
        with contextlib.ExitStack() as stack:
            neighbour = arguments.only_cold and stack.enter_context(
                Server(
                    "bench.ceiling:application",
                    {**base_environment, "CEILING_PAGE": str(page_file)},
                    arguments.workers,
                )
            )
            for name, path in pages.items() if measured else ():
                result = load(server.base + path, **run)
                rows.append((name, "cold, nothing cached", result))
                requests_served += int(result.requests_per_second * arguments.duration)
                if neighbour:
                    beside[len(rows) - 1] = load(neighbour.base + "/", **run)
        if arguments.only_cold:
            memory = server.worker_rss_mb()

    uncached = {**base_environment, "PAGE_CACHE_SECONDS": "0", "CACHE_URL": arguments.cache_url}
    with Server("newsarchive.wsgi", uncached, arguments.workers) as server:
        for name, path in pages.items() if not arguments.only_varnish else ():
            result = load(server.base + path, **run)
            rows.append((name, "anonymous, no page cache", result))
            requests_served += int(result.requests_per_second * arguments.duration)

    with Server(
        "bench.ceiling:application",
        {**base_environment, "CEILING_PAGE": str(page_file)},
        arguments.workers,
    ) as ceiling:
        ceiling_result = load(ceiling.base + "/", **run)

    cached = {**base_environment, "CACHE_URL": arguments.cache_url}
    with Server("newsarchive.wsgi", cached, arguments.workers) as server:
        for name, path in pages.items() if not arguments.only_varnish else ():
            for variant, session in (("anonymous, cached", ""), ("signed in", cookie)):
                result = load(server.base + path, **run, cookie=session)
                rows.append((name, variant, result))
                requests_served += int(result.requests_per_second * arguments.duration)
        if not arguments.only_cold:
            memory = server.worker_rss_mb()

    if arguments.only_personal:
        site = {**base_environment, "PAGE_CACHE_SECONDS": "0", "CACHE_URL": arguments.cache_url}
        measure_personal(site, page_file, arguments, cookie, rows, beside)

    purged = None
    if arguments.varnish:
        purged = measure_through_varnish(arguments, base_environment, pages, cookie, rows, run)

    print(
        f"\nMachine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end; "
        f"{arguments.workers} gunicorn workers; "
        f"{arguments.connections} connections; {arguments.duration} s per figure; "
        f"load generator: {'wrk' if shutil.which('wrk') else 'Python threads'}"
    )
    print(
        f"Ceiling (Django, same page from memory, {len(article_page) // 1024} KB): "
        f"{ceiling_result.requests_per_second:.0f} req/s, p50 {ceiling_result.p50_ms:.1f} ms, "
        f"p99 {ceiling_result.p99_ms:.1f} ms\n"
    )
    if beside:
        print(
            "Each page measured beside the ceiling is read against the run of the ceiling "
            "right after it "
            "(its req/s in the last column).\n"
        )
    header = f"{'page':<24}{'variant':<26}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'ceiling':>9}{'errors':>8}"  # noqa: E501
    print(header + (f"{'beside':>9}" if beside else ""))
    print("-" * (len(header) + (9 if beside else 0)))
    for index, (name, variant, result) in enumerate(rows):
        ceiling = beside.get(index, ceiling_result)
        share = result.requests_per_second / ceiling.requests_per_second
        print(
            f"{name:<24}{variant:<26}{result.requests_per_second:>9.0f}{result.p50_ms:>9.1f}"
            f"{result.p99_ms:>9.1f}{share:>9.0%}{result.errors:>8}"
            + (f"{ceiling.requests_per_second:>9.0f}" if index in beside else "")
        )
    print(
        f"\nWorker memory after the {'cold' if arguments.only_cold else 'cached'} run "
        f"({requests_served} requests in all): " + ", ".join(f"{size:.0f} MB" for size in memory)
    )
    if purged:
        print(
            f"\nPurge loop through Varnish: {purged['changes']} edits under load "
            f"({purged['reads']} reads): visible after the commit in median "
            f"{purged['median_s'] * 1000:.1f} ms, worst {purged['worst_s'] * 1000:.1f} ms; "
            f"{purged['over_1s']} took over 1 s; {purged['stale_reads']} stale reads "
            f"({purged['stale_after_1s']} more than 1 s after the commit); "
            f"{purged['errors']} 5xx"
        )
    shutil.rmtree(static_root, ignore_errors=True)


def measure_through_varnish(arguments, environment, pages, cookie, rows, run):
    """Varnish (shipped VCL) in front of gunicorn with the in-app page cache off: the pages
    through it, the personal endpoint beside it, and the purge loop."""
    from articles.models import Article
    from tests.varnish import Varnish

    workdir = Path(tempfile.mkdtemp(prefix="newsarchive-varnish-"))
    site = {**environment, "PAGE_CACHE_SECONDS": "0", "CACHE_URL": arguments.cache_url}
    front_port = free_port()
    site["VARNISH_PURGE_URLS"] = f"http://127.0.0.1:{front_port}/"
    front = None
    try:
        with Server("newsarchive.wsgi", site, arguments.workers) as server:
            front = Varnish(workdir, server.port, port=front_port)
            for name in ("home", "article, 300 comments", "section", "RSS feed"):
                for variant, session in (
                    ("Varnish, anonymous", ""),
                    ("Varnish, signed in", cookie),
                ):
                    result = load(front.url + pages[name], **run, cookie=session)
                    rows.append((name, variant, result))
            busy = Article.objects.get(slug="bench-story-with-300-comments")
            me = f"{server.base}/accounts/me/?article={busy.pk}"
            rows.append(("/accounts/me/", "signed in, uncached", load(me, **run, cookie=cookie)))
            settings_for_this_process(front.url)
            figures = purge_loop(
                front.url,
                pages["article, 0 comments"],
                changes=arguments.changes,
                connections=arguments.connections,
            )
            # The last edits' repeat purges are still to come: Varnish waits for them.
            from django.conf import settings

            time.sleep(settings.PURGE_REPEAT_SECONDS + 1)
            return figures
    finally:
        if front:
            front.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def measure_personal(site, page_file, arguments, cookie, rows, beside):
    """The personal endpoint straight from gunicorn, three times, each run followed by one of
    the ceiling: on a shared machine the load moves within a run."""
    from articles.models import Article

    busy = Article.objects.get(slug="bench-story-with-300-comments")
    run = {"duration": arguments.duration, "connections": arguments.connections}
    ceiling_site = {**site, "CEILING_PAGE": str(page_file)}
    with (
        Server("newsarchive.wsgi", site, arguments.workers) as server,
        Server("bench.ceiling:application", ceiling_site, arguments.workers) as ceiling,
    ):
        me = f"{server.base}/accounts/me/?article={busy.pk}"
        for _ in range(3):
            rows.append(("/accounts/me/", "signed in, uncached", load(me, **run, cookie=cookie)))
            beside[len(rows) - 1] = load(ceiling.base + "/", **run)


def settings_for_this_process(front_url: str) -> None:
    """The purge loop saves from this process: it purges the Varnish under test."""
    from django.conf import settings

    settings.VARNISH_PURGE_URLS = [f"{front_url}/"]


if __name__ == "__main__":
    main()
