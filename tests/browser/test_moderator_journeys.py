"""A moderator working through the reported queue, and reading the dashboard."""

from articles.models import Comment, CommentStatus
from articles.moderation.queues import queue_comments
from tests.browser.helpers import sign_in_staff


def test_moderator_removes_with_the_keyboard_and_lands_on_the_next_reported_comment(demo, page):
    first, second = list(queue_comments("reported")[:2])
    sign_in_staff(page, "moderator")
    page.goto("/admin/articles/reportedcomment/")
    page.locator("#result_list tbody tr").first.locator("td a, th a").first.click()
    page.wait_for_url(f"**/admin/articles/comment/{first.pk}/review/?queue=reported")
    shortcuts = page.locator(".review-shortcuts")
    assert "R remove" in shortcuts.inner_text()

    page.keyboard.press("r")
    page.wait_for_url(f"**/admin/articles/comment/{second.pk}/review/?queue=reported")
    assert Comment.objects.get(pk=first.pk).status == CommentStatus.REMOVED
    assert f"comment #{first.pk} is decided" in page.locator(".messagelist").inner_text()

    # Typing a note does not trigger a shortcut.
    page.keyboard.press("n")
    page.keyboard.type("rude")
    assert page.locator("#note").input_value() == "rude"
    assert page.url.endswith(f"/{second.pk}/review/?queue=reported")

    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("q")
    page.wait_for_url("**/admin/articles/reportedcomment/")


def test_moderator_sees_how_many_reports_came_from_readers_not_signed_in(demo, page):
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Report
    from tests.factories import ReportFactory

    comment = Comment.objects.filter(status=CommentStatus.VISIBLE).first()
    ReportFactory(comment=comment, reporter=None, reporter_key="anon:browser-1")
    ReportFactory(comment=comment, reporter=None, reporter_key="anon:browser-2")
    week = timezone.now() - timedelta(days=7)
    anonymous = Report.objects.filter(reporter=None, created_at__gte=week).count()
    assert anonymous >= 2
    sign_in_staff(page, "moderator")
    page.goto("/admin/articles/comment/dashboard/")
    text = page.locator("#anonymous-reports").inner_text()
    assert text.startswith("Not signed in:")
    assert text.endswith(f"{anonymous} in 7 days")


def test_moderator_reads_the_dashboard_charts_and_their_numbers(demo, page):
    sign_in_staff(page, "moderator")
    page.goto("/admin/articles/comment/dashboard/")
    charts = page.get_by_role("img", name="Reports received and resolved per day")
    assert charts.is_visible()
    box = charts.bounding_box()
    assert box["width"] > 400 and box["height"] > 100
    figure = page.locator("#chart-reports")
    figure.get_by_text("The numbers").click()
    table = figure.locator("table")
    assert table.is_visible()
    received = sum(
        int(cell) for cell in table.locator("tbody tr td:nth-of-type(1)").all_inner_texts()
    )
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Report

    since = timezone.localdate() - timedelta(days=29)
    assert received == Report.objects.filter(created_at__date__gte=since).count()
    for name in ["Open reports at the end of each day", "Time from first report to decision"]:
        assert page.get_by_role("img", name=name).is_visible()
