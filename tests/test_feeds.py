"""RSS and Atom feeds: valid for feedparser, latest stories, hero image enclosures."""

from http import HTTPStatus

import feedparser
import pytest
from django.urls import reverse
from django.utils.http import http_date

from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db

FEEDS = ["articles:feed-rss", "articles:feed-atom"]
SECTION_FEEDS = ["articles:section-feed-rss", "articles:section-feed-atom"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("url_name", FEEDS)
def test_latest_feeds_are_well_formed_and_list_front_page_stories(client, url_name):
    ArticleFactory(headline="Published story", authors=[AuthorFactory(name="Aoife Brennan")])
    ArticleFactory(headline="Archived story", archived=True)
    ArticleFactory(headline="Draft story", draft=True)
    ArticleFactory(headline="Scheduled story", scheduled=True)
    feed = parse(client, reverse(url_name))
    assert [entry.title for entry in feed.entries] == ["Published story"]
    entry = feed.entries[0]
    assert entry.link.startswith("http://")
    assert entry.author == "Aoife Brennan"
    assert entry.published_parsed


@pytest.mark.parametrize("url_name", FEEDS)
def test_feed_items_carry_the_hero_image_as_an_enclosure(client, url_name):
    article = ArticleFactory(tags=[TagFactory(name="Harbours")])
    feed = parse(client, reverse(url_name))
    enclosure = next(link for link in feed.entries[0].links if link.rel == "enclosure")
    assert enclosure.href.startswith("http://")
    assert enclosure.href.endswith(article.hero_image.file.url)
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == article.hero_image.file.size
    assert "Harbours" in [tag.term for tag in feed.entries[0].tags]


def test_a_story_without_a_hero_image_has_no_enclosure(client):
    ArticleFactory(hero_image=None)
    feed = parse(client, reverse("articles:feed-rss"))
    assert not [link for link in feed.entries[0].links if link.rel == "enclosure"]


@pytest.mark.parametrize("url_name", SECTION_FEEDS)
def test_section_feeds_list_only_that_section(client, url_name):
    news, sport = SectionFactory(name="News"), SectionFactory(name="Sport")
    ArticleFactory(headline="News story", section=news)
    ArticleFactory(headline="Sport story", section=sport)
    feed = parse(client, reverse(url_name, kwargs={"slug": sport.slug}))
    assert [entry.title for entry in feed.entries] == ["Sport story"]
    assert feed.feed.title.startswith("Sport")


@pytest.mark.parametrize("url_name", SECTION_FEEDS)
def test_feed_of_an_unknown_section_is_a_404(client, url_name):
    response = client.get(reverse(url_name, kwargs={"slug": "no-such-section"}))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_feed_query_count_does_not_grow_with_stories(client, django_assert_max_num_queries):
    ArticleFactory()
    client.get(reverse("articles:feed-rss"))  # the Site is looked up once per process
    with django_assert_max_num_queries(5) as small:
        client.get(reverse("articles:feed-rss"))
    for _ in range(10):
        ArticleFactory(tags=[TagFactory()], authors=[AuthorFactory(), AuthorFactory()])
    client.get(reverse("articles:feed-rss"))  # when the next scheduled story is due, once
    with django_assert_max_num_queries(5) as large:
        client.get(reverse("articles:feed-rss"))
    assert len(small.captured_queries) == len(large.captured_queries)


def test_pages_advertise_the_feeds(client):
    html = client.get(reverse("articles:home")).content.decode()
    rss = reverse("articles:feed-rss")
    assert (
        f'type="application/rss+xml" title="The Newsarchive: latest stories (RSS)" href="{rss}"'
        in html
    )
    assert 'type="application/atom+xml"' in html


@pytest.mark.parametrize("url_name", FEEDS)
def test_a_plain_text_standfirst_reaches_feed_readers_as_text_not_markup(client, url_name):
    ArticleFactory(standfirst='Why <b>bold</b> & <img src=x onerror="alert(1)"> matter')
    entry = parse(client, reverse(url_name)).entries[0]
    # The summary is HTML: what a feed reader shows of it is the standfirst, character for
    # character, and it holds no element.
    assert "<b>" not in entry.summary and "<img" not in entry.summary
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;img" in entry.summary


@pytest.mark.parametrize("url_name", FEEDS)
def test_feed_items_name_their_section_topics_and_bylines(client, url_name):
    ArticleFactory(
        section=SectionFactory(name="Courts"),
        tags=[TagFactory(name="Appeals"), TagFactory(name="Juries")],
        authors=[AuthorFactory(name="Ann Byline"), AuthorFactory(name="Bo Second")],
    )
    entry = parse(client, reverse(url_name)).entries[0]
    assert [term.term for term in entry.tags] == ["Courts", "Appeals", "Juries"]
    assert entry.author == "Ann Byline, Bo Second"


def test_feeds_say_when_their_newest_story_changed(client):
    story = ArticleFactory()
    response = client.get(reverse("articles:feed-rss"))
    assert response["Last-Modified"] == http_date(story.updated_at.timestamp())
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
