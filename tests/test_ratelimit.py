"""Rate limits: sliding windows, counted apart from the page cache, counting what was
accepted, and one client address for every limit and lockout behind proxies."""

import types
from http import HTTPStatus

import pytest
from axes.models import AccessAttempt
from django.core.cache import caches
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse

from articles.models import Comment, Report
from articles.ratelimit import client_address
from tests.factories import ArticleFactory, CommentFactory, UserFactory
from tests.roles import make_trusted_reader

pytestmark = pytest.mark.django_db

MINUTE_START = 1.8e9  # a whole minute: the fixed windows of the old limits turned here


def post_comment(client, article, text):
    return client.post(reverse("comments:post", args=[article.pk]), {"text": text})


@pytest.fixture
def clock(monkeypatch):
    now = types.SimpleNamespace(value=MINUTE_START)
    monkeypatch.setattr("articles.ratelimit.time", types.SimpleNamespace(time=lambda: now.value))
    return now


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def reader(client):
    reader = make_trusted_reader()
    client.force_login(reader)
    return reader


def test_a_commenter_cannot_post_twice_the_limit_across_a_minute_boundary(
    client, article, reader, clock
):
    clock.value = MINUTE_START - 2  # the last seconds of one minute
    for number in range(5):
        assert post_comment(client, article, f"Late {number}").status_code == HTTPStatus.FOUND
    clock.value = MINUTE_START + 2  # the first seconds of the next
    assert post_comment(client, article, "Early").status_code == HTTPStatus.TOO_MANY_REQUESTS
    clock.value = MINUTE_START + 58  # a minute after the burst, the limit is whole again
    assert post_comment(client, article, "Later").status_code == HTTPStatus.FOUND


def test_refused_comments_do_not_count_against_the_limit(client, article, reader):
    for _ in range(8):
        post_comment(client, article, "   ")  # empty: refused with a form error
    for _ in range(3):
        post_comment(client, article, "Same again")  # the first posts, the rest are repeats
    for number in range(4):
        assert post_comment(client, article, f"Fresh {number}").status_code == HTTPStatus.FOUND
    assert Comment.objects.filter(author=reader).count() == 1 + 1 + 4


def test_refused_replies_do_not_count_against_the_limit(client, article, reader):
    gone = CommentFactory(article=article)
    gone_pk = gone.pk
    gone.delete()
    url = reverse("comments:post", args=[article.pk])
    for _ in range(8):
        response = client.post(url, {"text": "A reply", "parent": gone_pk})
        assert "can no longer be replied to" in response.content.decode()
    for number in range(5):
        assert post_comment(client, article, f"Fresh {number}").status_code == HTTPStatus.FOUND


def test_comments_lost_to_a_database_outage_do_not_count(client, article, reader, monkeypatch):
    def outage(**kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr("articles.views.comments.comment_post", outage)
    for _ in range(6):
        assert post_comment(client, article, "Hello?").status_code == HTTPStatus.SERVICE_UNAVAILABLE
    monkeypatch.undo()
    for number in range(5):
        assert post_comment(client, article, f"Back {number}").status_code == HTTPStatus.FOUND


def test_flushing_or_evicting_the_page_cache_keeps_the_rate_limit(client, article, reader):
    for number in range(5):
        post_comment(client, article, f"Comment {number}")
    caches["default"].clear()  # what a flood of pages does to an evicting cache
    assert post_comment(client, article, "Sixth").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_rate_limit_counters_have_their_own_cache(settings):
    assert "ratelimit" in settings.CACHES
    assert caches["ratelimit"] is not caches["default"]
    caches["ratelimit"].set("probe", 1)
    assert caches["default"].get("probe") is None


def test_the_client_address_behind_trusted_proxies_is_the_one_they_recorded(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get(
        "/",
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7, 10.0.0.1",
    )
    assert client_address(request) == "198.51.100.7"  # what the client wrote is ignored
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request) == "10.0.0.2"


def test_a_forged_or_garbled_forwarded_header_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for header in ("", "not-an-address", "<script>"):
        request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=header)
        assert client_address(request) == "10.0.0.9"


def test_anonymous_report_limit_counts_each_client_behind_the_proxy_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REPORTS_PER_MINUTE = 2
    comments = CommentFactory.create_batch(6)

    def report(comment, address):
        return client.__class__().post(
            reverse("comments:report", args=[comment.pk]),
            {"reason": "spam"},
            REMOTE_ADDR="10.0.0.1",  # the proxy
            HTTP_X_FORWARDED_FOR=address,
        )

    assert report(comments[0], "203.0.113.1").status_code == HTTPStatus.FOUND
    assert report(comments[1], "203.0.113.1").status_code == HTTPStatus.FOUND
    assert report(comments[2], "203.0.113.1").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert report(comments[3], "203.0.113.2").status_code == HTTPStatus.FOUND  # another reader
    assert Report.objects.count() == 3


def test_sign_up_limit_counts_each_client_behind_the_proxy_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.SIGNUPS_PER_HOUR = 1
    url = reverse("accounts:signup")

    def sign_up(address):
        return client.post(
            url, {"email": "x"}, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=address
        )

    assert sign_up("203.0.113.1").status_code == HTTPStatus.OK
    assert sign_up("203.0.113.1").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert sign_up("203.0.113.2").status_code == HTTPStatus.OK


def test_sign_in_lockout_locks_the_guesser_not_everyone_behind_the_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    user = UserFactory(username="target")
    url = reverse("accounts:login")
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(5):
        client.post(
            url,
            {"username": "target", "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.66",
            **proxy,
        )
    assert AccessAttempt.objects.get().ip_address == "198.51.100.66"
    locked = client.post(
        url,
        {"username": "target", "password": "correct horse battery staple"},
        HTTP_X_FORWARDED_FOR="198.51.100.66",
        **proxy,
    )
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    owner = client.__class__()
    owner.post(
        url,
        {"username": "target", "password": "correct horse battery staple"},
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    assert owner.session["_auth_user_id"] == str(user.pk)
