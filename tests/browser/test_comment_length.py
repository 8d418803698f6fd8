"""A reader pastes a comment longer than the limit: nothing is cut, nothing half-posted."""

import pytest

from articles.models import Comment
from tests.browser.helpers import PASSWORD
from tests.factories import ArticleFactory, UserFactory

LONG = "A paragraph that goes on. " * 200  # 5,200 characters


@pytest.fixture
def reader(transactional_db):
    return UserFactory(username="longwriter", password=PASSWORD)


def sign_in(page, article):
    page.goto(f"/accounts/login/?next={article.get_absolute_url()}")
    page.get_by_label("Email or username").fill("longwriter")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")


def test_a_long_paste_is_kept_whole_counted_and_not_sent(reader, page):
    article = ArticleFactory()
    sign_in(page, article)
    box = page.get_by_label("Your comment")
    assert "0 of 2,000 characters" in page.locator(".char-counter").first.inner_text()
    box.fill(LONG)
    assert len(box.input_value()) == len(LONG)
    counter = page.locator(".char-counter").first
    assert counter.inner_text().startswith("3,200 characters over the 2,000 limit")
    page.get_by_role("button", name="Post comment").click()
    page.wait_for_timeout(300)
    assert not Comment.objects.exists()
    assert box.input_value() == LONG
    box.fill(LONG[:1990])
    assert counter.inner_text() == "1,990 of 2,000 characters"


def test_without_javascript_a_long_comment_is_refused_and_the_text_kept(
    reader, chromium, live_server
):
    article = ArticleFactory()
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, article)
        page.get_by_role("link", name="Leave a comment").click()  # the form's own page
        page.get_by_label("Your comment").fill(LONG)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", level=1).inner_text() == "Your comment was not posted"
        assert "the limit is 2000" in page.locator(".form-page").inner_text().replace(",", "")
        assert page.get_by_label("Your comment").input_value() == LONG
        assert not Comment.objects.exists()
    finally:
        context.close()
