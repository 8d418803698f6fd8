"""A page full of hostile input, loaded in Chromium: no dialog opens and no script error or
CSP violation is reported, because nothing executable reaches the page."""

from articles.models import Article
from tests.factories import ArticleFactory, CommentFactory, ImageFactory, UserFactory
from tests.security.payloads import PAYLOADS

# PostgreSQL text cannot hold NUL; the forms refuse such input anyway (see the XSS tests).
STORABLE = [payload for payload in PAYLOADS if "\x00" not in payload]
FAILED_LOAD = "Failed to load resource"


def hostile_article() -> Article:
    images = [
        ImageFactory(alt_text=payload[:300], caption=payload, credit=payload[:200])
        for payload in STORABLE
    ]
    figures = "".join(f'<figure data-image-id="{image.pk}"></figure>' for image in images)
    article = ArticleFactory(
        headline="A page full of hostile input",
        standfirst=" ".join(STORABLE[:20]),
        hero_image=images[0],
        hero_caption=" ".join(STORABLE[:10]),
        body="<p>Story text.</p>" + "".join(STORABLE) + figures,
    )
    article.sync_inline_images()
    for number, payload in enumerate(STORABLE):
        # Display names are unique however spelled: the number keeps look-alike payloads apart.
        author = UserFactory(username=f"hostile{number}", display_name=f"{payload[:44]} {number}")
        CommentFactory(article=article, author=author, text=payload)
    return article


def test_a_page_full_of_payloads_opens_no_dialog_and_reports_no_script_error(
    page, transactional_db, settings
):
    settings.SERVE_MEDIA = True
    settings.COMMENTS_PER_PAGE = 500
    article = hostile_article()
    dialogs, errors, failed_loads = [], [], []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_console(message):
        if message.type == "error" and not message.text.startswith(FAILED_LOAD):
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"pageerror: {error}"))
    page.on("response", lambda r: r.status >= 400 and failed_loads.append(r.url))

    response = page.goto(article.get_absolute_url(), wait_until="load")
    assert response.status == 200
    # Give handlers that wait for focus, animation or a timer the chance to fire.
    page.mouse.move(300, 300)
    page.keyboard.press("Tab")
    page.mouse.wheel(0, 100_000)
    page.wait_for_timeout(1500)

    assert dialogs == []
    assert errors == [], "\n".join(errors)
    # The body's allow-list keeps a plain <img src=x> once its handler is stripped: inert, it
    # only asks this site for a page that does not exist.
    relative = article.get_absolute_url()
    assert {url.partition(relative)[2] for url in failed_loads} <= {"x", "x/onerror=alert(1)"}
    assert page.locator(".comment").count() == len(STORABLE)
    assert page.locator(".article__body figure").count() == len(STORABLE)
