"""Rate limits counted in their own cache (``CACHES["ratelimit"]``), so they hold across
processes and are never evicted to make room for pages; and the one client address every
limit, lockout and audit row uses.

Limits are sliding windows: the count of the current fixed window plus the previous window's,
weighted by how much of it the sliding window still covers. A reader at the limit at the end
of one minute cannot post the limit again at the start of the next, as a fixed window lets them.
"""

import contextlib
import functools
import ipaddress
import time

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render
from django.utils.functional import Promise

RATELIMIT_CACHE = "ratelimit"


def _counters():
    return caches[RATELIMIT_CACHE]


def _bucket_key(key: str, window: int, bucket: int) -> str:
    return f"ratelimit:{key}:{window}:{bucket}"


def _window_position(window: int) -> tuple[int, float]:
    """The current fixed window's number, and how far into it we are (0 to 1)."""
    now = time.time()
    return int(now // window), (now % window) / window


def rate_limit_count(key: str, *, window: int = 60) -> float:
    """The hits counted for ``key`` over the last ``window`` seconds (sliding)."""
    bucket, elapsed = _window_position(window)
    counts = _counters().get_many(
        [_bucket_key(key, window, bucket), _bucket_key(key, window, bucket - 1)]
    )
    current = counts.get(_bucket_key(key, window, bucket), 0)
    previous = counts.get(_bucket_key(key, window, bucket - 1), 0)
    return current + previous * (1 - elapsed)


def rate_limit_exceeded(key: str, *, limit: int, window: int = 60) -> bool:
    """Count one hit for ``key``; True once the last ``window`` seconds hold more than
    ``limit``. Hits are counted atomically (``add`` then ``incr``), so concurrent requests
    cannot all slip under the limit."""
    bucket, elapsed = _window_position(window)
    cache_key = _bucket_key(key, window, bucket)
    counters = _counters()
    # Kept for two windows: the next window still weighs this one.
    if counters.add(cache_key, 1, timeout=2 * window + 5):
        current = 1
    else:
        try:
            current = counters.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            counters.add(cache_key, 1, timeout=2 * window + 5)
            current = 1
    previous = counters.get(_bucket_key(key, window, bucket - 1), 0)
    return current + previous * (1 - elapsed) > limit


def rate_limit_refund(key: str, *, window: int = 60) -> None:
    """Take back the hit just counted for ``key``: the request it stood for was not accepted
    (refused by the limit itself, invalid, or failed), so it does not count against it."""
    bucket, _elapsed = _window_position(window)
    with contextlib.suppress(ValueError):  # the window turned, or the counter expired
        _counters().incr(_bucket_key(key, window, bucket), -1)


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


def _valid_address(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        return ""


def client_address(request) -> str:
    """The client's address: the peer's, or, behind ``TRUSTED_PROXY_COUNT`` proxies that each
    append the address they received from to ``X-Forwarded-For``, the one the outermost of
    them recorded. Entries further left were written by the client and are never trusted.

    Every rate limit, django-axes' sign-in lockout (``AXES_CLIENT_IP_CALLABLE``) and every
    audit row that records an address use this one function."""
    peer = _valid_address(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(forwarded) < proxies or not forwarded[0].strip():
        return peer  # not through our proxies (or they are misconfigured): the peer it is
    return _valid_address(forwarded[-proxies]) or peer


def limit_posts_per_address(*, scope: str, per_hour_setting: str, message: str | Promise):
    """Refuse a view's POSTs from one address beyond ``settings.<per_hour_setting>`` an hour."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            key = f"{scope}:{client_address(request)}"
            if request.method == "POST" and rate_limit_exceeded(
                key, limit=getattr(settings, per_hour_setting), window=3600
            ):
                rate_limit_refund(key, window=3600)
                return too_many_requests(request, message=message, retry_after=3600)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
