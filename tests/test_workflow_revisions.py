"""Revisions on every save, the diff, restore, and the concurrent-edit refusal."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from articles.models import ArticleRevision
from articles.services.workflow import article_save_revision
from tests.factories import ImageFactory
from tests.workflow_helpers import make_user, publishable_article

pytestmark = pytest.mark.django_db


def form_data(article, **changes):
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "hero_image": article.hero_image_id or "",
        "section": article.section_id,
        "authors": [author.pk for author in article.authors.all()],
        "comments_enabled": "on",
        "base_revision": (latest.pk if (latest := article.revisions.first()) else 0),
    }
    return data | changes


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def revision_url(article, revision):
    return reverse("admin:articles_article_revision", args=[article.pk, revision.pk])


@pytest.fixture
def editor(client):
    user = make_user("editor")
    client.force_login(user)
    return user


def test_every_save_stores_a_revision_with_who_and_the_fields(client, editor):
    article = publishable_article(draft=True)
    client.post(change_url(article), form_data(article, headline="First take"))
    client.post(change_url(article), form_data(article, headline="Second take"))
    revisions = list(article.revisions.all())
    assert [r.headline for r in revisions] == ["Second take", "First take"]
    assert revisions[0].created_by == editor
    assert revisions[0].author_ids == [a.pk for a in article.authors.all()]


def test_change_page_lists_revisions_with_a_compare_link(client, editor):
    article = publishable_article(draft=True)
    client.post(change_url(article), form_data(article, headline="Saved once"))
    revision = article.revisions.get()
    html = client.get(change_url(article)).content.decode()
    assert "Revisions" in html and revision_url(article, revision) in html


def test_diff_shows_removed_and_added_lines_against_the_current_text(client, editor):
    article = publishable_article(draft=True, body="<p>The council met.</p><p>Rates rose.</p>")
    old = article_save_revision(article=article, by=editor)
    client.post(
        change_url(article),
        form_data(article, body="<p>The council met.</p><p>Rates fell sharply.</p>"),
    )
    html = client.get(revision_url(article, old)).content.decode()
    assert '<del class="diff-del">Rates rose.</del>' in html
    assert '<ins class="diff-ins">Rates fell sharply.</ins>' in html
    assert '<p class="diff-same">The council met.</p>' in html


def test_restoring_a_revision_brings_back_its_text_as_a_new_revision(client, editor):
    article = publishable_article(draft=True, headline="Original headline")
    original = article_save_revision(article=article, by=editor)
    client.post(change_url(article), form_data(article, headline="Rewritten headline"))
    response = client.post(revision_url(article, original))
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.headline == "Original headline"
    newest = article.revisions.first()
    assert newest.headline == "Original headline"
    assert f"Restored from revision {original.number}" in newest.note
    assert article.revisions.count() == 3


def test_restore_is_refused_to_a_role_that_cannot_edit_the_article(client):
    article = publishable_article(draft=True, headline="Original headline")
    revision = article_save_revision(article=article, by=None)
    article.headline = "Current headline"
    article.save()
    client.force_login(make_user("moderator"))
    assert client.get(revision_url(article, revision)).status_code == HTTPStatus.OK
    assert client.post(revision_url(article, revision)).status_code == HTTPStatus.FORBIDDEN
    article.refresh_from_db()
    assert article.headline == "Current headline"


def test_second_concurrent_save_is_refused_naming_who_saved_and_keeping_the_text(client):
    article = publishable_article(draft=True, headline="Council approves budget")
    first, second = make_user("editor"), make_user("superuser")
    first.first_name, first.last_name = "Aoife", "Brennan"
    first.save()
    client.force_login(second)
    loaded = form_data(article)  # both open the form at the same revision

    client.force_login(first)
    client.post(change_url(article), loaded | {"headline": "Council approves budget of 2bn"})

    client.force_login(second)
    response = client.post(change_url(article), loaded | {"standfirst": "My careful rewrite."})
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Aoife Brennan saved this article at" in html
    assert "compare with their version" in html
    assert "My careful rewrite." in html  # nothing typed is lost
    article.refresh_from_db()
    assert article.headline == "Council approves budget of 2bn"
    assert article.standfirst != "My careful rewrite."
    assert ArticleRevision.objects.filter(article=article).count() == 1

    # Having seen the warning, saving again deliberately replaces their version.
    resubmitted = loaded | {"standfirst": "My careful rewrite."}
    resubmitted["base_revision"] = article.revisions.first().pk
    assert client.post(change_url(article), resubmitted).status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.standfirst == "My careful rewrite."


def test_conflict_compare_link_opens_the_diff(client):
    article = publishable_article(draft=True)
    client.force_login(make_user("editor"))
    loaded = form_data(article)
    client.post(change_url(article), loaded | {"headline": "Theirs"})
    response = client.post(change_url(article), loaded | {"headline": "Mine"})
    latest = article.revisions.first()
    assert revision_url(article, latest) in response.content.decode()
    assert client.get(revision_url(article, latest)).status_code == HTTPStatus.OK


def test_body_saved_from_the_editor_keeps_library_figures_and_drops_unsafe_markup(client, editor):
    image = ImageFactory()
    article = publishable_article(draft=True)
    body = (
        f'<h2>Sub</h2><p><strong>Bold</strong> <a href="javascript:alert(1)">x</a></p>'
        f'<figure data-image-id="{image.pk}"></figure><script>alert(1)</script>'
    )
    client.post(change_url(article), form_data(article, body=body))
    article.refresh_from_db()
    assert f'<figure data-image-id="{image.pk}"></figure>' in article.body
    assert "<script" not in article.body and "javascript:" not in article.body
    assert list(article.inline_images.all()) == [image]
