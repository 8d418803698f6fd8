"""Saving on the way to a workflow step goes on to that step, and nowhere else."""

import pytest
from django.urls import reverse

from tests.factories import ArticleFactory
from tests.workflow_helpers import make_user

pytestmark = pytest.mark.django_db


def form_data(article, **extra):
    return {
        "headline": "Saved on the way",
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": article.section_id,
        "authors": [author.pk for author in article.authors.all()],
        "comments_enabled": "on",
        "base_revision": "0",
        "_continue": "Save and continue editing",
        **extra,
    }


@pytest.mark.parametrize(
    ("then", "goes_on"),
    [
        ("transition/submit/", True),
        ("corrections/add/", True),
        ("https://evil.example/admin/", False),
        ("//evil.example/x", False),
        ("/admin/articles/article/", False),
        ("OTHER/transition/submit/", False),
    ],
)
def test_a_save_goes_on_only_to_this_articles_workflow_steps(client, then, goes_on):
    writer = make_user("writer")
    client.force_login(writer)
    article = ArticleFactory(draft=True, created_by=writer)
    other = ArticleFactory(draft=True, created_by=writer)
    change = reverse("admin:articles_article_change", args=[article.pk])
    base = change.removesuffix("change/")
    url = then.replace("OTHER/", base.replace(str(article.pk), str(other.pk)))
    if not url.startswith(("/", "http")):
        url = base + url
    response = client.post(change, form_data(article, _then=url))
    article.refresh_from_db()
    assert article.headline == "Saved on the way"
    assert (response.url == url) is goes_on
    if not goes_on:
        assert response.url == change


def test_a_read_only_article_shows_its_body_as_the_page_will(client):
    from tests.factories import ImageFactory

    writer = make_user("writer")
    client.force_login(writer)
    image = ImageFactory(caption="Boats at dawn", credit="Harbour Press")
    article = ArticleFactory(
        in_review=True,
        created_by=writer,
        body=f'<p>Opening <strong>words</strong>.</p><figure data-image-id="{image.pk}"></figure>',
    )
    article.sync_inline_images()
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    preview = html.split('class="article-body-preview"', 1)[1].split("</div>", 1)[0]
    assert "<p>Opening <strong>words</strong>.</p>" in preview
    assert "&lt;p&gt;" not in html
    assert "Harbour Press" in preview and "<img" in preview
