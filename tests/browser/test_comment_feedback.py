"""A reader's feedback in the comments: errors by their form, the count, the report dialog,
and controls big enough to tap on a phone."""

import pytest

from articles.models import Comment
from tests.browser.helpers import PASSWORD
from tests.factories import ArticleFactory, CommentFactory, UserFactory

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def discussion(transactional_db):
    reader = UserFactory(username="regular", password=PASSWORD)
    CommentFactory(author=reader, text="An earlier, approved comment.")  # past pre-moderation
    article = ArticleFactory()
    comment = CommentFactory(article=article, text="Ferries should run all winter, frankly.")
    return article, comment


def open_as_reader(chromium, live_server, article, viewport=None):
    options = {"base_url": live_server.url}
    if viewport:
        options["viewport"] = viewport
    context = chromium.new_context(**options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"/accounts/login/?next={article.get_absolute_url()}")
    page.get_by_label("Email or username").fill("regular")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    return context, page


def test_posting_updates_the_count_and_errors_appear_under_the_reply_box(
    discussion, chromium, live_server, settings
):
    settings.COMMENTS_PER_MINUTE = 1
    article, comment = discussion
    context, page = open_as_reader(chromium, live_server, article)
    try:
        assert page.locator("#comment-count").inner_text() == "1 comment"
        page.get_by_label("Your comment").fill("A first thought on the ferries.")
        page.get_by_role("button", name="Post comment").click()
        page.get_by_text("A first thought on the ferries.").wait_for()
        assert page.locator("#comment-count").inner_text() == "2 comments"

        page.locator(f"#replies-{comment.pk} ~ .reply-link").get_by_role("link").click()
        reply = page.locator(f"#replies-{comment.pk} ~ details.reply")
        reply.get_by_label(f"Your reply to {comment.author_name}").fill("And a reply.")
        reply.get_by_role("button", name="Post reply").click()
        alert = reply.get_by_role("alert")
        alert.wait_for()
        assert "too often" in alert.inner_text()
        assert alert.evaluate("el => getComputedStyle(el).color") != "rgb(18, 18, 18)"
        assert page.locator("#comment-form").get_by_role("alert").count() == 0
        assert Comment.objects.filter(parent=comment).count() == 0
    finally:
        context.close()


def test_report_dialog_quotes_the_comment_leaves_it_in_view_and_thanks_under_its_own_heading(
    discussion, chromium, live_server
):
    article, comment = discussion
    context, page = open_as_reader(chromium, live_server, article, PHONE)
    try:
        page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Report").click()
        dialog = page.get_by_role("dialog", name="Report this comment")
        assert dialog.is_visible()
        assert "Ferries should run all winter" in dialog.locator("blockquote").inner_text()
        shown = page.locator(f"#comment-{comment.pk} .comment__text").bounding_box()
        assert shown["y"] >= 0
        assert shown["y"] + shown["height"] <= dialog.bounding_box()["y"]

        send = dialog.get_by_role("button", name="Send report")
        cancel = dialog.get_by_role("button", name="Cancel")
        background = "el => getComputedStyle(el).backgroundColor"
        assert send.evaluate(background) != cancel.evaluate(background)
        assert cancel.evaluate(background) == "rgb(255, 255, 255)"

        dialog.get_by_label("Spam").check()
        send.click()
        thanks = page.get_by_role("dialog", name="Thank you for your report")
        thanks.wait_for()
        assert not thanks.get_by_text("Why does this comment break").is_visible()
        assert comment.reports.count() == 1
    finally:
        context.close()


def test_reply_and_report_are_controls_big_enough_to_tap_on_a_phone(
    discussion, chromium, live_server
):
    article, comment = discussion
    context, page = open_as_reader(chromium, live_server, article, PHONE)
    try:
        thread = page.locator(f"#comment-{comment.pk}").locator("xpath=..")
        reply = thread.locator(".reply-link").get_by_role("link", name="Reply")
        for control in [reply, thread.get_by_role("link", name="Report")]:
            box = control.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44
        assert reply.evaluate("el => getComputedStyle(el).borderStyle") == "solid"
    finally:
        context.close()
