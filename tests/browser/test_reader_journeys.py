from articles.models import Article


def test_demo_article_shows_hero_credit_and_comments_region(demo, page):
    article = Article.objects.on_fronts().exclude(hero_image=None).first()
    page.goto("/")
    page.get_by_role("link", name=article.headline).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    hero = page.locator("figure.figure--hero")
    assert hero.is_visible()
    assert hero.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    assert article.hero_image.credit in hero.locator(".figure__credit").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == article.headline

    comments = page.get_by_role("region", name="Readers' comments")
    comments.scroll_into_view_if_needed()
    assert comments.is_visible()
    assert comments.get_by_role("link", name="community guidelines").is_visible()
