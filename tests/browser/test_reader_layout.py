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
