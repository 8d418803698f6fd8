"""A writer at the article form: pictures are never lost, the form fits the story, and the
records read the way people count."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, Image
from tests.browser.helpers import sign_in_staff


@pytest.fixture
def desk(demo, page):
    sign_in_staff(page, "writer")
    article = Article.objects.filter(created_by__username="writer", status="draft").first()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return article


def insert_picture(page, image):
    page.get_by_role("button", name="Insert an image from the library").click()
    picker = page.get_by_role("dialog", name="Insert an image from the library")
    picker.get_by_role("searchbox").fill(image.caption[:30])
    picker.locator(f'.library-picker__choice[data-image-id="{image.pk}"]').click()


def body_html(page) -> str:
    return page.locator("textarea[data-image-picker]").evaluate("el => el.value || el.textContent")


def save(page):
    """Save and wait for the saved form to come back. The address is /change/ before and after,
    so waiting for that address would not wait at all: wait for the navigation itself."""
    with page.expect_navigation(url="**/change/"):
        page.get_by_role("button", name="Save and continue editing").click()


def test_after_inserting_a_picture_typing_goes_into_a_new_paragraph(desk, page):
    image = Image.objects.order_by("pk").last()
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    insert_picture(page, image)
    card = body.locator(f'.library-figure[data-image-id="{image.pk}"]')
    assert card.is_visible()
    card.locator(".library-figure__caption").wait_for()  # filled in from the library
    assert image.caption[:20] in card.inner_text()
    assert image.credit in card.inner_text()
    assert card.locator("img").count() == 1
    page.keyboard.type("The next paragraph.")
    save(page)
    desk.refresh_from_db()
    assert f'<figure data-image-id="{image.pk}"></figure><p>The next paragraph.</p>' in desk.body


def test_a_clicked_picture_survives_typing_and_goes_only_with_delete_and_comes_back(desk, page):
    image = Image.objects.order_by("pk").last()
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    insert_picture(page, image)
    card = body.locator(f'.library-figure[data-image-id="{image.pk}"]')
    card.click()
    page.keyboard.type("Typed on the picture")
    page.keyboard.press("Enter")
    assert card.is_visible()
    card.click()
    page.keyboard.press("Delete")
    expect(card).to_have_count(0)  # the editor redraws after the key, not within it
    page.keyboard.press("Control+z")
    expect(body.locator(f'.library-figure[data-image-id="{image.pk}"]')).to_have_count(1)
    save(page)
    desk.refresh_from_db()
    assert f'<figure data-image-id="{image.pk}"></figure>' in desk.body
    assert "Typed on the picture" in desk.body


def test_the_form_fits_the_story(desk, page):
    editor = page.locator(".ProseMirror[contenteditable=true]")
    viewport = page.viewport_size
    assert editor.bounding_box()["height"] >= 0.6 * viewport["height"]
    assert editor.get_attribute("spellcheck") != "false"
    headline = page.get_by_label("Headline")
    assert headline.bounding_box()["width"] >= 600
    headline.fill("A headline that runs on well past the sixty characters a search result shows")
    hint = page.locator("#id_headline-length")
    assert hint.inner_text().startswith("76 characters · search results show about 60")
    assert "cut off" in hint.inner_text()
    page.get_by_label("Standfirst").fill("Short.")
    assert page.locator("#id_standfirst-length").inner_text().startswith("6 characters")
    # The editor grows with the text rather than scrolling inside itself.
    before = editor.bounding_box()["height"]
    editor.click()
    page.keyboard.press("Control+End")
    for _ in range(40):
        page.keyboard.press("Enter")
    assert editor.bounding_box()["height"] > before


def test_revisions_are_numbered_for_each_article(desk, page):
    save(page)
    save(page)
    count = desk.revisions.count()
    rows = page.locator("#revisions tbody tr td:first-child").all_inner_texts()
    assert rows[0] == f"{count} (current)"
    assert [row.split()[0] for row in rows] == [str(n) for n in range(count, 0, -1)]


def test_a_workflow_button_saves_the_changed_headline_first(desk, page):
    page.get_by_label("Headline").fill("A headline changed just before submitting")
    page.get_by_role("link", name="Submit for review").click()
    page.wait_for_url("**/transition/submit/")
    desk.refresh_from_db()
    assert desk.headline == "A headline changed just before submitting"
    assert "Your changes are saved." in page.locator(".messagelist").inner_text()


def test_leaving_a_changed_form_asks_first(desk, page):
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    page.get_by_label("Standfirst").fill("A changed standfirst.")
    page.get_by_role("link", name="Articles").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert "/change/" in page.url


def test_after_submitting_the_writer_reads_the_body_as_the_page_will_show_it(desk, page):
    image = Image.objects.order_by("pk").last()
    body = page.locator(".ProseMirror[contenteditable=true]")
    body.click()
    page.keyboard.press("Control+End")
    insert_picture(page, image)
    save(page)
    page.get_by_role("link", name="Submit for review").click()
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_url("**/change/")
    shown = page.locator(".article-body-preview")
    assert shown.locator("p").first.is_visible()
    figure = shown.locator("figure").last
    assert figure.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert image.credit in figure.locator("figcaption").inner_text()
    assert "<p>" not in shown.inner_text()


def keep_autosave_and_come_back(page, article):
    page.evaluate("window.dispatchEvent(new Event('pagehide'))")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"/admin/articles/article/{article.pk}/change/")


def test_autosave_offers_the_unsaved_text_back_and_never_saves_it_alone(desk, page):
    saved_headline = desk.headline
    page.get_by_label("Headline").fill("Typed but never saved")
    keep_autosave_and_come_back(page, desk)
    offer = page.get_by_role("region", name="Autosaved copy")
    assert offer.is_visible()
    desk.refresh_from_db()
    assert desk.headline == saved_headline
    offer.get_by_role("button", name="Restore the autosaved copy").click()
    assert page.get_by_label("Headline").input_value() == "Typed but never saved"
    save(page)
    desk.refresh_from_db()
    assert desk.headline == "Typed but never saved"
    page.goto(f"/admin/articles/article/{desk.pk}/change/")
    assert page.get_by_role("region", name="Autosaved copy").count() == 0


def test_an_autosave_never_overwrites_someone_elses_newer_save(desk, page):
    from articles.models import User
    from articles.services.workflow import article_save_revision

    page.get_by_label("Headline").fill("My unsaved headline")
    keep_autosave_and_come_back(page, desk)
    desk.headline = "The editor's newer headline"
    desk.save()
    article_save_revision(article=desk, by=User.objects.get(username="editor"))
    page.goto(f"/admin/articles/article/{desk.pk}/change/")
    offer = page.get_by_role("region", name="Autosaved copy")
    assert "has been saved since" in offer.inner_text()
    offer.get_by_role("button", name="Restore the autosaved copy").click()
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert "while you were editing" in page.locator("#article_form").inner_text()
    desk.refresh_from_db()
    assert desk.headline == "The editor's newer headline"
