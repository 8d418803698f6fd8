"""PostgreSQL full-text search: the stored vector, websearch syntax, ranking, snippets."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.search import refresh_search_vectors
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
]


def found(client, query, **params) -> list[str]:
    response = client.get(reverse("articles:search"), {"q": query, **params})
    assert response.status_code == HTTPStatus.OK
    return [article.headline for article in response.context["articles"]]


def test_the_vector_is_stored_and_indexed():
    article = ArticleFactory(headline="Lighthouse keepers return")
    article.refresh_from_db()
    assert "lighthous" in str(article.search_vector)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'article_search_vector_gin'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]


def test_english_stemming_matches_other_forms_of_a_word(client):
    ArticleFactory(headline="Rivers flooded the valley")
    assert found(client, "flooding river") == ["Rivers flooded the valley"]


def test_ranking_is_headline_then_standfirst_then_body(client):
    ArticleFactory(headline="Body", body="<p>The tramline extension is delayed.</p>")
    ArticleFactory(headline="Tramline extension delayed")
    ArticleFactory(headline="Standfirst", standfirst="The tramline extension is delayed.")
    assert found(client, "tramline extension") == [
        "Tramline extension delayed",
        "Standfirst",
        "Body",
    ]


def test_websearch_syntax_phrases_exclusions_and_or(client):
    ArticleFactory(headline="Harbour board meets")
    ArticleFactory(headline="Board of the harbour")
    ArticleFactory(headline="Ferry to the harbour")
    ArticleFactory(headline="Bus strike")
    assert found(client, '"harbour board"') == ["Harbour board meets"]
    assert sorted(found(client, "harbour -ferry")) == [
        "Board of the harbour",
        "Harbour board meets",
    ]
    assert sorted(found(client, "ferry or bus")) == ["Bus strike", "Ferry to the harbour"]


def test_bylines_are_searchable_and_follow_author_changes(client):
    article = ArticleFactory(headline="Council story", authors=[AuthorFactory(name="Ann Quill")])
    assert found(client, "quill") == ["Council story"]
    article.authors.set([AuthorFactory(name="Tom Reed")])
    refresh_search_vectors([article.pk])
    assert found(client, "quill") == []
    assert found(client, "reed") == ["Council story"]


def test_the_vector_follows_an_edit_saved_in_the_admin(client):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    client.force_login(editor)
    section = SectionFactory()
    article = ArticleFactory(headline="Old headline", section=section)
    data = {
        "headline": "Zeppelin lands in the square",
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "hero_image": article.hero_image_id,
        "hero_caption": "",
        "section": section.pk,
        "authors": [author.pk for author in article.authors.all()],
        "status": article.status,
        "published_at_0": timezone.localtime(article.published_at).strftime("%Y-%m-%d"),
        "published_at_1": timezone.localtime(article.published_at).strftime("%H:%M:%S"),
        "comments_enabled": "on",
    }
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == HTTPStatus.FOUND, response.content.decode()[:2000]
    client.logout()
    assert found(client, "zeppelin") == ["Zeppelin lands in the square"]
    assert found(client, "old headline") == []


def test_snippets_come_from_the_body_with_matches_marked(client):
    ArticleFactory(
        headline="Quarry plans",
        standfirst="",
        body="<p>Residents said the <em>quarry</em> expansion was too close to the school.</p>",
    )
    response = client.get(reverse("articles:search"), {"q": "quarry expansion"})
    snippet = str(response.context["articles"][0].snippet)
    assert "<mark>quarry</mark> <mark>expansion</mark>" in snippet
    assert "<em>" not in snippet


def test_a_query_of_stop_words_only_gives_a_normal_empty_page(client):
    ArticleFactory(headline="The end of the line")
    response = client.get(reverse("articles:search"), {"q": "the of"})
    assert response.status_code == HTTPStatus.OK
    assert "No results for" in response.content.decode()


def test_generated_archive_vectors_are_filled_in_bulk():
    from articles.demo.generator import generate_archive

    generate_archive(articles=30, seed=3, batch_size=7, log=lambda message: None)
    assert not Article.objects.filter(search_vector__isnull=True).exists()


def test_renaming_an_author_in_the_admin_makes_the_new_byline_searchable(client):
    author = AuthorFactory(name="Pat Quill", slug="pat-quill")
    ArticleFactory(headline="Harbour budget agreed", authors=[author])
    client.force_login(UserFactory(username="desk", is_staff=True, is_superuser=True))
    client.post(
        reverse("admin:articles_author_change", args=[author.pk]),
        {"name": "Patricia Quillane", "slug": "pat-quill", "bio": ""},
    )
    html = client.get(reverse("articles:search"), {"q": "Quillane"}).content.decode()
    assert "Harbour budget agreed" in html
