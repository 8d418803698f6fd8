"""Load test: gunicorn and PostgreSQL on 127.0.0.1, readers and commenters at once, nothing lost.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/na_comments \\
    CACHE_URL=redis://127.0.0.1:6379/4 \\
        .venv/bin/python bench/load_test.py --duration 60

Migrates the database, adds a small load-test section (live stories with comments open, each
with one visible comment to reply to) and fresh reader accounts, collects the static files into
a temporary STATIC_ROOT and starts ``gunicorn newsarchive.wsgi -c gunicorn.conf.py`` with
production settings (DEBUG off) on a free port. Then, for ``--duration`` seconds:

- readers (default 50) request the home page, story pages, section pages and search;
- commenters (default 10), each signed in through the sign-in form with its own session
  cookie, open a story and post through its comment (or reply) form with the CSRF token the
  page gave them; every comment carries a unique marker. They are new readers, so their
  comments are held for moderation; with ``--trusted-commenters`` they already have approved
  comments, so every comment is published at once (and purges its story at the caches).

Rate limits and pre-moderation apply as in production: a 429 is an expected refusal, and a
comment held for moderation counts as accepted. Afterwards the database must hold every
accepted comment exactly once and no refused one. Prints the figures and "lost: N, duplicated:
N"; exits 1 on any 5xx, connection error, unexpected 4xx, lost, duplicated or wrongly stored
comment, 2 when it cannot run (not PostgreSQL, server does not start). Use CACHE_URL=redis://…
so rate limits and the page cache are shared by the workers as in production.

Public pages are the same for every reader: like comments.js, commenters take their CSRF token
from ``/accounts/me/`` and reply to the threads the page links.

``--attack`` adds attackers (``--attackers``, default 5) beside them: anonymous, flooding the
public pages with random query strings, tracking parameters and Host ports, and reporting
comments as fast as they can. It must cost nothing: no 5xx, report rate limits hold (accepted
reports from the one address stay within the limit), and the cache's footprint stays bounded
(the Redis database's keys and bytes before and after are printed).

``--varnish`` puts Varnish with the shipped VCL (deploy/varnish/default.vcl) in front: every
client goes through it, the site purges it by tag, and the hit ratio of public pages is printed.
"""

import argparse
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
PREFIX = "load-test"
STORIES = 8
PASSWORD = "load test reader password 42"
REQUEST_TIMEOUT = 30
COMMENT_TEXT = (
    "{marker} Reading this from the load test: a fair point about the council's budget, "
    "though the figures for the second year deserve a closer look."
)


def production_environment(static_root: str, port: int, *, workers: int) -> dict:
    """The server's environment: production settings on a local port."""
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        STATIC_ROOT=static_root,
        GUNICORN_BIND=f"{HOST}:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_ACCESS_LOG="/dev/null",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    return env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# --- The site's content and accounts, prepared through the ORM ---------------------------------


