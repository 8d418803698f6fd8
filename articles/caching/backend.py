"""A Redis cache that degrades instead of failing: with Redis down or refusing, the site serves
uncached.

Every call that fails (Redis unreachable, timing out, or answering with an error such as
``OutOfMemoryError`` when full under ``maxmemory-policy noeviction``) logs a warning once per
outage and behaves as a miss; for a few seconds afterwards calls skip Redis altogether, so an
outage costs no timeouts. Rate limits built on ``add``/``incr`` fail open: readers are not
locked out by an outage.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)


def _degrades_to(fallback):
    """Run the Redis call; while Redis is unreachable return ``fallback(*args)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() < self._skip_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except FAILURES as error:
                if not self._down:
                    logger.warning("Cache unreachable or failing, serving uncached: %r", error)
                self._down = True
                self._skip_until = time.monotonic() + self.retry_seconds
                return fallback(*args, **kwargs)
            if self._down:
                logger.warning("Cache reachable again")
                self._down = False
            return result

        return wrapper

    return decorate


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _true(*args, **kwargs):
    return True


def _empty(*args, **kwargs):
    return {}


def _delta(key, delta=1, *args, **kwargs):
    return delta


def _no_failures(*args, **kwargs):
    return []


class ReusingRedisCacheClient(RedisCacheClient):
    """Keeps one redis-py client per connection pool. Django builds a new one for every cache
    call, and building one registers some 170 response callbacks: a page making six cache
    calls spent more time there than waiting for Redis. Clients are thread-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = super().get_client(key, write=write)
        return self._clients[index]


class ResilientRedisCache(RedisCache):
    retry_seconds = 5.0

    def __init__(self, server, params):
        params = {**params}
        options = {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            **params.get("OPTIONS", {}),
        }
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._skip_until = 0.0
        self._down = False

    get = _degrades_to(_default)(RedisCache.get)
    get_many = _degrades_to(_empty)(RedisCache.get_many)
    set = _degrades_to(_nothing)(RedisCache.set)
    set_many = _degrades_to(_no_failures)(RedisCache.set_many)
    add = _degrades_to(_true)(RedisCache.add)
    incr = _degrades_to(_delta)(RedisCache.incr)
    touch = _degrades_to(_false)(RedisCache.touch)
    delete = _degrades_to(_false)(RedisCache.delete)
    delete_many = _degrades_to(_nothing)(RedisCache.delete_many)
    has_key = _degrades_to(_false)(RedisCache.has_key)
    clear = _degrades_to(_false)(RedisCache.clear)
