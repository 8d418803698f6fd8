from django.contrib.auth import get_user_model

from articles.models import Article, ArticleStatus, Image, Section

PASSWORD = "a long demo password for the browser"


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def choose_in_autocomplete(page, field, text):
    page.locator(f"[aria-labelledby='select2-id_{field}-container']").click()
    page.locator(f".select2-search__field[aria-controls='select2-id_{field}-results']").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_writer_files_with_an_inline_picture_and_editor_publishes_it(demo, page):
    for user in get_user_model().objects.filter(username__in=["writer", "editor"]):
        user.set_password(PASSWORD)
        user.save()
    inline = Image.objects.order_by("pk").last()
    hero = Image.objects.order_by("pk").first()
    section = Section.objects.get(slug="news")

    sign_in(page, "writer")
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Harbour ferry returns after a decade")
    page.get_by_label("Standfirst").fill("The crossing reopens on Monday with two new boats.")
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.type("The ferry is back, and the town turned out to see it.")
    page.get_by_role("button", name="Insert an image from the library").click()
    picker = page.get_by_role("dialog", name="Insert an image from the library")
    picker.get_by_role("searchbox").fill(inline.caption)
    picker.locator(f'.library-picker__choice[data-image-id="{inline.pk}"]').click()
    assert body.locator(f'.library-figure[data-image-id="{inline.pk}"]').is_visible()
    choose_in_autocomplete(page, "hero_image", hero.caption[:20])
    choose_in_autocomplete(page, "section", section.name)
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/change/")

    article = Article.objects.get(headline="Harbour ferry returns after a decade")
    assert f'<figure data-image-id="{inline.pk}"></figure>' in article.body
    assert article.authors.filter(user__username="writer").exists()
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/change/")
    assert page.locator("[data-state]").inner_text() == "in review"

    page.get_by_role("button", name="Log out").click()
    sign_in(page, "editor")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="Publish", exact=True).click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED

    page.goto(article.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == article.headline
    figure = page.locator(".article__body figure")
    assert inline.credit in figure.locator(".figure__credit").inner_text()
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