def prepare(
    commenters: int, run: str, *, trusted: bool = False
) -> tuple[list[str], list[str], list[int]]:
    """Migrate, make sure there are live stories open for comments, and create the readers
    (``trusted``: each already has published comments, so theirs go straight onto the page).

    Returns the reader URLs and the commenters' user names."""
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from articles.models import Article, ArticleStatus, Comment, CommentStatus, Section, User

    call_command("migrate", verbosity=0)
    now = timezone.now()
    section, _ = Section.objects.get_or_create(slug=PREFIX, defaults={"name": "Load test"})
    seed_author, _ = User.objects.get_or_create(
        username=f"{PREFIX}-seed", defaults={"display_name": "Load test regular"}
    )
    stories = []
    for number in range(STORIES):
        story, _ = Article.objects.get_or_create(
            slug=f"{PREFIX}-story-{number}",
            defaults={
                "headline": f"Council budget under strain, load test story {number}",
                "standfirst": "A story the load test reads and comments on.",
                "body": "<p>The council met on Tuesday to discuss the budget.</p>",
                "section": section,
                "status": ArticleStatus.PUBLISHED,
                "published_at": now - timezone.timedelta(minutes=number + 1),
            },
        )
        if not story.comments_enabled or now - story.published_at > timezone.timedelta(days=1):
            # Comments close a few days after publication: bring the story back to today.
            story.comments_enabled = True
            story.published_at = now - timezone.timedelta(minutes=number + 1)
            story.save()
        Comment.objects.update_or_create(  # so that every story offers a reply form
            article=story,
            author=seed_author,
            parent=None,
            defaults={"status": CommentStatus.VISIBLE},
            create_defaults={"text": "A first comment to reply to.", "status": "visible"},
        )
        stories.append(story)

    password = make_password(PASSWORD)  # hashed once: the server checks it at each sign-in
    names = [f"{PREFIX}-{run}-{number:02d}" for number in range(commenters)]
    User.objects.bulk_create(
        User(
            username=name,
            email=f"{name}@example.com",
            display_name=f"Load reader {number}",
            password=password,
        )
        for number, name in enumerate(names)
    )
    if trusted:  # past pre-moderation: their earlier comments were approved
        Comment.objects.bulk_create(
            Comment(
                article=stories[0],
                author=user,
                text=f"An earlier, approved comment by {user.username} ({number}).",
                status=CommentStatus.VISIBLE,
            )
            for user in User.objects.filter(username__in=names)
            for number in range(settings.COMMENTS_PREMODERATE_FIRST)
        )

    urls = ["/"] * 4
    urls += [story.get_absolute_url() for story in stories] * 2
    urls += [article.get_absolute_url() for article in Article.objects.live()[:40]]
    urls += [
        reverse("articles:section", kwargs={"slug": slug})
        for slug in Article.objects.live()
        .values_list("section__slug", flat=True)
        .order_by("section__slug")
        .distinct()[:10]
    ]
    try:
        search = reverse("articles:search")
    except NoReverseMatch:
        print("note: this build has no search page; readers skip search")
    else:
        words = ["council", "budget", "election", "housing", "storm", "school", "health"]
        urls += [f"{search}?{urlencode({'q': word})}" for word in words]
    comment_ids = list(
        Comment.objects.filter(article__in=stories, status=CommentStatus.VISIBLE).values_list(
            "pk", flat=True
        )
    )
    return urls, names, comment_ids


# --- A minimal browser: cookies, forms, one connection per request ------------------------------


class FormParser(HTMLParser):
    """The page's forms: action and the fields a browser would send."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action") or "", "fields": {}})
        elif self.forms and tag == "input" and attrs.get("name"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif self.forms and tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


# Never cached by the shipped VCL (passed to the site): not counted in the public pages' ratio.
PASSED = ("/search", "/accounts", "/comments", "/admin", "/preview")


def page_kind(path: str) -> str:
    """What a public page is, for the hit ratio by kind: home, story, section or other."""
    path = path.split("?", 1)[0]
    if path == "/":
        return "home"
    if path.startswith("/section/"):
        return "section"
    if re.match(r"^/\d{4}/\d{2}/\d{2}/[^/]+/$", path):
        return f"story ({PREFIX})" if f"/{PREFIX}-story-" in path else "story"
    return "other"


def forms_in(html: str) -> list[dict]:
    parser = FormParser()
    parser.feed(html)
    return parser.forms


@dataclass
class Stats:
    """One thread's tally; merged at the end, so no locks."""

    statuses: Counter = field(default_factory=Counter)  # (kind, status or error)
    cache: Counter = field(default_factory=Counter)  # X-Cache of public pages through Varnish
    cache_by_page: Counter = field(default_factory=Counter)  # (page kind, X-Cache)
    latencies: dict = field(default_factory=dict)  # kind -> [ms]
    accepted: dict = field(default_factory=dict)  # marker text -> comment id
    refused: dict = field(default_factory=dict)  # marker text -> why
    unknown: list = field(default_factory=list)  # marker texts whose POST got no answer


