"""Whole-page caching for anonymous readers that is never stale.

A view opts in with ``cache_page_for(request, tags, expires_at=...)``, naming what the page
shows: ``article:42``, ``comments:42`` (its threads), ``image:7``, ``fronts`` (which stories
are on the fronts and lists),
``banner`` (the reader appeal), ``site`` (sections, authors, tags, pages). The stored page
remembers the version of each tag; changing any of them (``invalidate("article:42")``, sent
by the model signals in ``articles.signals``) makes every page that showed it a miss.
Versions hold a random token, so a version key lost to eviction can never match again, and
the time of the change: a page drawn while one of its tags changed (from rows read before the
change, perhaps on a lagging replica) is served but not kept. Clocks of the app servers are
assumed synchronised (NTP).

Only GET/HEAD requests without cookies (a CSRF cookie aside) are served from the cache:
signed-in readers, anyone with a session or a flash message, and the admin always get a
freshly rendered page. A page that sets a cookie is never stored.

Time matters too: a front is only kept until the next scheduled story is due, and an article
page until its comments close, so nothing waits for an event that never fires.

Fragments (``cached_fragment``) use the same tags: the expensive parts of a page (the story
itself, a page of comment threads) are kept for signed-in readers and page-cache misses alike.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe

logger = logging.getLogger(__name__)

NEXT_SCHEDULED_CACHE_KEY = "site:next-scheduled"
ANONYMOUS_COOKIES = {settings.CSRF_COOKIE_NAME}
KEPT_HEADERS = ("Content-Type", "Last-Modified", "Content-Language", "Vary", "X-Frame-Options")
EVERY_PAGE = ("site", "banner")


@dataclass(frozen=True)
class CachePolicy:
    tags: frozenset[str]
    expires_at: Callable[[], datetime | None] | None = None  # asked only when storing


def _version_key(tag: str) -> str:
    return f"pagecache:tag:{tag}"


def _page_key(request) -> str:
    """Per address and host: pages carry absolute links, and a request naming another host
    (one that ``ALLOWED_HOSTS`` lets through, such as another port) must not fill the cache
    with its links for everyone else."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def _new_versions(tags) -> None:
    """A version is "<when it changed>:<random token>": see ``store_versioned``."""
    cache.set_many(
        {_version_key(tag): f"{time.time():.6f}:{uuid.uuid4().hex}" for tag in tags}, None
    )


def _changed_at(version: str) -> float:
    """When the tag changed: 0 for a version that records no change (a first version, or one
    written before versions carried their time, which a cache may keep across a deploy)."""
    when, _, token = version.partition(":")
    try:
        return float(when) if token else 0.0
    except ValueError:
        return 0.0


def invalidate(*tags: str) -> None:
    """Make every cached page and fragment that shows any of ``tags`` a miss: at once, and
    again when the transaction commits, because a reader who drew the page in between still
    saw the old rows and stored them under the new version."""
    if not tags:
        return
    _new_versions(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _new_versions(tags))


