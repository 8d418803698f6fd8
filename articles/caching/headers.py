"""What a response tells the caches: who may keep it, for how long, and under which tags.

Public pages carry ``Cache-Control: public`` with ``s-maxage`` for shared caches and a short
``max-age`` for browsers, and their tags in the header each HTTP cache reads: ``xkey``
(Varnish), ``Surrogate-Key`` (Fastly) and ``Cache-Tag`` (Cloudflare). Everything else is
private: a response that depends on the reader never lands in a shared cache.
"""

from django.utils.cache import patch_cache_control

from articles.caching.pages import CachePolicy
from articles.caching.tags import versioned_tag

TAG_HEADERS = ("xkey", "Surrogate-Key", "Cache-Tag")


def add_public_headers(
    response,
    policy: CachePolicy,
    *,
    shared_seconds: int,
    browser_seconds: int,
    versions: dict[str, str] | None = None,
):
    """``versions``: the version of each tag the page was drawn at; each adds its
    ``versioned_tag`` to the page's tags (what ``purge_on_commit`` repeats its purge by)."""
    tags = sorted(policy.tags) + sorted(
        versioned_tag(tag, version) for tag, version in (versions or {}).items()
    )
    response["Cache-Control"] = (
        f"public, max-age={min(browser_seconds, shared_seconds)}, s-maxage={shared_seconds}"
    )
    response["xkey"] = " ".join(tags)
    response["Surrogate-Key"] = " ".join(tags)
    response["Cache-Tag"] = ",".join(tags)


def add_private_headers(request, response) -> None:
    """Mark a response that is not a public page as the reader's own, unless its view already
    said how to cache it and it depends on no one (``robots.txt``, media)."""
    for header in TAG_HEADERS:
        del response[header]
    session = getattr(request, "session", None)
    personal = (
        bool(response.cookies)
        or "cookie" in response.get("Vary", "").lower()
        or (session is not None and session.accessed)
    )
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    elif personal:
        cache_control = response["Cache-Control"].lower()
        if "private" not in cache_control and "no-store" not in cache_control:
            patch_cache_control(response, private=True)