class Browser:
    def __init__(self, port: int, stats: Stats):
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}

    def request(self, kind, method, path, data=None, extra_headers=None):
        """(status, headers, body), or (None, None, "") on a connection error or timeout."""
        headers = {"User-Agent": "newsarchive-load-test", "Accept": "text/html"}
        headers.update(extra_headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            origin = f"http://{HOST}:{self.port}"
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.stats.statuses[(kind, type(error).__name__)] += 1
            return None, None, ""
        finally:
            connection.close()
        self.stats.latencies.setdefault(kind, []).append((time.perf_counter() - start) * 1000)
        self.stats.statuses[(kind, response.status)] += 1
        if response.headers.get("X-Cache") and not path.startswith(PASSED):
            self.stats.cache[response.headers["X-Cache"]] += 1
            self.stats.cache_by_page[(page_kind(path), response.headers["X-Cache"])] += 1
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return response.status, response.headers, content


def reader(port, urls, stats, start, stop):
    browser = Browser(port, stats)
    start.wait()
    while not stop.is_set():
        browser.request("read", "GET", random.choice(urls))
        browser.cookies.clear()  # anonymous readers: each request as a new visitor


def sign_in(browser: Browser, username: str) -> bool:
    status, _, html = browser.request("sign-in", "GET", "/accounts/login/")
    login = next((form for form in forms_in(html or "") if "username" in form["fields"]), None)
    if status != 200 or login is None:
        return False
    fields = {**login["fields"], "username": username, "password": PASSWORD}
    status, _, _ = browser.request("sign-in", "POST", login["action"], fields)
    return status == 302 and "sessionid" in browser.cookies


def commenter(port, stories, username, stats, signed_in, start, stop):
    browser = Browser(port, stats)
    try:
        ok = sign_in(browser, username)
    finally:
        signed_in.wait()
    if not ok:
        stats.statuses[("sign-in", "failed")] += 1
        return
    start.wait()
    sequence = 0
    while not stop.is_set():
        status, _, html = browser.request("comment page", "GET", random.choice(stories))
        found = re.search(r'action="(/comments/on/(\d+)/)"', html or "")
        if status != 200 or not found:
            continue
        action, article = found.groups()
        # The page is everyone's: the reader's own token comes from the personal endpoint.
        status, _, me = browser.request("personal", "GET", f"/accounts/me/?article={article}")
        if status != 200:
            continue
        fields = {"csrfmiddlewaretoken": json.loads(me)["csrf_token"], "website": "", "parent": ""}
        parents = re.findall(r'data-reply="(\d+)"', html)
        if parents and random.random() < 0.3:
            fields["parent"] = random.choice(parents)
        sequence += 1
        marker = f"[{PREFIX} {username} #{sequence:05d}]"
        text = COMMENT_TEXT.format(marker=marker)
        status, headers, _ = browser.request(
            "comment post", "POST", action, {**fields, "text": text}
        )
        if status == 302 and (found := re.search(r"/comments/(\d+)/", headers["Location"])):
            stats.accepted[text] = int(found.group(1))
        elif status == 429:
            stats.refused[text] = "rate limit"
        elif status == 200:  # the form again, with its error
            stats.refused[text] = "form error"
        elif status is None:
            stats.unknown.append(text)
        else:
            stats.refused[text] = f"HTTP {status}"


def attacker(port, urls, comment_ids, stats, start, stop):
    """Anonymous: random query strings, tracking parameters and Host ports on public pages,
    and reports of any comment, as fast as the server answers."""
    browser = Browser(port, stats)
    public = [url for url in urls if not url.startswith("/search")]
    start.wait()
    while not stop.is_set():
        roll = random.random()
        noise = secrets.token_hex(6)
        if roll < 0.45:
            query = urlencode({"utm_source": noise, noise: noise, "fbclid": secrets.token_hex(8)})
            browser.request("attack page", "GET", f"{random.choice(public)}?{query}")
        elif roll < 0.6:
            host = {"Host": f"{HOST}:{random.randint(1, 65535)}"}
            browser.request("attack host", "GET", random.choice(public), extra_headers=host)
        else:
            browser.cookies.clear()
            status, _, me = browser.request("attack report", "GET", "/accounts/me/")
            if status != 200:
                continue
            token = json.loads(me)["csrf_token"]
            comment = random.choice(comment_ids)
            status, _, _ = browser.request(
                "attack report",
                "POST",
                f"/comments/{comment}/report/",
                {"csrfmiddlewaretoken": token, "reason": "spam", "details": noise},
            )
            if status == 302:
                stats.accepted[f"report {noise}"] = comment


# --- The server ---------------------------------------------------------------------------------


def start_server(env: dict, log_path: Path) -> subprocess.Popen:
    log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsarchive.wsgi", "-c", "gunicorn.conf.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    server.log = log
    return server


def wait_until_up(server: subprocess.Popen, port: int, *, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and server.poll() is None:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/")
            if connection.getresponse().status == 200:
                return True
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.25)
    return False


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    server.log.close()


def log_tail(path: Path, lines: int = 40) -> str:
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


# --- Checking and reporting ---------------------------------------------------------------------


def check_database(stats: Stats, names: list[str]) -> dict:
    """Compare what the server said with what the database holds."""
    from articles.models import Comment

    stored = Counter()
    ids = {}
    posted = Comment.objects.filter(author__username__in=names, text__startswith=f"[{PREFIX} ")
    for pk, text in posted.values_list("pk", "text"):
        stored[text] += 1
        ids[text] = pk
    return {
        "lost": sum(
            1
            for text, pk in stats.accepted.items()
            if stored[text] == 0 or (stored[text] == 1 and ids[text] != pk)
        ),
        "duplicated": sum(1 for count in stored.values() if count > 1),
        "refused but stored": sum(1 for text in stats.refused if stored[text]),
        "unknown outcome, stored": sum(1 for text in stats.unknown if stored[text]),
        "stored": sum(stored.values()),
        "held for moderation": posted.filter(status="pending").count(),
    }


def percentile(values, fraction):
    return statistics.quantiles(values, n=100)[round(fraction * 100) - 1] if len(values) > 1 else 0


def report(stats: Stats, elapsed: float, figures: dict) -> int:
    served = sum(len(values) for kind, values in stats.latencies.items() if kind != "sign-in")
    server_errors = sum(
        n for (_, status), n in stats.statuses.items() if isinstance(status, int) and status >= 500
    )
    connection_errors = sum(
        n for (_, status), n in stats.statuses.items() if isinstance(status, str)
    )
    refusals = stats.statuses[("comment post", 429)]
    unexpected = sum(
        n
        for (kind, status), n in stats.statuses.items()
        if isinstance(status, int)
        and 400 <= status < 500
        and (kind, status) != ("comment post", 429)
        and not kind.startswith("attack")  # refusing an attacker (404, 429) is the point
    )
    print(
        f"\nrequests served: {served} in {elapsed:.1f} s ({served / elapsed:.1f} per second; "
        "sign-ins before the clock started not counted)"
    )
    for kind in sorted(stats.latencies):
        values = stats.latencies[kind]
        print(
            f"  {kind:<13} {len(values):>7}   median {statistics.median(values):7.1f} ms"
            f"   p95 {percentile(values, 0.95):7.1f} ms"
        )
    for kind in sorted({kind for kind, _ in stats.statuses}):
        answers = {status: n for (each, status), n in stats.statuses.items() if each == kind}
        print(
            f"  {kind:<13} "
            + ", ".join(f"{status}: {n}" for status, n in sorted(answers.items(), key=str))
        )
    print(
        f"errors: 5xx {server_errors}, connection errors {connection_errors}, "
        f"unexpected 4xx {unexpected}; expected refusals (429 rate limit) {refusals}"
    )
    print(
        f"comments: accepted {len(stats.accepted)} (held for moderation "
        f"{figures['held for moderation']}), refused {len(stats.refused)} "
        f"({dict(Counter(stats.refused.values()))}), no answer {len(stats.unknown)} "
        f"(stored anyway {figures['unknown outcome, stored']}); in the database "
        f"{figures['stored']}; refused but stored {figures['refused but stored']}"
    )
    print(f"lost: {figures['lost']}, duplicated: {figures['duplicated']}")
    if stats.cache:
        hits = stats.cache["HIT"] / sum(stats.cache.values())
        print(f"Varnish hit ratio of public pages: {hits:.1%} ({dict(stats.cache)})")
        for kind in sorted({kind for kind, _ in stats.cache_by_page}):
            hit, miss = stats.cache_by_page[(kind, "HIT")], stats.cache_by_page[(kind, "MISS")]
            print(f"  {kind:<20} {hit / (hit + miss):6.1%} ({hit} hits, {miss} misses)")
    if "varnish" in figures:
        print(varnish_summary(figures["varnish"]))
    over_limit = False
    if "reports accepted" in figures:
        print(
            f"attack: reports accepted {figures['reports accepted']} of "
            f"{stats.statuses[('attack report', 302)] + stats.statuses[('attack report', 429)]}"
            f" sent (limit from one address: {figures['report limit']}); Redis db "
            f"{figures['redis']}"
        )
        over_limit = figures["reports accepted"] > figures["report limit"]
    failed = over_limit or (
        server_errors
        or connection_errors
        or unexpected
        or figures["lost"]
        or figures["duplicated"]
        or figures["refused but stored"]
        or stats.statuses[("sign-in", "failed")]
    )
    return 1 if failed else 0


def varnish_summary(counters: dict) -> str:
    """The hit ratio as Varnish counts it: hits / (hits + misses), where a miss is a lookup
    that found no usable object (hit-for-miss included). Passes (the personal endpoint,
    accounts, comment forms, search, POSTs) are neither: they are counted apart."""
    hit, miss = counters.get("cache_hit", 0), counters.get("cache_miss", 0)
    passed = counters.get("s_pass", 0)
    ratio = hit / (hit + miss) if hit + miss else 0.0
    with_passes = hit / (hit + miss + passed) if hit + miss + passed else 0.0
    return (
        f"Varnish counters: hit ratio {ratio:.1%} (cache_hit {hit}, cache_miss {miss}, of "
        f"which hit-for-miss {counters.get('cache_hitmiss', 0)}; grace hits "
        f"{counters.get('cache_hit_grace', 0)}); passed to the site {passed} (hits over all "
        f"requests, passes included: {with_passes:.1%}); objects purged "
        f"{counters.get('n_obj_purged', 0)}, backend fetches {counters.get('s_fetch', 0)}"
    )


def redis_figures(cache_url: str) -> dict:
    """Keys and bytes in the cache's Redis database (every key sized with MEMORY USAGE)."""
    if not cache_url.startswith("redis"):
        return {}
    import redis

    client = redis.Redis.from_url(cache_url)
    keys = pages = size = 0
    for key in client.scan_iter(count=1000):
        keys += 1
        pages += b"pagecache:page:" in key
        size += client.memory_usage(key) or 0
    return {"keys": keys, "page copies": pages, "MB": round(size / 1e6, 2)}


def run_load(args, port, urls, names, comment_ids) -> tuple[Stats, float]:
    """Readers and commenters against the server for ``args.duration`` seconds."""
    stories = [url for url in urls if f"/{PREFIX}-story-" in url]
    signed_in = threading.Barrier(len(names) + 1)
    start, stop = threading.Event(), threading.Event()
    tallies, threads = [], []
    for _ in range(args.readers):
        tallies.append(Stats())
        threads.append(threading.Thread(target=reader, args=(port, urls, tallies[-1], start, stop)))
    for _ in range(args.attackers if args.attack else 0):
        tallies.append(Stats())
        threads.append(
            threading.Thread(
                target=attacker, args=(port, urls, comment_ids, tallies[-1], start, stop)
            )
        )
    for name in names:
        tallies.append(Stats())
        threads.append(
            threading.Thread(
                target=commenter,
                args=(port, stories, name, tallies[-1], signed_in, start, stop),
            )
        )
    for thread in threads:
        thread.daemon = True
        thread.start()
    signed_in.wait(timeout=120)
    began = time.monotonic()
    start.set()
    time.sleep(args.duration)
    stop.set()
    for thread in threads:  # requests in flight finish (each is bounded by its timeout)
        thread.join(timeout=REQUEST_TIMEOUT + 5)
    elapsed = time.monotonic() - began

    stats = Stats()
    for tally in tallies:
        stats.statuses.update(tally.statuses)
        stats.cache.update(tally.cache)
        stats.cache_by_page.update(tally.cache_by_page)
        for kind, values in tally.latencies.items():
            stats.latencies.setdefault(kind, []).extend(values)
        stats.accepted.update(tally.accepted)
        stats.refused.update(tally.refused)
        stats.unknown.extend(tally.unknown)
    return stats, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--readers", type=int, default=50, help="concurrent readers (50)")
    parser.add_argument("--commenters", type=int, default=10, help="concurrent commenters (10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--attack", action="store_true", help="add the attackers")
    parser.add_argument("--attackers", type=int, default=5, help="with --attack (5)")
    parser.add_argument("--varnish", action="store_true", help="Varnish in front, purged")
    parser.add_argument(
        "--trusted-commenters",
        action="store_true",
        help="commenters past pre-moderation: every comment is published and purges its story",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsarchive-load-") as static_root:
        port = free_port()
        env = production_environment(static_root, port, workers=args.workers)
        os.environ.update(
            {name: env[name] for name in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "STATIC_ROOT")}
        )
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")
        import django

        django.setup()
        from django.conf import settings
        from django.db import connection

        if connection.vendor != "postgresql":
            print(
                "bench/load_test.py needs PostgreSQL: set DATABASE_URL=postgres://... (on "
                "SQLite every write waits for the one before, so there is nothing to measure).",
                file=sys.stderr,
            )
            return 2
        cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
        print(f"database: {connection.settings_dict['NAME']} (PostgreSQL); cache: {cache}")
        if "LocMem" in cache:
            print(
                "note: a local-memory cache counts rate limits per worker; set CACHE_URL=redis://"
            )

        urls, names, comment_ids = prepare(
            args.commenters, run=f"{int(time.time()):x}", trusted=args.trusted_commenters
        )
        front = None
        client_port = free_port() if args.varnish else port
        if args.varnish:
            env["VARNISH_PURGE_URLS"] = f"http://{HOST}:{client_port}/"
            env["PAGE_CACHE_SECONDS"] = "0"  # Varnish is the page cache
            settings.VARNISH_PURGE_URLS = [env["VARNISH_PURGE_URLS"]]
        cache_url = os.environ.get("CACHE_URL", "")
        redis_before = redis_figures(cache_url)
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        log_path = Path(static_root) / "gunicorn.log"
        server = start_server(env, log_path)
        try:
            if not wait_until_up(server, port):
                print("gunicorn did not start:\n" + log_tail(log_path), file=sys.stderr)
                return 2
            if args.varnish:
                from tests.varnish import Varnish

                front = Varnish(Path(static_root) / "varnish", port, port=client_port)
            print(
                f"gunicorn on {HOST}:{port} with {args.workers} workers; {args.readers} readers "
                f"and {args.commenters} commenters for {args.duration:g} s"
                + (f"; {args.attackers} attackers" if args.attack else "")
                + (f"; through Varnish on {front.url}" if front else "")
            )
            stats, elapsed = run_load(args, client_port, urls, names, comment_ids)
            varnish_counters = front.counters() if front else None
        finally:
            stop_server(server)
            if front:
                front.stop()
        reports = [key for key in stats.accepted if key.startswith("report ")]
        for key in reports:  # the attacker's reports are not comments
            del stats.accepted[key]
        figures = check_database(stats, names)
        if varnish_counters is not None:
            figures["varnish"] = varnish_counters
        if args.attack:
            windows = int(elapsed // 60) + 2  # the minutes the run touched
            figures["report limit"] = settings.REPORTS_PER_MINUTE * windows
            figures["reports accepted"] = len(reports)
            figures["redis"] = f"before {redis_before}, after {redis_figures(cache_url)}"
        code = report(stats, elapsed, figures)
        if code:
            print("\nserver log, last lines:\n" + log_tail(log_path))
        return code


if __name__ == "__main__":
    sys.exit(main())
