"""The Redis cache in production: real Redis when it is up, a quiet miss when it is down."""

import logging
import socket

import pytest
from django.test import override_settings

from articles.caching.backend import ResilientRedisCache

REDIS_URL = "redis://127.0.0.1:6379/12"


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_cache(location: str) -> ResilientRedisCache:
    return ResilientRedisCache(location, {"KEY_PREFIX": "test-backend"})


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_real_redis_stores_and_expires_like_djangos_backend():
    cache = make_cache(REDIS_URL)
    cache.delete_many(["a", "n"])
    cache.set("a", {"page": "<html>"}, 30)
    assert cache.get("a") == {"page": "<html>"}
    assert cache.add("n", 1) is True
    assert cache.incr("n") == 2
    cache.delete_many(["a", "n"])


def test_cache_calls_share_one_redis_client_per_connection_pool():
    """Django builds a redis-py client per call; building one is costlier than the call."""
    client = make_cache(REDIS_URL)._cache
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("b", write=True)


def test_unreachable_redis_behaves_as_an_empty_cache_and_logs_once(caplog):
    cache = make_cache(f"redis://127.0.0.1:{closed_port()}/0")
    with caplog.at_level(logging.WARNING, logger="articles.caching.backend"):
        assert cache.get("page", "fallback") == "fallback"
        assert cache.get_many(["a", "b"]) == {}
        cache.set("page", "x", 30)
        assert cache.add("rate", 1) is True  # rate limits fail open
        assert cache.incr("rate") == 1
    warnings = [r for r in caplog.records if "Cache unreachable" in r.getMessage()]
    assert len(warnings) == 1


@pytest.mark.django_db
def test_pages_still_render_with_the_cache_down(client, settings):
    from tests.factories import ArticleFactory

    settings.PAGE_CACHE_SECONDS = 600  # the page cache and the site-wide lookups all miss

    article = ArticleFactory(headline="Served without a cache")
    location = f"redis://127.0.0.1:{closed_port()}/0"
    backend = {"BACKEND": "articles.caching.backend.ResilientRedisCache", "LOCATION": location}
    with override_settings(CACHES={"default": backend}):
        response = client.get(article.get_absolute_url())
        again = client.get(article.get_absolute_url())
        home = client.get("/")
    assert response.status_code == 200
    assert "Served without a cache" in response.content.decode()
    assert home.status_code == 200
    assert again.status_code == 200 and again.get("X-Page-Cache") != "hit"
