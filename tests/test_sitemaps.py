"""sitemap.xml (paginated index), the Google News sitemap and robots.txt."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from articles.sitemaps import ArticleSitemap
from tests.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return etree.fromstring(response.content)


def locations(root, element="url") -> list[str]:
    return [loc.text for loc in root.findall(f"sm:{element}/sm:loc", NS)]


def test_sitemap_index_lists_each_sitemap_in_the_sitemap_namespace(client):
    ArticleFactory()
    root = xml(client, reverse("sitemap"))
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    found = locations(root, "sitemap")
    for section in ("fronts", "sections", "articles", "tags", "authors"):
        assert any(url.endswith(f"/sitemap-{section}.xml") for url in found), section
    assert any(url.endswith("/sitemap-news.xml") for url in found)


def test_article_sitemap_lists_live_stories_with_lastmod_only(client):
    live = ArticleFactory()
    archived = ArticleFactory(archived=True)
    draft = ArticleFactory(draft=True)
    scheduled = ArticleFactory(scheduled=True)
    root = xml(client, reverse("sitemap-section", kwargs={"section": "articles"}))
    assert root.tag == f"{{{NS['sm']}}}urlset"
    found = locations(root)
    assert any(url.endswith(live.get_absolute_url()) for url in found)
    assert any(url.endswith(archived.get_absolute_url()) for url in found)
    assert len(found) == 2
    assert draft.slug not in " ".join(found)
    assert scheduled.slug not in " ".join(found)
    assert root.findall("sm:url/sm:lastmod", NS)


def test_large_archives_are_split_into_sitemap_pages(client, monkeypatch):
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()
    index = locations(xml(client, reverse("sitemap")), "sitemap")
    pages = [url for url in index if "sitemap-articles.xml" in url]
    assert len(pages) == 3
    assert pages[-1].endswith("?p=3")
    last = xml(client, reverse("sitemap-section", kwargs={"section": "articles"}) + "?p=3")
    assert len(locations(last)) == 1
    response = client.get(reverse("sitemap-section", kwargs={"section": "articles"}) + "?p=4")
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_taxonomy_sitemaps_list_only_pages_with_live_stories(client):
    used, unused = TagFactory(), TagFactory()
    author = AuthorFactory()
    article = ArticleFactory(tags=[used], authors=[author])
    ArticleFactory(tags=[unused], draft=True)
    tags = locations(xml(client, reverse("sitemap-section", kwargs={"section": "tags"})))
    assert [url.split("/", 3)[3] for url in tags] == [used.get_absolute_url().lstrip("/")]
    authors = locations(xml(client, reverse("sitemap-section", kwargs={"section": "authors"})))
    assert author.get_absolute_url() in authors[0]
    sections = locations(xml(client, reverse("sitemap-section", kwargs={"section": "sections"})))
    assert article.section.get_absolute_url() in sections[0]


def test_news_sitemap_has_the_last_48_hours_with_news_tags(client):
    recent = ArticleFactory(
        headline="Fresh & new", published_at=timezone.now() - timedelta(hours=3)
    )
    ArticleFactory(headline="Old story", published_at=timezone.now() - timedelta(hours=49))
    root = xml(client, reverse("sitemap-news"))
    assert root.tag == f"{{{NS['sm']}}}urlset"
    urls = root.findall("sm:url", NS)
    assert len(urls) == 1
    assert urls[0].find("sm:loc", NS).text.endswith(recent.get_absolute_url())
    news = urls[0].find("news:news", NS)
    assert news.find("news:title", NS).text == "Fresh & new"
    assert news.find("news:publication/news:name", NS).text == "The Newsarchive"
    assert news.find("news:publication/news:language", NS).text == "en"
    assert news.find("news:publication_date", NS).text.startswith(
        timezone.localtime(recent.published_at).strftime("%Y-%m-%dT%H:%M")
    )


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text
    assert "Disallow: /admin/" in text
    assert "Disallow: /search/" in text


def test_article_sitemap_query_count_does_not_grow(client, django_assert_max_num_queries):
    ArticleFactory()
    url = reverse("sitemap-section", kwargs={"section": "articles"})
    client.get(url)  # the Site is looked up once per process
    with django_assert_max_num_queries(3) as small:
        client.get(url)
    for _ in range(10):
        ArticleFactory()
    with django_assert_max_num_queries(3) as large:
        client.get(url)
    assert len(small.captured_queries) == len(large.captured_queries)
