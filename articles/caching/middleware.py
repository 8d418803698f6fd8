"""Public pages for everyone: normalised before the view, headed and kept after it."""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from articles.caching.headers import TAG_HEADERS, add_private_headers, add_public_headers
from articles.caching.pages import (
    normalise_request,
    page_key,
    path_key,
    public_policy,
    resolve_public_params,
    shared_seconds,
)
from articles.caching.store import load_versioned, store_versioned, versions_if_settled

logger = logging.getLogger(__name__)

KEPT_HEADERS = (
    "Content-Type",
    "Last-Modified",
    "Content-Language",
    "Vary",
    "X-Frame-Options",
    "Cache-Control",
    *TAG_HEADERS,
)


class PublicPageMiddleware:
    """Before a public view: only the parameters it reads, a normalised host, and (with
    ``PAGE_CACHE_SECONDS``) the in-app copy if one is current; signed-in or not, every reader
    gets the same page. After any view: the caching headers, and the in-app copy kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.started_at = time.time()
        if request.method in ("GET", "HEAD"):
            params = resolve_public_params(request)
            if params is not None:
                normalise_request(request, params)
                if settings.PAGE_CACHE_SECONDS > 0:
                    hit = self._cached_response(page_key(request))
                    if hit is not None:
                        return hit
        response = self.get_response(request)
        policy = public_policy(request, response)
        # A page drawn while what it shows changed may hold the rows from before the change,
        # and the purge for it may already have been sent: no cache may keep it. It is drawn
        # once more if a page drawn from now on could be kept (the change has settled), so
        # that the HTTP cache gets a copy to keep rather than a page to pass on, which would
        # send every reader of that address to the site until one is kept.
        versions = policy and versions_if_settled(policy.tags, drawn_since=request.started_at)
        if policy and not versions and versions_if_settled(policy.tags, drawn_since=time.time()):
            request.started_at = time.time()
            response = self.get_response(request)
            policy = public_policy(request, response)
            versions = policy and versions_if_settled(policy.tags, drawn_since=request.started_at)
        if not versions:
            add_private_headers(request, response)
            return response
        seconds = shared_seconds(policy, time.time())
        add_public_headers(
            response,
            policy,
            shared_seconds=seconds,
            browser_seconds=settings.BROWSER_CACHE_SECONDS,
            versions=versions,
        )
        if settings.PAGE_CACHE_SECONDS > 0:
            timeout = min(seconds, settings.PAGE_CACHE_SECONDS)
            self._store(request, response, policy, versions, timeout)
        return response

    def _cached_response(self, key):
        entry = load_versioned(key)
        if entry is None or (entry["expires_at"] and entry["expires_at"] <= time.time()):
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        # What is left of its time, for the HTTP caches in front.
        left = max(int(entry["expires_at"] - time.time()), 0)
        browser = min(settings.BROWSER_CACHE_SECONDS, left)
        response["Cache-Control"] = f"public, max-age={browser}, s-maxage={left}"
        response["X-Page-Cache"] = "hit"
        return response

    def _store(self, request, response, policy, versions, timeout: int):
        """Bounded: at most ``timeout`` seconds, ``PAGE_CACHE_MAX_BYTES`` a copy, and
        ``PAGE_CACHE_VARIANTS`` copies of one path (its pages, orders, host names)."""
        if timeout <= 0 or len(response.content) > settings.PAGE_CACHE_MAX_BYTES:
            return
        key = page_key(request)
        if not self._admit_variant(path_key(request), key, timeout):
            return
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
            "expires_at": time.time() + timeout,
        }
        store_versioned(
            key, entry, policy.tags, timeout, drawn_since=request.started_at, versions=versions
        )
        response["X-Page-Cache"] = "miss"

    @staticmethod
    def _admit_variant(variants_key: str, key: str, timeout: int) -> bool:
        variants = cache.get(variants_key) or []
        if key in variants:
            return True
        if len(variants) >= settings.PAGE_CACHE_VARIANTS:
            return False
        cache.set(variants_key, [*variants, key], timeout)
        return True
