from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import (
    AppealBannerFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    TagFactory,
)
from tests.queries import warm_site_caches

pytestmark = pytest.mark.django_db


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_article_page_shows_the_whole_anatomy_in_order(client):
    AppealBannerFactory(text="Readers keep us independent.", button_label="Chip in")
    hero = ImageFactory(caption="Boats in the harbour at dawn", credit="Alamy Stock Photo")
    author = AuthorFactory(name="Aoife Brennan")
    tag = TagFactory(name="Harbours")
    article = ArticleFactory(
        headline="Harbour reopens after storm",
        standfirst="Fishing crews return to work a week after the floods.",
        hero_image=hero,
        authors=[author],
        tags=[tag],
        body="<p>Opening paragraph.</p><h2>What happens next</h2><p>More.</p>",
    )
    html = page(client, article)
    markers = [
        "Readers keep us independent.",
        '<h1 class="article__headline">Harbour reopens after storm</h1>',
        '<p class="article__standfirst">Fishing crews return to work',
        f'href="{author.get_absolute_url()}"',
        "<time datetime=",
        # The hero follows the headline, which must stay on the first screen.
        "Boats in the harbour at dawn",
        "Alamy Stock Photo",
        "<h2>What happens next</h2>",
        f'href="{tag.get_absolute_url()}"',
        "Readers' comments",
        reverse("comments-policy"),
    ]
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions)


def test_inline_images_render_with_the_library_caption_and_credit(client):
    inline = ImageFactory(caption="The old pier", credit="Niamh Kelly/Harbour Press")
    article = ArticleFactory(body=f'<p>Text.</p><figure data-image-id="{inline.pk}"></figure>')
    article.sync_inline_images()
    html = page(client, article)
    assert "The old pier" in html
    assert "Niamh Kelly/Harbour Press" in html
    assert f'width="{inline.width}" height="{inline.height}"' in html


def test_credit_edits_in_the_library_show_on_the_page(client):
    inline = ImageFactory(credit="Old credit")
    article = ArticleFactory(body=f'<figure data-image-id="{inline.pk}"></figure>')
    article.sync_inline_images()
    inline.credit = "Corrected credit/Agency"
    inline.save()
    assert "Corrected credit/Agency" in page(client, article)


def test_hero_caption_override_replaces_the_library_caption_but_keeps_the_credit(client):
    hero = ImageFactory(caption="Library caption", credit="PA Wire")
    article = ArticleFactory(hero_image=hero, hero_caption="Caption written for this story")
    html = page(client, article)
    assert "Caption written for this story" in html
    assert "Library caption" not in html
    assert "PA Wire" in html


def test_archived_article_is_readable_with_an_archive_notice(client):
    article = ArticleFactory(archived=True)
    assert "From the archive" in page(client, article)


def test_unknown_slug_and_impossible_date_give_the_sites_404(client):
    article = ArticleFactory()
    assert client.get(article.get_absolute_url().replace(article.slug, "nope")).status_code == 404
    response = client.get("/2024/02/31/whatever/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "couldn't find that page" in response.content.decode()


def test_article_page_query_count_does_not_grow_with_authors_tags_or_images(
    client, django_assert_max_num_queries
):
    def make(n):
        images = [ImageFactory() for _ in range(n)]
        body = "".join(
            f'<p>{i}</p><figure data-image-id="{image.pk}"></figure>'
            for i, image in enumerate(images)
        )
        article = ArticleFactory(
            body=body,
            authors=[AuthorFactory() for _ in range(n)],
            tags=[TagFactory() for _ in range(n)],
        )
        article.sync_inline_images()
        return article

    AppealBannerFactory()
    small, large = make(1), make(8)
    warm_site_caches()
    with django_assert_max_num_queries(7) as small_run:
        client.get(small.get_absolute_url())
    warm_site_caches()
    with django_assert_max_num_queries(7) as large_run:
        html = client.get(large.get_absolute_url()).content.decode()
    assert len(small_run.captured_queries) == len(large_run.captured_queries)
    assert html.count("figure__credit") == 9  # hero plus eight inline figures


def test_home_lists_live_articles_but_not_drafts_or_archive(client):
    live = ArticleFactory(headline="Live story")
    ArticleFactory(headline="Draft story", draft=True)
    ArticleFactory(headline="Old story", archived=True)
    html = client.get(reverse("articles:home")).content.decode()
    assert live.headline in html
    assert "Draft story" not in html
    assert "Old story" not in html


def test_home_query_count_is_fixed_whatever_the_number_of_sections(
    client, django_assert_max_num_queries
):
    for _ in range(6):
        ArticleFactory()
    # The budget: stories, bylines, section blocks and their bylines, sections, the header's
    # section navigation and the appeal.
    warm_site_caches()
    with django_assert_max_num_queries(8):
        response = client.get(reverse("articles:home"))
    assert response.status_code == HTTPStatus.OK


def test_comments_policy_page_is_editable_content(client):
    response = client.get(reverse("comments-policy"))
    assert response.status_code == HTTPStatus.OK
    assert "Reporting a comment" in response.content.decode()