def current_versions(tags) -> dict[str, str]:
    """The version of each tag, giving a version to tags that have none yet (a first version
    records no change: it is dated 0)."""
    keys = {_version_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    for key in keys:
        if key not in found:
            token = f"0:{uuid.uuid4().hex}"
            cache.add(key, token, None)
            found[key] = cache.get(key, token)
    return {tag: found[key] for key, tag in keys.items()}


def store_versioned(key: str, payload, tags, timeout, *, drawn_since: float) -> None:
    """Keep ``payload`` under ``key`` for as long as none of ``tags`` changes.

    ``drawn_since`` is when the payload's reads began. If one of its tags changed after that
    (or within a replica's lag before it), the payload may show the rows from before the
    change under the version after it, and it is not kept: the next reader draws it again.
    """
    versions = current_versions(tags)
    newest = max((_changed_at(version) for version in versions.values()), default=0.0)
    if newest < drawn_since - settings.CACHE_SETTLE_SECONDS:
        cache.set(key, {"versions": versions, "payload": payload}, timeout)


def load_versioned(key: str):
    """What ``store_versioned`` kept under ``key``, or None if any of its tags changed since."""
    entry = cache.get(key)
    if entry is None:
        return None
    stored = entry["versions"]
    now = cache.get_many([_version_key(tag) for tag in stored])
    if any(now.get(_version_key(tag)) != version for tag, version in stored.items()):
        return None
    return entry["payload"]


@dataclass(frozen=True)
class Fragment:
    """Named pieces of HTML (``fragment.body`` in a template), and the tags of what they show:
    a page that includes them depends on those tags too."""

    parts: Mapping[str, str]
    tags: frozenset[str]
    keep: bool = True  # False: drawn for this request only (e.g. for an address out of range)

    def __getitem__(self, name: str) -> str:
        return mark_safe(self.parts[name])  # rendered by our own templates


def started_at(request) -> float:
    """When the request began, and so its reads: set by ``PageCacheMiddleware`` (now, for a
    request that did not pass through it)."""
    return getattr(request, "started_at", None) or time.time()


def cached_fragment(request, name: str, render: Callable[[], Fragment]) -> Fragment:
    """The fragment ``render()`` draws, kept under ``name`` until one of its tags changes."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0:
        return render()
    key = f"fragment:{name}"
    stored = load_versioned(key)
    if stored is not None:
        return Fragment(parts=stored["parts"], tags=frozenset(stored["tags"]))
    # From the request's start: the rows drawn may have been read before render() began.
    drawn_since = started_at(request)
    fragment = render()
    if fragment.keep:
        payload = {
            "parts": {k: str(v) for k, v in fragment.parts.items()},
            "tags": sorted(fragment.tags),
        }
        store_versioned(
            key, payload, fragment.tags, settings.FRAGMENT_CACHE_SECONDS, drawn_since=drawn_since
        )
    return fragment


def cache_page_for(request, tags, *, expires_at=None) -> None:
    """Let the page cache keep this response while ``tags`` are unchanged, and at most until
    ``expires_at()`` (a callable, so that the time is only looked up when the page is stored)."""
    request.page_cache_policy = CachePolicy(
        tags=frozenset((*EVERY_PAGE, *tags)), expires_at=expires_at
    )


def next_scheduled_publication():
    """When the next scheduled story goes live (None if none is), kept until articles change."""
    from articles.models import Article

    cached = cache.get(NEXT_SCHEDULED_CACHE_KEY)
    if cached is None or (cached["at"] is not None and cached["at"] <= timezone.now()):
        cached = {"at": Article.objects.next_scheduled_time()}
        cache.set(NEXT_SCHEDULED_CACHE_KEY, cached, None)
    return cached["at"]


class PageCacheMixin:
    """For views: keep the anonymous page until what it shows changes (``page_cache_tags``)."""

    page_cache_tags = ("fronts",)

    def get_page_cache_tags(self):
        return self.page_cache_tags

    def get_page_cache_expiry(self):
        return next_scheduled_publication()

    def render_to_response(self, context, **response_kwargs):
        cache_page_for(
            self.request, self.get_page_cache_tags(), expires_at=self.get_page_cache_expiry
        )
        return super().render_to_response(context, **response_kwargs)


def _is_cacheable_request(request) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and set(request.COOKIES) <= ANONYMOUS_COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.started_at = time.time()
        if not _is_cacheable_request(request):
            return self.get_response(request)
        key = _page_key(request)
        hit = self._cached_response(key)
        if hit is not None:
            return hit
        response = self.get_response(request)
        policy = getattr(request, "page_cache_policy", None)
        if policy is not None and self._is_storable(response):
            self._store(key, response, policy, drawn_since=request.started_at)
        return response

    def _cached_response(self, key):
        entry = load_versioned(key)
        if entry is None or (entry["expires_at"] and entry["expires_at"] <= time.time()):
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _is_storable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies  # a page that sets a cookie (e.g. CSRF) is personal
            and "no-store" not in response.get("Cache-Control", "")
        )

    def _store(self, key, response, policy: CachePolicy, *, drawn_since: float):
        timeout = settings.PAGE_CACHE_SECONDS
        expiry = policy.expires_at() if policy.expires_at else None
        expires_at = expiry.timestamp() if expiry is not None else None
        if expires_at is not None:
            timeout = min(timeout, int(expires_at - time.time()))
            if timeout <= 0:
                return
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
            "expires_at": expires_at,
        }
        store_versioned(key, entry, policy.tags, timeout, drawn_since=drawn_since)
        response["X-Page-Cache"] = "miss"
