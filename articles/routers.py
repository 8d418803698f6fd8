"""Send the public site's reads to a read replica, when one is configured.

Only safe requests outside the admin read from the replica. A browser that has just written
(any POST) is pinned to the primary for ``REPLICA_PIN_SECONDS`` by a cookie, so readers see
their own comment after the redirect even while the replica lags.
"""

import contextvars
import time

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "primary_until"

_reads_from_replica = contextvars.ContextVar("reads_from_replica", default=False)


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class PublicReadsToReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _reads_from_replica.get() and replica_configured() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def _pinned_to_primary(request) -> bool:
    try:
        return float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time()
    except ValueError:
        return False


class ReplicaRoutingMiddleware:
    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        public_read = (
            request.method in ("GET", "HEAD")
            and not request.path.startswith("/admin/")
            and not _pinned_to_primary(request)
        )
        token = _reads_from_replica.set(public_read)
        try:
            response = self.get_response(request)
        finally:
            _reads_from_replica.reset(token)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            until = time.time() + settings.REPLICA_PIN_SECONDS
            response.set_cookie(
                PIN_COOKIE,
                f"{until:.0f}",
                max_age=settings.REPLICA_PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        return response
