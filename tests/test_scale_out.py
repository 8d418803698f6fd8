"""Scale-out configuration: read replica routing and object storage, from the environment."""

import json
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from articles import routers
from tests.test_settings import load_settings

PROBE_EXTRA = (
    "import json, django; from django.conf import settings; django.setup(); print(json.dumps({"
    "'databases': sorted(settings.DATABASES), 'routers': settings.DATABASE_ROUTERS,"
    "'storage': settings.STORAGES['default']['BACKEND'],"
    "'options': settings.STORAGES['default'].get('OPTIONS', {}),"
    "'sessions': settings.SESSION_ENGINE}, default=repr))"
)


def probe(tmp_path, **environ):
    result = load_settings(tmp_path, probe=PROBE_EXTRA, SECRET_KEY="x", **environ)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_replica_there_is_one_database_and_no_router(tmp_path):
    values = probe(tmp_path)
    assert values["databases"] == ["default"]
    assert values["routers"] == []


def test_replica_url_adds_a_replica_and_the_router(tmp_path):
    values = probe(
        tmp_path,
        DATABASE_URL="postgres://app@primary:5432/news",
        DATABASE_REPLICA_URL="postgres://app@replica:5432/news",
    )
    assert values["databases"] == ["default", "replica"]
    assert values["routers"] == ["articles.routers.PublicReadsToReplicaRouter"]


def test_media_goes_to_object_storage_when_a_bucket_is_named(tmp_path):
    values = probe(
        tmp_path,
        AWS_STORAGE_BUCKET_NAME="news-media",
        AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000",
        AWS_S3_CUSTOM_DOMAIN="media.news.example.com",
    )
    assert values["storage"] == "storages.backends.s3.S3Storage"
    assert values["options"]["bucket_name"] == "news-media"
    assert values["options"]["querystring_auth"] is False


def test_media_is_on_the_filesystem_by_default(tmp_path):
    assert probe(tmp_path)["storage"] == "django.core.files.storage.FileSystemStorage"


def test_sessions_live_in_the_cache_backed_by_the_database(tmp_path):
    assert probe(tmp_path)["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_s3_urls_use_the_custom_domain_without_signing():
    from storages.backends.s3 import S3Storage

    storage = S3Storage(
        bucket_name="news-media",
        custom_domain="media.news.example.com",
        querystring_auth=False,
        access_key="x",
        secret_key="y",
    )
    url = storage.url("renditions/abc/480.webp")
    assert url == "https://media.news.example.com/renditions/abc/480.webp"


@pytest.fixture
def with_replica(monkeypatch, settings):
    monkeypatch.setattr(routers, "replica_configured", lambda: True)
    settings.REPLICA_PIN_SECONDS = 15


def run_request(request):
    seen = {}

    def view(request):
        seen["db"] = routers.PublicReadsToReplicaRouter().db_for_read(None)
        return HttpResponse("ok")

    response = routers.ReplicaRoutingMiddleware(view)(request)
    return seen["db"], response


def test_public_page_reads_come_from_the_replica(with_replica):
    db, _ = run_request(RequestFactory().get("/2024/01/02/story/"))
    assert db == "replica"


def test_admin_reads_stay_on_the_primary(with_replica):
    db, _ = run_request(RequestFactory().get("/admin/articles/article/"))
    assert db == "default"


def test_a_write_pins_the_browser_to_the_primary_for_a_while(with_replica):
    db, response = run_request(RequestFactory().post("/comments/post/"))
    assert db == "default"
    cookie = response.cookies[routers.PIN_COOKIE]
    assert float(cookie.value) > time.time()
    follow_up = RequestFactory().get("/2024/01/02/story/")
    follow_up.COOKIES[routers.PIN_COOKIE] = cookie.value
    assert run_request(follow_up)[0] == "default"


def test_outside_a_request_reads_use_the_primary(with_replica):
    assert routers.PublicReadsToReplicaRouter().db_for_read(None) == "default"
