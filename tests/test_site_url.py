"""The site's name and address come from SITE_NAME and SITE_URL, never the Sites default."""

import re
from http import HTTPStatus

import feedparser
import pytest
from django.contrib.sites.models import Site
from django.urls import reverse

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# As `make run` serves it: the port in Host is the server's own (a foreign port is dropped).
DEV_HOST = "127.0.0.1:8123"


def test_migrate_gives_the_sites_row_the_site_name():
    assert Site.objects.get_current().name == "The Newsarchive"


def test_sign_in_page_is_titled_with_the_site_name(client, settings):
    settings.SITE_NAME = "The Daily Planet"
    html = client.get(reverse("accounts:login")).content.decode()
    assert "<title>Sign in | The Daily Planet</title>" in html
    assert '<meta property="og:site_name" content="The Daily Planet">' in html
    assert "&copy;" in html and "The Daily Planet</p>" in html
    assert "localhost" not in html


@pytest.mark.parametrize("url_name", ["articles:feed-rss", "articles:feed-atom"])
def test_feed_links_use_the_requests_own_origin_in_development(client, url_name):
    article = ArticleFactory()
    response = client.get(reverse(url_name), HTTP_HOST=DEV_HOST, SERVER_PORT="8123")
    feed = feedparser.parse(response.content)
    assert feed.feed.link == f"http://{DEV_HOST}/"
    assert feed.entries[0].link == f"http://{DEV_HOST}{article.get_absolute_url()}"
    assert feed.entries[0].enclosures[0].href.startswith(f"http://{DEV_HOST}/media/")


@pytest.mark.parametrize("url_name", ["articles:feed-rss", "articles:feed-atom"])
def test_feed_links_use_site_url_when_set(client, settings, url_name):
    settings.SITE_URL = "https://news.example.com"
    article = ArticleFactory()
    feed = feedparser.parse(
        client.get(reverse(url_name), HTTP_HOST=DEV_HOST, SERVER_PORT="8123").content
    )
    assert feed.feed.link == "https://news.example.com/"
    assert feed.entries[0].link == f"https://news.example.com{article.get_absolute_url()}"
    assert DEV_HOST not in str(feed)


def sitemap_locations(client, url):
    response = client.get(url, HTTP_HOST=DEV_HOST, SERVER_PORT="8123")
    assert response.status_code == HTTPStatus.OK
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@pytest.mark.parametrize("site_url", ["", "https://news.example.com"])
def test_sitemap_locations_start_with_the_sites_origin(client, settings, site_url):
    settings.SITE_URL = site_url
    origin = site_url or f"http://{DEV_HOST}"
    article = ArticleFactory()
    index = sitemap_locations(client, reverse("sitemap"))
    assert index and all(loc.startswith(origin + "/sitemap-") for loc in index)
    stories = sitemap_locations(client, reverse("sitemap-section", args=["articles"]))
    assert f"{origin}{article.get_absolute_url()}" in stories
    news = sitemap_locations(client, reverse("sitemap-news"))
    assert news == [f"{origin}{article.get_absolute_url()}"]


def test_canonical_link_and_robots_use_site_url(client, settings):
    settings.SITE_URL = "https://news.example.com"
    article = ArticleFactory()
    html = client.get(
        article.get_absolute_url(), HTTP_HOST=DEV_HOST, SERVER_PORT="8123"
    ).content.decode()
    canonical = f"https://news.example.com{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    robots = client.get(
        reverse("robots-txt"), HTTP_HOST=DEV_HOST, SERVER_PORT="8123"
    ).content.decode()
    assert "Sitemap: https://news.example.com/sitemap.xml" in robots
