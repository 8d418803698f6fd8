"""Readers on a phone and a desktop: what the first screen and the lists show, measured."""

import pytest

from articles.context_processors import APPEAL_CACHE_KEY
from articles.models import AppealBanner, Article

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def sized_page(chromium, live_server):
    contexts = []

    def open_page(viewport):
        context = chromium.new_context(base_url=live_server.url, viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_article_headline_is_on_the_first_screen_under_a_long_appeal(demo, sized_page, viewport):
    from django.core.cache import cache

    AppealBanner.objects.filter(is_active=True).update(text="Please support us. " * 40)
    cache.delete(APPEAL_CACHE_KEY)
    article = Article.objects.on_fronts().exclude(hero_image=None).first()
    page = sized_page(viewport)
    page.goto(article.get_absolute_url())

    headline = page.get_by_role("heading", level=1).bounding_box()
    assert headline["y"] + headline["height"] <= viewport["height"]
    assert page.locator(".appeal").bounding_box()["height"] < 120
    support = page.get_by_role("link", name="Support us")
    assert [link.is_visible() for link in support.all()] == [True]


def five_story_list_height(page) -> float:
    teasers = page.locator(".list > .teaser")
    assert teasers.count() >= 5
    first, fifth = teasers.nth(0).bounding_box(), teasers.nth(4).bounding_box()
    return fifth["y"] + fifth["height"] - first["y"]


@pytest.mark.parametrize("kind", ["section", "tag", "author", "archive"])
def test_a_five_story_list_uses_the_desktops_width(transactional_db, sized_page, kind):
    from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    long_standfirst = "A standfirst long enough to fill two lines at least on a desktop. " * 3
    for _ in range(6):
        ArticleFactory(section=section, tags=[tag], authors=[author], standfirst=long_standfirst)
    url = {
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "archive": "/archive/",
    }[kind]
    page = sized_page(DESKTOP)
    page.goto(url)
    assert five_story_list_height(page) < 1300
    thumbnail = page.locator(".list > .teaser img").first.bounding_box()
    headline = page.locator(".list > .teaser .teaser__headline").first.bounding_box()
    assert headline["x"] > thumbnail["x"] + thumbnail["width"]  # text beside the picture


def test_home_page_leads_with_one_larger_headline_and_repeats_no_story(demo, sized_page):
    page = sized_page(DESKTOP)
    page.goto("/")
    sizes = page.locator(".teaser__headline").evaluate_all(
        "els => els.map(el => parseFloat(getComputedStyle(el).fontSize))"
    )
    assert sizes[0] > max(sizes[1:])
    links = page.locator(".teaser__headline a").evaluate_all(
        "els => els.map(el => el.getAttribute('href'))"
    )
    assert len(links) == len(set(links))


def test_tag_and_author_pages_say_what_they_are(transactional_db, sized_page):
    from tests.factories import ArticleFactory, AuthorFactory, TagFactory

    tag = TagFactory(name="Harbours")
    author = AuthorFactory(
        name="Aoife Brennan", role="Courts correspondent", bio="Aoife covers the courts."
    )
    ArticleFactory(tags=[tag], authors=[author])
    page = sized_page(DESKTOP)
    page.goto(tag.get_absolute_url())
    assert page.locator(".list-header__kind").inner_text().lower() == "topic"
    assert page.title().startswith("Topic: Harbours")
    page.goto(author.get_absolute_url())
    assert page.locator(".list-header__kind").inner_text().lower() == "courts correspondent"
    assert page.get_by_text("Aoife covers the courts.").is_visible()
