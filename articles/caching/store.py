"""The in-app store: pages and fragments kept in Django's cache until what they show changes.

For deployments without an HTTP cache in front (and for the costly parts of a page on a miss).
Every stored item remembers the version of each tag it shows (``articles.caching.tags``);
``invalidate(tag)`` gives the tag a new version, so everything that showed it becomes a miss,
and purges the tag at the HTTP caches once the change commits (``articles.caching.purge``).
Versions hold a random token, so a version key lost to eviction can never match again, and
the time of the change: a page drawn while one of its tags changed (from rows read before the
change, perhaps on a lagging replica) is served but not kept. Clocks of the app servers are
assumed synchronised (NTP).
"""

import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils.safestring import mark_safe

from articles.caching.purge import purge_on_commit
from articles.caching.tags import versioned_tag

logger = logging.getLogger(__name__)


def _version_key(tag: str) -> str:
    return f"pagecache:tag:{tag}"


def _new_versions(tags) -> dict[str, str]:
    """A version is "<when it changed>:<random token>": see ``store_versioned``."""
    versions = {tag: f"{time.time():.6f}:{uuid.uuid4().hex}" for tag in tags}
    cache.set_many({_version_key(tag): version for tag, version in versions.items()}, None)
    return versions


def _changed_at(version: str) -> float:
    """When the tag changed: 0 for a version that records no change (a first version, or one
    written before versions carried their time, which a cache may keep across a deploy)."""
    when, _, token = version.partition(":")
    try:
        return float(when) if token else 0.0
    except ValueError:
        return 0.0


def invalidate(*tags: str, purge: bool = True) -> None:
    """Make every cached page and fragment that shows any of ``tags`` a miss: at once, and
    again when the transaction commits, because a reader who drew the page in between still
    saw the old rows and stored them under the new version; and purge them at the HTTP caches
    once the transaction commits (unless ``purge`` is off: the caller purges itself)."""
    if not tags:
        return
    before = cache.get_many([_version_key(tag) for tag in tags]) if purge else {}
    during = _new_versions(tags)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _new_versions(tags))
    else:
        during = {}  # already committed: a page drawn from now on shows the change
    if purge:
        purge_on_commit(tags, again=superseded(tags, before, during))


def superseded(tags, before: dict, during: dict) -> list[str] | None:
    """What the repeated purge names: the pages drawn at the versions before the commit's
    (the one found before the change, and the one set at once while its transaction was still
    open), not those drawn after it. None (purge the tags themselves again) if the version
    before the change is unknown."""
    names = []
    for tag in tags:
        old = before.get(_version_key(tag))
        if not isinstance(old, str):
            return None
        names.append(versioned_tag(tag, old))
        if tag in during:
            names.append(versioned_tag(tag, during[tag]))
    return names


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


def versions_if_settled(tags, *, drawn_since: float) -> dict[str, str] | None:
    """The current versions of ``tags``, or None if one of them changed after
    ``drawn_since`` (when the reads began) or within a replica's lag before it: what was drawn
    may show the rows from before the change, and must not be kept by any cache."""
    versions = current_versions(tags)
    newest = max((_changed_at(version) for version in versions.values()), default=0.0)
    return versions if newest < drawn_since - settings.CACHE_SETTLE_SECONDS else None


def store_versioned(key: str, payload, tags, timeout, *, drawn_since: float, versions=None):
    """Keep ``payload`` under ``key`` for as long as none of ``tags`` changes (not at all if
    one changed while it was drawn: the next reader draws it again)."""
    versions = versions or versions_if_settled(tags, drawn_since=drawn_since)
    if versions is not None:
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

    parts: dict[str, str]
    tags: frozenset[str]
    keep: bool = True  # False: drawn for this request only (e.g. for an address out of range)

    def __getitem__(self, name: str) -> str:
        return mark_safe(self.parts[name])  # rendered by our own templates


def started_at(request) -> float:
    """When the request began, and so its reads: set by ``PublicPageMiddleware`` (now, for a
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


def next_scheduled_publication(request=None):
    """When the next scheduled story goes live (None if none is), kept until articles change:
    read with the other site parts in their one round trip, once per request."""
    from articles.context_processors import site_parts

    return site_parts(request).next_scheduled()
