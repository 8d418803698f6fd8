"""The newsroom's lists at 1,280 px: nothing cut off, the headline gets the room, one time
format, and article states at a glance."""

import re

import pytest

from tests.browser.helpers import sign_in_staff

LAPTOP = {"width": 1280, "height": 800}
TIME_CELLS = ", ".join(
    f"#result_list td.field-{name}"
    for name in [
        "published_at",
        "updated_at",
        "created_at",
        "uploaded_at",
        "first_reported",
        "last_reported",
    ]
)
TIME = re.compile(r"^(\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}|-)$")

LISTS = {
    "editor": {
        "/admin/articles/article/": "headline",
        "/admin/articles/image/": "caption_text",
    },
    "moderator": {
        "/admin/articles/reportedcomment/": "excerpt",
        "/admin/articles/comment/": "excerpt",
        "/admin/articles/pendingcomment/": "excerpt",
    },
}


def measure(page) -> dict:
    return page.evaluate(
        """() => {
            const results = document.querySelector('.results');
            const heads = [...document.querySelectorAll('#result_list thead th')];
            return {
                page: document.scrollingElement.scrollWidth,
                results: [results.scrollWidth, results.clientWidth],
                columns: heads.map(th => ({
                    name: [...th.classList].find(c => c.startsWith('column-')) || '',
                    title: th.innerText.trim().toLowerCase(),
                    width: th.getBoundingClientRect().width,
                })),
            };
        }"""
    )


@pytest.mark.parametrize("role", LISTS)
def test_lists_fit_a_laptop_screen_with_room_for_the_headline(demo, chromium, live_server, role):
    context = chromium.new_context(base_url=live_server.url, viewport=LAPTOP)
    page = context.new_page()
    try:
        sign_in_staff(page, role)
        for url, main_column in LISTS[role].items():
            page.goto(url)
            figures = measure(page)
            assert figures["page"] <= LAPTOP["width"], url
            scroll, client = figures["results"]
            assert scroll <= client, f"{url}: columns cut off ({scroll} > {client})"
            columns = {column["name"]: column for column in figures["columns"] if column["name"]}
            widest = max(columns.values(), key=lambda column: column["width"])
            assert widest["name"] == f"column-{main_column}", url
            titles = [column["title"] for column in figures["columns"] if column["title"]]
            assert len(titles) == len(set(titles)), f"{url}: {titles}"
            times = page.locator(TIME_CELLS).all_inner_texts()
            assert times and all(TIME.match(text.strip()) for text in times), times
    finally:
        context.close()


def test_article_states_read_at_a_glance(demo, page):
    sign_in_staff(page, "editor")
    page.goto("/admin/articles/article/")
    colours = {}
    for state in ["scheduled", "in_review", "published", "archived", "draft"]:
        badge = page.locator(f"#result_list .state--{state}").first
        assert badge.is_visible(), state
        colours[state] = badge.evaluate("el => getComputedStyle(el).backgroundColor")
    assert len(set(colours.values())) == len(colours)
    scheduled = page.locator("#result_list .state--scheduled").first.inner_text()
    assert scheduled.startswith("scheduled for")
