"""Public pages: the same bytes for every reader, cacheable anywhere, keyed on what they read.

A view declares itself public (``PublicPageMixin``, or ``public_page()`` around a function
view) with the query parameters it reads (``cache_params``, each with a normaliser that returns
the canonical value or None to drop it). Before such a view runs, ``PublicPageMiddleware``
leaves it only those parameters and a normalised ``Host``, so the page is a function of its key
and nothing else a request sends (tracking parameters, random query strings, ports) can make a
new copy. While rendering, the view names the tags of what it shows (``cache_page_for``).

A public page must not depend on who asks: no name, no CSRF token, no flash messages, no
``Set-Cookie``. What is personal comes from ``/accounts/me/``. A public view that touches the
session anyway (``Vary: Cookie``) or sets a cookie is sent as private and never stored.
"""

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import QueryDict
from django.urls import Resolver404, get_urlconf, resolve

from articles.caching.store import next_scheduled_publication
from articles.caching.tags import page_tags

Normaliser = Callable[[str], str | None]


def positive_int(value: str) -> str | None:
    """A page number: digits only, at most six, without leading zeros."""
    if value.isascii() and value.isdecimal() and 0 < len(value) <= 6 and int(value) > 0:
        return str(int(value))
    return None


def page_number(value: str) -> str | None:
    """A list's ``page``: canonical when it is a number; anything else is left for the view
    to answer 404 (not a 200, so never stored)."""
    return positive_int(value) or value[:20]


def one_of(*choices: str) -> Normaliser:
    return lambda value: value if value in choices else None


PAGE: dict[str, Normaliser] = {"page": page_number}


@dataclass(frozen=True)
class CachePolicy:
    tags: frozenset[str]
    expires_at: Callable[[], datetime | None] | None = None  # asked only when storing


def cache_page_for(request, tags, *, expires_at=None) -> None:
    """Declare this response public: it shows ``tags`` (and what every page shows), and is
    current at most until ``expires_at()`` (a callable: only looked up when the page is sent)."""
    request.page_cache_policy = CachePolicy(tags=page_tags(*tags), expires_at=expires_at)


def public_params(view) -> dict[str, Normaliser] | None:
    """The query parameters a public view reads, or None if the view is not public."""
    view = getattr(view, "view_class", view)
    return getattr(view, "cache_params", None)


def public_page(view=None, *, tags=(), params=None, expires_at=None):
    """A function view as a public page showing ``tags``, reading only ``params``."""

    def decorate(view):
        def wrapper(request, *args, **kwargs):
            cache_page_for(request, tags, expires_at=expires_at)
            return view(request, *args, **kwargs)

        wrapper.cache_params = dict(params or {})
        wrapper.__name__ = getattr(view, "__name__", "public_page")
        wrapper.__doc__ = view.__doc__
        return wrapper

    return decorate(view) if view is not None else decorate


class PublicPageMixin:
    """For views: one page for every reader, kept until what it shows (``page_cache_tags``)
    changes and at most until the next scheduled story is due."""

    page_cache_tags = ("fronts",)
    cache_params: dict[str, Normaliser] = {}

    def get_page_cache_tags(self):
        return self.page_cache_tags

    def get_page_cache_expiry(self):
        return next_scheduled_publication(self.request)

    def render_to_response(self, context, **response_kwargs):
        cache_page_for(
            self.request, self.get_page_cache_tags(), expires_at=self.get_page_cache_expiry
        )
        return super().render_to_response(context, **response_kwargs)


def normalised_host(request) -> str | None:
    """The host a page is drawn for: lower case, no trailing dot, and no port unless it is the
    one this server answers on (any other port names the same site). None if not allowed."""
    try:
        host = request.get_host().lower()
    except DisallowedHost:
        return None
    if host.startswith("["):  # an IPv6 literal
        name, _, port = host.partition("]")
        name, port = f"{name}]", port.removeprefix(":")
    else:
        name, _, port = host.partition(":")
    name = name.rstrip(".")
    if port and port != str(request.META.get("SERVER_PORT", "")):
        port = ""
    return f"{name}:{port}" if port else name


def normalise_request(request, params: dict[str, Normaliser]) -> None:
    """Leave the view only the parameters it reads (canonical, sorted, first value each) and
    a normalised host: what the page is drawn from is then exactly its cache key."""
    kept = QueryDict(mutable=True)
    for name in sorted(params):
        value = request.GET.get(name)
        value = params[name](value) if value is not None else None
        if value is not None:
            kept[name] = value
    query = kept.urlencode()
    request.META["QUERY_STRING"] = query
    request.GET = QueryDict(query)
    host = normalised_host(request)
    if host is not None:
        request.META["HTTP_HOST"] = host
        request.META.pop("HTTP_X_FORWARDED_HOST", None)


def page_key(request) -> str:
    """Scheme, normalised host, path and kept parameters: one entry per page a view can draw."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return f"pagecache:page:{hashlib.sha256(address.encode()).hexdigest()}"


def path_key(request) -> str:
    """The page whatever its parameters: to bound how many copies of it are kept."""
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"pagecache:variants:{hashlib.sha256(address.encode()).hexdigest()}"


# Addresses up to this long have their view remembered (a bounded memo: at most 4,096 of them).
REMEMBERED_PATH_LENGTH = 200


@functools.lru_cache(maxsize=4096)
def _public_params_at(urlconf: str, path_info: str) -> dict[str, Normaliser] | None:
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    return public_params(match.func)


def resolve_public_params(request) -> dict[str, Normaliser] | None:
    """The parameters the view at the request's address reads, None if it is not public. Asked
    before every GET, ahead of Django's own resolving; each address's view is looked up once
    per process and URLconf."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    if len(request.path_info) > REMEMBERED_PATH_LENGTH:
        return _public_params_at.__wrapped__(urlconf, request.path_info)
    return _public_params_at(urlconf, request.path_info)


def public_policy(request, response) -> CachePolicy | None:
    """The response's policy if it may be shared: a public view's 200, with no cookie set
    and nothing in it that depends on the session."""
    policy = getattr(request, "page_cache_policy", None)
    if policy is None or request.method not in ("GET", "HEAD"):
        return None
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",")}
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or "cookie" in vary
        or "private" in response.get("Cache-Control", "")
        or "no-store" in response.get("Cache-Control", "")
    ):
        return None
    return policy


def shared_seconds(policy: CachePolicy, now: float) -> int:
    """How long a shared cache may keep the page: ``HTTP_CACHE_SECONDS``, and never past the
    moment it changes of its own accord (a scheduled story, comments closing)."""
    seconds = settings.HTTP_CACHE_SECONDS
    expires_at = policy.expires_at() if policy.expires_at else None
    if expires_at is not None:
        seconds = min(seconds, int(expires_at.timestamp() - now))
    return max(seconds, 0)
