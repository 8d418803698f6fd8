from http import HTTPStatus

import pytest
from django.db import OperationalError
from django.urls import reverse

from articles.views import HomeView

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
