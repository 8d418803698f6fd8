"""The site knows its name and address: sign-in page, favicon, the Support us page."""

from django.contrib.flatpages.models import FlatPage


def test_reader_sees_the_site_name_on_the_sign_in_page(demo, page, settings):
    settings.SITE_NAME = "The Harbour Gazette"
    page.goto("/accounts/login/")
    assert page.title() == "Sign in | The Harbour Gazette"
    assert page.locator(".masthead__title").inner_text() == "The Harbour Gazette"
    assert "The Harbour Gazette" in page.locator(".site-footer").inner_text()
    site_name = page.locator('meta[property="og:site_name"]').get_attribute("content")
    assert site_name == "The Harbour Gazette"


def test_the_browser_finds_the_favicon(demo, page):
    page.goto("/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"].startswith("image/svg")
    assert page.request.get("/favicon.ico").ok


def test_appeal_button_opens_the_support_page_editors_wrote(demo, page):
    FlatPage.objects.filter(url="/support/").update(content="<p>Become a member today.</p>")
    page.goto("/")
    page.get_by_role("link", name="Support us").first.click()
    page.wait_for_url("**/support/")
    assert page.get_by_role("heading", level=1).inner_text() == "Support us"
    assert page.get_by_text("Become a member today.").is_visible()
