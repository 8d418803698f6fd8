from http import HTTPStatus

import pytest
from django.urls import reverse

from articles.models import AppealBanner
from tests.factories import (
    AppealBannerFactory,
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["article", "image", "section", "author", "tag", "appealbanner"])
def test_every_newsroom_model_has_a_changelist_and_add_form(admin_client_, model):
    for view in ("changelist", "add"):
        response = admin_client_.get(reverse(f"admin:articles_{model}_{view}"))
        assert response.status_code == HTTPStatus.OK


def test_article_changelist_searches_and_filters(admin_client_):
    section = SectionFactory(name="Business")
    ArticleFactory(headline="Interest rates rise", section=section)
    ArticleFactory(headline="Cup final tonight")
    url = reverse("admin:articles_article_changelist")
    html = admin_client_.get(url, {"q": "interest"}).content.decode()
    assert "Interest rates rise" in html and "Cup final tonight" not in html
    html = admin_client_.get(url, {"section__id__exact": section.pk}).content.decode()
    assert "Interest rates rise" in html and "Cup final tonight" not in html


def test_edit_pages_open_for_existing_records(admin_client_):
    article = ArticleFactory(tags=[TagFactory()])
    for obj in (
        article,
        article.section,
        article.hero_image,
        AuthorFactory(),
        AppealBannerFactory(),
    ):
        url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
        assert admin_client_.get(url).status_code == HTTPStatus.OK


def test_only_one_appeal_can_be_switched_on(admin_client_):
    AppealBannerFactory(is_active=True)
    response = admin_client_.post(
        reverse("admin:articles_appealbanner_add"),
        {"text": "Help", "button_label": "Give", "link": "https://example.com", "is_active": "on"},
    )
    assert response.status_code == HTTPStatus.OK
    assert "Another appeal is already shown" in response.content.decode()
    assert AppealBanner.objects.filter(is_active=True).count() == 1


def test_appeal_switched_off_disappears_from_articles(client):
    banner = AppealBannerFactory(text="Please support us today.")
    article = ArticleFactory()
    assert "Please support us today." in client.get(article.get_absolute_url()).content.decode()
    banner.is_active = False
    banner.save()
    assert "Please support us today." not in client.get(article.get_absolute_url()).content.decode()
