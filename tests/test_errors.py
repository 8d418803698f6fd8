from http import HTTPStatus

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from articles.views import HomeView
from tests.factories import CommentFactory
from tests.roles import make_reader

pytestmark = pytest.mark.django_db


def test_unreachable_database_gives_the_sites_503_page(client, monkeypatch):
    def database_down(self, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(HomeView, "get_context_data", database_down)
    response = client.get(reverse("articles:home"))
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "30"
    assert "back in a moment" in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_unknown_address_gives_the_sites_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "couldn't find that page" in response.content.decode()


def test_csrf_failure_gives_the_sites_own_page():
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("accounts:login"), {"username": "x", "password": "y"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "That form had expired" in html
    assert 'class="masthead"' in html and 'class="error-page"' in html  # styled like the 404


def test_permission_denied_gives_the_sites_own_403_page(client):
    comment = CommentFactory()
    client.force_login(make_reader())
    response = client.get(reverse("comments:delete", args=[comment.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    html = response.content.decode()
    assert "You can't do that here" in html and 'class="masthead"' in html


@pytest.mark.parametrize(
    "url",
    [
        "/99999999999999999999/01/01/x/",
        "/2024/99999999999999999999/01/x/",
        "/9999/12/31/",
        "/9999/12/",
        "/9999/",
        "/0000/",
        "/0000/01/01/",
        "/9999/12/31/slug/",
    ],
)
def test_dates_outside_the_calendar_are_not_found(client, url):
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("url", ["/section/x%00y/", "/preview/abc%00/", "/comments/1%00/"])
def test_a_nul_character_in_the_path_is_a_bad_request(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "couldn't read that request" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "admin:articles_comment_changelist",
        "admin:articles_article_images",
        "admin:articles_image_changelist",
        "articles:search",
        "articles:home",
    ],
)
@pytest.mark.parametrize(
    "query",
    [{"q": "a\x00b"}, {"status__exact": "\x00"}, {"q\x00": "x"}, {"created_at__year": "\x00"}],
)
def test_a_nul_character_in_any_query_parameter_is_a_bad_request(admin_client, url, query):
    response = admin_client.get(reverse(url), query)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "couldn't read that request" in response.content.decode()


def test_a_nul_character_in_a_posted_field_never_reaches_the_database(admin_client):
    from articles.models import ModerationAction

    comment = CommentFactory(status="pending")
    response = admin_client.post(
        reverse("admin:articles_comment_changelist"),
        {"action": "approve", "_selected_action": [comment.pk], "note": "a\x00b"},
    )
    assert response.status_code == HTTPStatus.FOUND  # the action form refuses it
    assert all(
        "\x00" not in note for note in ModerationAction.objects.values_list("note", flat=True)
    )
