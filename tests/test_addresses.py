"""Addresses filled in from stored values are exactly the ones reverse() builds."""

import pytest
from django.urls import NoReverseMatch, include, path, reverse, set_script_prefix

from articles.addresses import address
from articles.models.comments import comment_url
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

# A site mounted under /news/ (for the URLconf test below).
urlpatterns = [
    path("news/", include("articles.urls.articles")),
    path("news/comments/", include("articles.urls.comments")),
    path("news/accounts/", include("articles.urls.accounts")),
]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("articles:article", {"year": 2024, "month": "02", "day": "29", "slug": "a-story"}),
        ("articles:article", {"year": 1999, "month": "12", "day": "01", "slug": "9876543210"}),
        ("articles:article", {"year": 2024, "month": "01", "day": "05", "slug": "Mixed_Case-9"}),
        ("articles:section", {"slug": "world"}),
        ("articles:tag", {"slug": "-leading-dash"}),
        ("articles:author", {"slug": "jane_doe"}),
        ("comments:report", {"pk": 42}),
        ("comments:permalink", {"pk": 98765432100}),
        ("accounts:account", {}),
        ("articles:archive-day", {"year": "2024", "month": "02", "day": "29"}),  # [0-9]{4}
        ("articles:home", {}),
    ],
)
def test_address_is_what_reverse_builds(name, kwargs):
    assert address(name, **kwargs) == reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("slug", ["caf\u00e9", "a b", "a/b", "50%", ""])
def test_values_reverse_would_refuse_are_refused_alike(slug):
    with pytest.raises(NoReverseMatch):
        reverse("articles:tag", kwargs={"slug": slug})
    with pytest.raises(NoReverseMatch):
        address("articles:tag", slug=slug)


def test_addresses_follow_the_script_prefix():
    try:
        set_script_prefix("/mirror/")
        assert address("articles:section", slug="world") == "/mirror/section/world/"
        assert comment_url("edit", 7) == reverse("comments:edit", kwargs={"pk": 7})
    finally:
        set_script_prefix("/")
    assert address("articles:section", slug="world") == "/section/world/"


def test_addresses_follow_the_urlconf(settings):
    assert address("articles:tag", slug="rates") == "/tag/rates/"
    settings.ROOT_URLCONF = __name__
    assert address("articles:tag", slug="rates") == "/news/tag/rates/"
    assert comment_url("report", 3) == "/news/comments/3/report/"


@pytest.mark.django_db
def test_model_addresses_are_what_reverse_builds():
    article = ArticleFactory()
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    assert article.get_absolute_url() == reverse(
        "articles:article",
        kwargs={
            "year": article.publication_date.year,
            "month": f"{article.publication_date.month:02d}",
            "day": f"{article.publication_date.day:02d}",
            "slug": article.slug,
        },
    )
    assert section.get_absolute_url() == reverse("articles:section", args=[section.slug])
    assert tag.get_absolute_url() == reverse("articles:tag", args=[tag.slug])
    assert author.get_absolute_url() == reverse("articles:author", args=[author.slug])
