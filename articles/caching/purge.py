"""Purge by tag at every HTTP cache in front of the site, once the change has committed.

Three front ends, each switched on by its settings (see ``.env.example``):

- Varnish with the xkey module (``deploy/varnish/default.vcl``): ``PURGE`` with an ``xkey``
  header to each address in ``VARNISH_PURGE_URLS``;
- Fastly: ``POST /service/<id>/purge`` with a ``Surrogate-Key`` header;
- Cloudflare: ``POST /zones/<id>/purge_cache`` with ``{"tags": [...]}``.

A purge is sent from ``transaction.on_commit``: never before the rows it describes are visible
to the next request; and again a moment later, for a page drawn from the rows just before the
commit that reached a cache just after the purge (by the tag versions such a page carries, so
the copies drawn after the commit stay cached). A front end that fails is tried again a few
times, then logged; the save that caused it has already succeeded and is never undone or broken
by it. A lost purge is bounded by ``s-maxage`` (``HTTP_CACHE_SECONDS``), and
``manage.py purge_cache`` purges everything.
"""

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

CLOUDFLARE_TAGS_PER_CALL = 30  # the API's limit per request
FASTLY_KEYS_PER_CALL = 256


class PurgeFailed(Exception):
    pass


@dataclass(frozen=True)
class PurgeRequest:
    url: str
    method: str
    headers: dict[str, str]
    body: bytes | None = None


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def varnish_requests(tags: list[str]) -> list[PurgeRequest]:
    return [
        PurgeRequest(url=url, method="PURGE", headers={"xkey": " ".join(tags)})
        for url in settings.VARNISH_PURGE_URLS
    ]


def fastly_requests(tags: list[str]) -> list[PurgeRequest]:
    if not (settings.FASTLY_SERVICE_ID and settings.FASTLY_API_TOKEN):
        return []
    url = f"{settings.FASTLY_API_URL.rstrip('/')}/service/{settings.FASTLY_SERVICE_ID}/purge"
    return [
        PurgeRequest(
            url=url,
            method="POST",
            headers={"Fastly-Key": settings.FASTLY_API_TOKEN, "Surrogate-Key": " ".join(chunk)},
        )
        for chunk in _chunks(tags, FASTLY_KEYS_PER_CALL)
    ]


def cloudflare_requests(tags: list[str]) -> list[PurgeRequest]:
    if not (settings.CLOUDFLARE_ZONE_ID and settings.CLOUDFLARE_API_TOKEN):
        return []
    base = settings.CLOUDFLARE_API_URL.rstrip("/")
    url = f"{base}/zones/{settings.CLOUDFLARE_ZONE_ID}/purge_cache"
    return [
        PurgeRequest(
            url=url,
            method="POST",
            headers={
                "Authorization": f"Bearer {settings.CLOUDFLARE_API_TOKEN}",
                "Content-Type": "application/json",
            },
            body=json.dumps({"tags": chunk}).encode(),
        )
        for chunk in _chunks(tags, CLOUDFLARE_TAGS_PER_CALL)
    ]


BACK_ENDS = (varnish_requests, fastly_requests, cloudflare_requests)


def _send(purge: PurgeRequest) -> None:
    request = urllib.request.Request(
        purge.url, data=purge.body, headers=purge.headers, method=purge.method
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.PURGE_TIMEOUT_SECONDS) as response:
            response.read()
    except urllib.error.HTTPError as error:
        raise PurgeFailed(f"{purge.method} {purge.url} answered {error.code}") from error
    except (urllib.error.URLError, OSError) as error:
        raise PurgeFailed(f"{purge.method} {purge.url}: {error}") from error


def _send_with_retries(purge: PurgeRequest, tags: list[str]) -> bool:
    attempts = max(1, settings.PURGE_ATTEMPTS)
    for attempt in range(1, attempts + 1):
        try:
            _send(purge)
        except PurgeFailed as error:
            if attempt == attempts:
                logger.error(
                    "Purge lost after %d attempts (%s), tags: %s", attempts, error, " ".join(tags)
                )
                return False
            logger.warning("Purge failed, retrying: %s", error)
            time.sleep(settings.PURGE_RETRY_SECONDS * attempt)
        else:
            return True
    return False


def purge_now(tags: Iterable[str]) -> bool:
    """Purge ``tags`` at every configured front end; False if any of them lost it."""
    tags = sorted(set(tags))
    if not tags:
        return True
    requests = [purge for back_end in BACK_ENDS for purge in back_end(tags)]
    sent = [_send_with_retries(purge, tags) for purge in requests]  # every one, not the first
    return all(sent)


def _purge_quietly(tags) -> None:
    try:
        purge_now(tags)
    except Exception:  # a purge never breaks the save that caused it
        logger.exception("Purge failed, tags: %s", " ".join(sorted(tags)))


def purge_on_commit(tags: Iterable[str], *, again: Iterable[str] | None = None) -> None:
    """Purge ``tags`` once the current transaction commits (now, outside of one), and again
    ``PURGE_REPEAT_SECONDS`` later: a page whose rows were read just before the commit can
    reach a cache just after the first purge. The repeat purges ``again`` when given: the
    tags at the versions pages were drawn at before the commit (``versioned_tag``), so the
    fresh copies drawn after it stay cached; else ``tags`` themselves."""
    tags = frozenset(tags)
    if not tags or not any(back_end(["probe"]) for back_end in BACK_ENDS):
        return
    repeated = frozenset(again) if again is not None else tags

    def purge():
        _purge_quietly(tags)
        if settings.PURGE_REPEAT_SECONDS > 0:
            again = threading.Timer(settings.PURGE_REPEAT_SECONDS, _purge_quietly, [repeated])
            again.daemon = True
            again.start()

    transaction.on_commit(purge)
