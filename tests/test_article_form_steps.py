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
