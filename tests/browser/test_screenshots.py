"""Full-page screenshots of the main pages at phone and desktop sizes (``make screenshots``).

With ``SCREENSHOT_DIR`` set they are kept there (``make screenshots`` uses ``screenshots/``,
git-ignored); otherwise they go to a temporary folder and the test only checks that every
page draws, as its reader or newsroom user, at both sizes.
"""

import os
from pathlib import Path

import pytest

from articles.models import Article
from articles.moderation.queues import queue_comments
from tests.browser.helpers import sign_in_staff

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


def public_pages() -> dict[str, str]:
    article = Article.objects.on_fronts().exclude(hero_image=None).first()
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": article.section.get_absolute_url(),
        "search": "/search/?q=council",
        "sign-in": "/accounts/login/",
    }


def newsroom_pages() -> dict[str, str]:
    article = Article.objects.first()
    comment = queue_comments("reported").first()
    return {
        "admin-article-form": f"/admin/articles/article/{article.pk}/change/",
        "admin-article-list": "/admin/articles/article/",
        "admin-reported-queue": "/admin/articles/reportedcomment/",
        "admin-review": f"/admin/articles/comment/{comment.pk}/review/?queue=reported",
        "admin-dashboard": "/admin/articles/comment/dashboard/",
    }


@pytest.fixture
def folder(tmp_path) -> Path:
    path = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_main_pages(demo, chromium, live_server, folder, size):
    context = chromium.new_context(base_url=live_server.url, viewport=SIZES[size])
    page = context.new_page()
    page.set_default_timeout(15_000)
    shots = []

    def shoot(pages: dict[str, str]) -> None:
        for name, url in pages.items():
            assert page.goto(url).ok, url
            shots.append(folder / f"{name}-{size}.png")
            page.screenshot(path=shots[-1], full_page=True)

    try:
        shoot(public_pages())
        newsroom = newsroom_pages()
        moderation = {"admin-reported-queue", "admin-review", "admin-dashboard"}
        sign_in_staff(page, "editor")
        shoot({name: url for name, url in newsroom.items() if name not in moderation})
        page.context.clear_cookies()
        sign_in_staff(page, "moderator")
        shoot({name: url for name, url in newsroom.items() if name in moderation})
        assert len(shots) == 10
        assert all(shot.stat().st_size > 5_000 for shot in shots)
    finally:
        context.close()
