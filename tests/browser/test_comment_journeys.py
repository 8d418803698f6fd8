from datetime import timedelta

from django.utils import timezone

from articles.models import Article, Comment, CommentStatus, User

PASSWORD = "browser-test-passphrase-7"


def set_password(username: str) -> None:
    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()


def open_discussion() -> Article:
    """A live demo story still open for comments, with a visible comment by moira_k."""
    return (
        Article.objects.on_fronts()
        .filter(
            comments_enabled=True,
            published_at__gte=timezone.now() - timedelta(days=6),
            comments__author__username="moira_k",
            comments__parent=None,
            comments__status=CommentStatus.VISIBLE,
        )
        .order_by("-published_at")
        .first()
    )


def sign_in(page, username, next_url):
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Email or username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_reader_posts_a_comment_and_a_reply_and_sees_them(demo, page):
    set_password("reader")
    article = open_discussion()
    sign_in(page, "reader", f"{article.get_absolute_url()}%23comment-form")
    page.wait_for_url(f"**{article.get_absolute_url()}*")

    # The page is the one every reader gets; /accounts/me/ fills in the reader's own bits.
    masthead = page.get_by_role("navigation", name="Your account")
    masthead.get_by_role("button", name="Sign out").wait_for()
    comments = page.get_by_role("region", name="Readers' comments")
    comments.get_by_label("Your comment").fill(
        "Good to see the council acting at last.\nMore please."
    )
    comments.get_by_role("button", name="Post comment").click()
    posted = comments.locator(".comment", has_text="Good to see the council acting at last.")
    posted.wait_for()
    assert "More please." in posted.inner_text()

    thread = comments.locator(".thread").first
    thread.get_by_role("link", name="Reply").click()
    thread.get_by_role("textbox").fill("Replying to the first comment in the thread.")
    thread.get_by_role("button", name="Post reply").click()
    thread.locator(".comment-replies .comment", has_text="Replying to the first").wait_for()

    page.reload()
    body = page.get_by_role("region", name="Readers' comments").inner_text()
    assert "Good to see the council acting at last." in body
    assert "Replying to the first comment in the thread." in body
    assert Comment.objects.filter(author__username="reader", parent__isnull=False).exists()


def test_report_then_moderator_removes_and_the_page_shows_the_notice(demo, page):
    set_password("reader")
    set_password("moderator")
    article = open_discussion()
    target = Comment.objects.filter(
        article=article, author__username="moira_k", parent=None, status=CommentStatus.VISIBLE
    ).first()
    sign_in(page, "reader", article.get_absolute_url())
    page.wait_for_url(f"**{article.get_absolute_url()}")

    page.locator(f"#comment-{target.pk}").get_by_role("link", name="Report").click()
    dialog = page.get_by_role("dialog", name="Report this comment")
    dialog.get_by_label("Personal information").check()
    dialog.get_by_label("Anything the moderators should know").fill("Names a neighbour's street")
    dialog.get_by_role("button", name="Send report").click()
    assert (
        "Your report has gone to our moderation team"
        in page.get_by_role("dialog", name="Thank you for your report")
        .get_by_role("status")
        .inner_text()
    )

    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Reported comments (queue)").first.click()
    row = page.locator("#result_list tr", has_text=target.text[:40])
    assert "Personal information 1" in row.inner_text()
    row.get_by_role("link").first.click()
    assert "Names a neighbour's street" in page.locator("#content-main").inner_text()
    page.get_by_label("Note for the log").fill("Personal details")
    page.get_by_role("button", name="Remove", exact=True).click()
    page.wait_for_load_state()
    # The next comment in the queue opens; the decision is in the removed comment's log.
    page.goto(f"/admin/articles/comment/{target.pk}/review/")
    assert "Personal details" in page.locator(".audit-entry").first.inner_text()

    page.goto(article.get_absolute_url())
    removed = page.locator(f"#comment-{target.pk}")
    assert "This comment was removed by a moderator" in removed.inner_text()
    assert target.text not in page.get_by_role("region", name="Readers' comments").inner_text()
