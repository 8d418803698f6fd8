"""Fixed-window rate limits counted in Django's cache, so they hold across processes."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.functional import Promise


def rate_limit_exceeded(key: str, *, limit: int, window: int = 60) -> bool:
    """Count one hit for ``key`` in the current window; True once it goes over ``limit``."""
    bucket = int(time.time() // window)
    cache_key = f"ratelimit:{key}:{window}:{bucket}"
    if cache.add(cache_key, 1, timeout=window + 5):
        return limit < 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window + 5)
        count = 1
    return count > limit


def too_many_requests(request, *, message: str | Promise, back: str = "", retry_after: int = 60):
    """The readable HTTP 429 page, with a way back to where the reader was."""
    response = render(
        request,
        "429.html",
        {"message": message, "retry_after": retry_after, "back": back},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


def client_address(request) -> str:
    """The reader's address: the peer, or the one our trusted proxies recorded for us."""
    if settings.TRUSTED_PROXY_COUNT:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.TRUSTED_PROXY_COUNT:
            return forwarded[-settings.TRUSTED_PROXY_COUNT]
    return request.META.get("REMOTE_ADDR", "")


def limit_posts_per_address(*, scope: str, per_hour_setting: str, message: str | Promise):
    """Refuse a view's POSTs from one address beyond ``settings.<per_hour_setting>`` an hour."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method == "POST" and rate_limit_exceeded(
                f"{scope}:{client_address(request)}",
                limit=getattr(settings, per_hour_setting),
                window=3600,
            ):
                return too_many_requests(request, message=message, retry_after=3600)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
