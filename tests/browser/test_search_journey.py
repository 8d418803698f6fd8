from articles.models import Article


def test_reader_searches_opens_the_story_and_follows_a_tag(demo, page):
    article = Article.objects.on_fronts().filter(tags__isnull=False).distinct().first()
    tag = article.tags.order_by("name").first()

    page.goto("/")
    search = page.get_by_role("search", name="Site search")
    search.get_by_role("searchbox").fill(article.headline)
    search.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=*")
    results = page.locator(".search-results")
    assert "result" in results.get_by_role("heading", level=2).inner_text()

    results.get_by_role("link", name=article.headline).click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == article.headline

    page.get_by_role("navigation", name="Topics").get_by_role("link", name=tag.name).click()
    page.wait_for_url(f"**{tag.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == tag.name
    assert page.get_by_role("link", name=article.headline).first.is_visible()
