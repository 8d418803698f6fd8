"""Fixed-window rate limits counted in Django's cache, so they hold across processes."""

import time

from django.core.cache import cache
from django.shortcuts import render


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


def too_many_requests(request, *, message: str, back: str = "", retry_after: int = 60):
    """The readable HTTP 429 page, with a way back to where the reader was."""
    response = render(
        request,
        "429.html",
        {"message": message, "retry_after": retry_after, "back": back},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response
