"""axe-core on the reader pages, landmarks, skip link, focus, 320 px and no JavaScript.

axe-core comes from npm (``make test`` installs it into ``.cache/axe``, or point
``AXE_CORE_JS`` at ``axe.min.js``). Outside CI the axe checks skip when it is missing;
with CI=true a missing axe-core fails the run.
"""

import os
from pathlib import Path

import pytest

from articles.models import Article

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = Path(os.environ.get("AXE_CORE_JS", ROOT / ".cache/axe/node_modules/axe-core/axe.min.js"))
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def axe_script():
    if not AXE_JS.is_file():
        message = f"axe-core not found at {AXE_JS}: `make web-tools` installs it with npm"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return str(AXE_JS)


@pytest.fixture
def reader_pages(demo):
    article = Article.objects.on_fronts().exclude(hero_image=None).first()
    date = article.publication_date
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "archive": f"/{date:%Y/%m}/",
        "search": "/search/?q=council",
        "topic": article.tags.first().get_absolute_url(),
        "author": article.authors.first().get_absolute_url(),
        "support": "/support/",
    }


def test_reader_pages_have_no_serious_or_critical_axe_violations(
    chromium, live_server, reader_pages, axe_script
):
    # The site's CSP forbids injected scripts; axe is the test's instrument, not the page's.
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    problems = []
    # The sign-in page too (it autofocuses its first field, so it is left out of the skip-link
    # check below).
    for name, url in {**reader_pages, "sign-in": "/accounts/login/"}.items():
        page.goto(url)
        page.add_script_tag(path=axe_script)
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        problems += [
            f"{name}: {violation['id']} ({violation['impact']}): {violation['help']}"
            for violation in violations
            if violation["impact"] in BLOCKING_IMPACTS
        ]
    context.close()
    assert not problems, "\n".join(problems)


def test_every_page_has_landmarks_and_a_skip_link_to_the_content(page, reader_pages):
    for name, url in reader_pages.items():
        page.goto(url)
        for role in ("banner", "main", "contentinfo", "search"):
            assert page.get_by_role(role).count() >= 1, f"{name} has no {role} landmark"
        assert page.get_by_role("navigation", name="Sections").is_visible(), name
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content")
        assert skip.evaluate("link => link === document.activeElement"), name
        assert skip.is_visible(), f"{name}: the focused skip link is not shown"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main", name


def test_keyboard_focus_is_visible(page, reader_pages):
    page.goto(reader_pages["home"])
    for _ in range(3):
        page.keyboard.press("Tab")
    outline = page.evaluate(
        """() => {
            const style = getComputedStyle(document.activeElement);
            return [style.outlineStyle, parseFloat(style.outlineWidth), style.boxShadow];
        }"""
    )
    assert outline[0] != "none" and outline[1] >= 2, outline


def test_pages_fit_a_320_pixel_wide_screen(chromium, live_server, reader_pages):
    context = chromium.new_context(base_url=live_server.url, viewport={"width": 320, "height": 640})
    page = context.new_page()
    try:
        for name, url in reader_pages.items():
            page.goto(url)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{name} scrolls sideways at 320 px ({width} px wide)"
    finally:
        context.close()


def test_search_and_navigation_work_without_javascript(chromium, live_server, demo):
    article = Article.objects.on_fronts().first()
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/")
        page.get_by_role("navigation", name="Sections").get_by_role(
            "link", name=article.section.name
        ).click()
        page.wait_for_url(f"**{article.section.get_absolute_url()}")
        search = page.get_by_role("search", name="Site search")
        search.get_by_role("searchbox").fill(article.headline)
        search.get_by_role("searchbox").press("Enter")
        page.wait_for_url("**/search/?q=*")
        page.locator(".search-results").get_by_role("link", name=article.headline).click()
        page.wait_for_url(f"**{article.get_absolute_url()}")
        assert page.get_by_role("heading", level=1).inner_text() == article.headline
    finally:
        context.close()
