"""Every role x every transition, through the admin over HTTP."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus, ArticleTransition
from tests.factories import ArticleFactory, UserFactory
from tests.workflow_helpers import make_user, publishable_article, transition_url

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "writer", "moderator", "editor", "superuser"]

# transition: (starting state, state after, roles allowed)
MATRIX = {
    "submit": ("draft", ArticleStatus.IN_REVIEW, {"writer", "editor", "superuser"}),
    "publish": ("in_review", ArticleStatus.PUBLISHED, {"editor", "superuser"}),
    "schedule": ("in_review", ArticleStatus.PUBLISHED, {"editor", "superuser"}),
    "request_changes": ("in_review", ArticleStatus.DRAFT, {"editor", "superuser"}),
    "unpublish": ("published", ArticleStatus.DRAFT, {"editor", "superuser"}),
    "archive": ("published", ArticleStatus.ARCHIVED, {"editor", "superuser"}),
    "restore": ("archived", ArticleStatus.PUBLISHED, {"editor", "superuser"}),
}

TOMORROW = timezone.localtime() + timedelta(days=1)
FORM_DATA = {
    "request_changes": {"note": "Needs a second source for the figures."},
    "schedule": {
        "publish_at_0": TOMORROW.strftime("%Y-%m-%d"),
        "publish_at_1": "07:30:00",
    },
}


def article_in(state: str, owner) -> Article:
    traits = {"draft": {"draft": True}, "in_review": {"in_review": True}}
    traits |= {"archived": {"archived": True}, "published": {}}
    return publishable_article(created_by=owner, **traits[state])


def snapshot(article: Article):
    article.refresh_from_db()
    return (article.status, article.published_at, article.updated_at, article.transitions.count())


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", MATRIX)
def test_each_role_may_take_exactly_its_transitions(client, role, name):
    start, target, allowed = MATRIX[name]
    user = None if role == "anonymous" else make_user(role)
    owner = user if role == "writer" else UserFactory(username="someone-else")
    article = article_in(start, owner)
    if user is not None:
        client.force_login(user)
    before = snapshot(article)

    page = client.get(transition_url(article, name))
    response = client.post(transition_url(article, name), FORM_DATA.get(name, {}))

    if role in allowed:
        assert page.status_code == HTTPStatus.OK
        assert response.status_code == HTTPStatus.FOUND
        assert response["Location"] == reverse("admin:articles_article_change", args=[article.pk])
        article.refresh_from_db()
        assert article.status == target
        step = article.transitions.get()
        assert (step.from_status, step.to_status, step.created_by) == (start, target, user)
    else:
        if role in ("anonymous", "reader"):
            assert response.status_code == HTTPStatus.FOUND
            assert response["Location"].startswith(reverse("admin:login"))
        else:
            assert response.status_code == HTTPStatus.FORBIDDEN
            assert page.status_code == HTTPStatus.FORBIDDEN
        assert snapshot(article) == before


def test_writer_cannot_submit_another_writers_draft(client):
    writer = make_user("writer")
    article = article_in("draft", UserFactory(username="colleague"))
    client.force_login(writer)
    response = client.post(transition_url(article, "submit"))
    assert response.status_code == HTTPStatus.FORBIDDEN
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_transition_from_the_wrong_state_is_refused_and_changes_nothing(client):
    client.force_login(make_user("editor"))
    article = article_in("draft", None)
    before = snapshot(article)
    response = client.post(transition_url(article, "publish"))
    assert response.status_code == HTTPStatus.OK
    assert "can&#x27;t be moved with “Publish”" in response.content.decode()
    assert snapshot(article) == before


def test_request_changes_needs_a_note(client):
    client.force_login(make_user("editor"))
    article = article_in("in_review", None)
    response = client.post(transition_url(article, "request_changes"), {"note": " "})
    assert response.status_code == HTTPStatus.OK
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW
    assert not ArticleTransition.objects.exists()


def test_history_records_who_when_from_to_and_note_and_shows_on_the_article_page(client):
    editor = make_user("editor")
    client.force_login(editor)
    article = article_in("in_review", None)
    client.post(transition_url(article, "request_changes"), {"note": "Check the quote."})
    step = article.transitions.get()
    assert step.created_by == editor and step.note == "Check the quote."
    assert step.created_at <= timezone.now()
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Workflow history" in html and "Check the quote." in html


def test_change_page_offers_only_the_transitions_the_role_allows(client):
    article = article_in("in_review", None)
    client.force_login(make_user("editor"))
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    for name in ("publish", "schedule", "request_changes"):
        assert transition_url(article, name) in html
    client.force_login(make_user("moderator"))
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "/transition/" not in html


@pytest.mark.parametrize(
    ("role", "own", "state", "may_edit"),
    [
        ("writer", True, "draft", True),
        ("writer", True, "in_review", False),
        ("writer", True, "published", False),
        ("writer", False, "draft", False),
        ("moderator", False, "draft", False),
        ("editor", False, "published", True),
        ("superuser", False, "archived", True),
    ],
)
def test_who_may_save_the_article_form(client, role, own, state, may_edit):
    user = make_user(role)
    article = article_in(state, user if own else None)
    client.force_login(user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(
        url,
        {
            "headline": "Changed headline",
            "slug": article.slug,
            "standfirst": article.standfirst,
            "body": article.body,
            "section": article.section_id,
            "authors": [a.pk for a in article.authors.all()],
            "comments_enabled": "on",
            "base_revision": "0",
        },
    )
    article.refresh_from_db()
    if may_edit:
        assert response.status_code == HTTPStatus.FOUND
        assert article.headline == "Changed headline"
    else:
        assert response.status_code == HTTPStatus.FORBIDDEN
        assert article.headline != "Changed headline"


def test_moderators_read_articles_but_cannot_add_them(client):
    ArticleFactory(headline="Readable story")
    client.force_login(make_user("moderator"))
    changelist = client.get(reverse("admin:articles_article_changelist"))
    assert "Readable story" in changelist.content.decode()
    assert client.get(reverse("admin:articles_article_add")).status_code == HTTPStatus.FORBIDDEN


def test_nobody_can_delete_an_article_from_the_admin(client):
    article = ArticleFactory()
    client.force_login(make_user("superuser"))
    response = client.post(
        reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Article.objects.filter(pk=article.pk).exists()


def test_bulk_publish_action_is_offered_to_editors_only_and_uses_the_rules(client):
    good = article_in("in_review", None)
    incomplete = ArticleFactory(in_review=True, standfirst="")
    url = reverse("admin:articles_article_changelist")
    client.force_login(make_user("writer"))
    assert "publish_selected" not in client.get(url).content.decode()

    client.force_login(make_user("editor"))
    response = client.post(
        url,
        {"action": "publish_selected", "_selected_action": [good.pk, incomplete.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 article published." in html
    assert "The standfirst is missing." in html
    good.refresh_from_db()
    incomplete.refresh_from_db()
    assert (good.status, incomplete.status) == (ArticleStatus.PUBLISHED, ArticleStatus.IN_REVIEW)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("writer", HTTPStatus.OK),
        ("editor", HTTPStatus.OK),
        ("moderator", HTTPStatus.FORBIDDEN),
    ],
)
def test_writers_and_editors_may_add_pictures_but_moderators_may_not(client, role, status):
    client.force_login(make_user(role))
    assert client.get(reverse("admin:articles_image_add")).status_code == status
