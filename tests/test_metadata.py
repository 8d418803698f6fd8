"""Head metadata: title, description, canonical link; Open Graph, Twitter and JSON-LD on stories."""

import json
from http import HTTPStatus

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


def head(client, url) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return BeautifulSoup(response.content, "lxml").head


def meta(soup, key) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def public_urls():
    article = ArticleFactory(tags=[TagFactory()])
    date = article.publication_date
    return {
        "home": reverse("articles:home"),
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "tag": article.tags.first().get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "archive": reverse("articles:archive"),
        "year": f"/{date:%Y}/",
        "month": f"/{date:%Y/%m}/",
        "day": f"/{date:%Y/%m/%d}/",
        "search": reverse("articles:search") + "?q=headline",
        "policy": reverse("comments-policy"),
    }


def test_every_public_page_has_its_own_title_a_description_and_a_canonical_link(client):
    urls = public_urls()
    titles = set()
    for name, url in urls.items():
        soup = head(client, url)
        assert soup.title.string.strip(), name
        assert meta(soup, "description").strip(), name
        canonical = soup.find("link", rel="canonical")["href"]
        assert canonical == f"http://testserver{url.split('?')[0]}", name
        titles.add(soup.title.string)
    assert len(titles) == len(urls)  # each page has its own title


def test_later_pages_of_a_list_keep_their_page_number_in_the_canonical_link(client):
    section = SectionFactory()
    for _ in range(21):
        ArticleFactory(section=section)
    soup = head(client, f"{section.get_absolute_url()}?page=2&utm_source=x")
    assert soup.find("link", rel="canonical")["href"] == (
        f"http://testserver{section.get_absolute_url()}?page=2"
    )
    assert "page 2" in soup.title.string


def test_article_page_has_open_graph_and_twitter_card_with_the_hero_image(client):
    hero = ImageFactory(alt_text="Boats moored in the harbour at dawn")
    article = ArticleFactory(
        headline="Harbour reopens", standfirst="Crews return.", hero_image=hero
    )
    soup = head(client, article.get_absolute_url())
    assert meta(soup, "og:type") == "article"
    assert meta(soup, "og:title") == "Harbour reopens"
    assert meta(soup, "og:description") == "Crews return."
    assert meta(soup, "og:url") == f"http://testserver{article.get_absolute_url()}"
    assert meta(soup, "og:image") == f"http://testserver{hero.file.url}"
    assert meta(soup, "og:image:alt") == "Boats moored in the harbour at dawn"
    assert meta(soup, "article:section") == article.section.name
    assert meta(soup, "twitter:card") == "summary_large_image"
    assert meta(soup, "twitter:image") == f"http://testserver{hero.file.url}"
    assert meta(soup, "twitter:image:alt") == "Boats moored in the harbour at dawn"


def test_list_pages_are_not_described_as_articles(client):
    article = ArticleFactory()
    soup = head(client, article.section.get_absolute_url())
    assert meta(soup, "og:type") is None
    assert soup.find("script", type="application/ld+json") is None


def test_article_json_ld_is_a_news_article_with_the_required_properties(client):
    article = ArticleFactory(
        authors=[AuthorFactory(name="Aoife Brennan"), AuthorFactory(name="Conor Whelan")],
        section=SectionFactory(name="Politics"),
    )
    soup = head(client, article.get_absolute_url())
    data = json.loads(soup.find("script", type="application/ld+json").string)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["image"] == [f"http://testserver{article.hero_image.file.url}"]
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] >= data["datePublished"]
    assert [author["name"] for author in data["author"]] == ["Aoife Brennan", "Conor Whelan"]
    assert data["publisher"]["name"] == "The Newsarchive"
    assert data["articleSection"] == "Politics"


def test_json_ld_cannot_break_out_of_its_script_element(client):
    article = ArticleFactory(headline="</script><script>alert('x')</script> & <!-- more")
    html = client.get(article.get_absolute_url()).content.decode()
    script = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "<" not in script
    assert ">" not in script
    assert "&" not in script
    assert json.loads(script)["headline"] == article.headline
