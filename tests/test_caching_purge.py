"""Purges by tag at Fastly and Cloudflare (against a local fake of their APIs) and at Varnish:
sent after the commit, retried and logged when they fail, never breaking the save."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from articles.caching.purge import purge_on_commit
from articles.caching.store import current_versions, invalidate
from articles.caching.tags import EVERYTHING, FRONTS, article_tag, comments_tag, versioned_tag
from articles.models import CommentStatus
from articles.services.accounts import account_update
from articles.services.comments import comment_delete_by_author, comment_edit, comment_post
from articles.services.moderation import comment_approve
from tests.factories import ArticleFactory, UserFactory
from tests.roles import make_moderator, make_trusted_reader

pytestmark = pytest.mark.django_db(transaction=True)  # purges wait for real commits


class FakeApi:
    """A local HTTP server recording each request; answers ``status`` (one per request)."""

    def __init__(self, statuses=(200,)):
        self.requests, self.statuses = [], list(statuses)
        api = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                api.requests.append((self.command, self.path, dict(self.headers), body))
                status = api.statuses.pop(0) if len(api.statuses) > 1 else api.statuses[0]
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"success": true}')

            do_POST = do_PURGE = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(autouse=True)
def purge_once(settings):
    """Each purge once, so that a test counts exactly what one change sends."""
    settings.PURGE_REPEAT_SECONDS = 0


@pytest.fixture
def api():
    fake = FakeApi()
    yield fake
    fake.close()


@pytest.fixture
def fastly(api, settings):
    settings.FASTLY_API_URL = api.url
    settings.FASTLY_SERVICE_ID = "svc123"
    settings.FASTLY_API_TOKEN = "fastly-token"
    return api


@pytest.fixture
def cloudflare(api, settings):
    settings.CLOUDFLARE_API_URL = f"{api.url}/client/v4"
    settings.CLOUDFLARE_ZONE_ID = "zone9"
    settings.CLOUDFLARE_API_TOKEN = "cf-token"
    return api


def test_fastly_is_purged_by_surrogate_key_after_the_commit(fastly):
    with transaction.atomic():
        article = ArticleFactory()
        assert fastly.requests == []  # nothing before the commit
    method, path, headers, _ = fastly.requests[-1]
    assert (method, path) == ("POST", "/service/svc123/purge")
    assert headers["Fastly-Key"] == "fastly-token"
    assert {article_tag(article.pk), FRONTS} <= set(headers["Surrogate-Key"].split())


def test_cloudflare_is_purged_by_cache_tag_after_the_commit(cloudflare):
    with transaction.atomic():
        article = ArticleFactory()
        assert cloudflare.requests == []
    method, path, headers, body = cloudflare.requests[-1]
    assert (method, path) == ("POST", "/client/v4/zones/zone9/purge_cache")
    assert headers["Authorization"] == "Bearer cf-token"
    assert {article_tag(article.pk), FRONTS} <= set(json.loads(body)["tags"])


def test_nothing_is_purged_for_a_change_that_rolls_back(fastly):
    with pytest.raises(RuntimeError), transaction.atomic():
        ArticleFactory()
        raise RuntimeError
    assert fastly.requests == []


def test_a_failing_purge_is_retried_then_logged_and_the_save_stands(settings, caplog):
    failing = FakeApi(statuses=[503])
    settings.VARNISH_PURGE_URLS = [f"{failing.url}/"]
    settings.PURGE_ATTEMPTS, settings.PURGE_RETRY_SECONDS = 3, 0
    try:
        with caplog.at_level(logging.WARNING, logger="articles.caching.purge"):
            with transaction.atomic():
                purge_on_commit([article_tag(7)])
            article = ArticleFactory(headline="Saved all the same")
    finally:
        failing.close()
    assert [r[2]["Xkey"] for r in failing.requests[:3]] == [article_tag(7)] * 3
    assert any("Purge lost after 3 attempts" in r.getMessage() for r in caplog.records)
    article.refresh_from_db()
    assert article.headline == "Saved all the same"


def test_an_unreachable_front_end_never_breaks_the_save(settings):
    settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
    settings.PURGE_RETRY_SECONDS = 0
    assert ArticleFactory(headline="Still saved").pk


def test_a_purge_that_succeeds_on_a_retry_is_not_lost(settings, caplog):
    flaky = FakeApi(statuses=[500, 200])
    settings.VARNISH_PURGE_URLS = [f"{flaky.url}/"]
    settings.PURGE_RETRY_SECONDS = 0
    try:
        with caplog.at_level(logging.ERROR, logger="articles.caching.purge"):
            ArticleFactory()
    finally:
        flaky.close()
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_purge_cache_command_purges_everything_everywhere(fastly, cloudflare, settings):
    settings.VARNISH_PURGE_URLS = [f"{fastly.url}/varnish"]
    call_command("purge_cache")
    by_path = {path: headers for _, path, headers, _ in fastly.requests}
    assert by_path["/varnish"]["Xkey"] == EVERYTHING
    assert by_path["/service/svc123/purge"]["Surrogate-Key"] == EVERYTHING
    bodies = [json.loads(body) for _, path, _, body in fastly.requests if "zones" in path]
    assert bodies == [{"tags": [EVERYTHING]}]


def test_a_purge_is_sent_again_a_moment_after_the_commit(fastly, settings):
    """For the page drawn from the rows just before the commit that reached the cache just
    after the first purge."""
    settings.PURGE_REPEAT_SECONDS = 0.2
    with transaction.atomic():
        purge_on_commit([article_tag(5)])
    assert len(fastly.requests) == 1
    deadline = time.monotonic() + 10
    while len(fastly.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [r[2]["Surrogate-Key"] for r in fastly.requests] == [article_tag(5)] * 2


def test_purge_cache_command_fails_loudly_when_a_front_end_is_down(settings):
    settings.VARNISH_PURGE_URLS = ["http://127.0.0.1:9/"]
    settings.PURGE_RETRY_SECONDS = 0
    with pytest.raises(CommandError):
        call_command("purge_cache")


def purged(api) -> set[str]:
    """Every tag the fake front end was asked to purge."""
    return {tag for *_, headers, _ in api.requests for tag in headers["Surrogate-Key"].split()}


def test_a_comment_held_for_moderation_purges_nothing_until_it_is_approved(fastly):
    article, reader = ArticleFactory(), UserFactory()  # a new reader's comment is held
    fastly.requests.clear()
    comment = comment_post(article=article, author=reader, text="Held for a moderator")
    comment = comment_edit(comment=comment, by=reader, text="Held, and corrected")
    account_update(user=reader, display_name="A new name beside nothing public")
    assert comment.status == CommentStatus.PENDING
    assert comments_tag(article.pk) not in purged(fastly)
    comment_approve(comment=comment, by=make_moderator())
    assert comments_tag(article.pk) in purged(fastly)


def test_a_visible_comment_purges_its_thread_when_posted_and_when_withdrawn(fastly):
    article, reader = ArticleFactory(), make_trusted_reader()
    fastly.requests.clear()
    comment = comment_post(article=article, author=reader, text="Straight onto the page")
    assert comment.status == CommentStatus.VISIBLE
    assert comments_tag(article.pk) in purged(fastly)
    fastly.requests.clear()
    comment_delete_by_author(comment=comment, by=reader)
    assert comments_tag(article.pk) in purged(fastly)


def test_a_visible_comment_held_again_by_an_edit_purges_its_thread(fastly, settings):
    settings.COMMENTS_MAX_LINKS = 0  # an edit that adds a link is held again
    article, reader = ArticleFactory(), make_trusted_reader()
    comment = comment_post(article=article, author=reader, text="On the page for now")
    fastly.requests.clear()
    comment = comment_edit(comment=comment, by=reader, text="See https://example.com/")
    assert comment.status == CommentStatus.PENDING
    assert comments_tag(article.pk) in purged(fastly)


def test_the_repeated_purge_names_the_versions_drawn_before_the_commit(fastly, settings):
    """Pages drawn after the commit carry the version set at the commit: they stay cached."""
    settings.PURGE_REPEAT_SECONDS = 0.2
    tag = comments_tag(8)
    before = current_versions([tag])[tag]
    with transaction.atomic():
        invalidate(tag)
        during = current_versions([tag])[tag]
    after = current_versions([tag])[tag]
    deadline = time.monotonic() + 10
    while len(fastly.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    first, again = (set(r[2]["Surrogate-Key"].split()) for r in fastly.requests)
    assert first == {tag}
    assert again == {versioned_tag(tag, before), versioned_tag(tag, during)}
    assert versioned_tag(tag, after) not in again
