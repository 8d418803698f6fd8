"""Old addresses keep working: an imported story's original address answers 301 to it."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import ArticleRedirect
from tests.factories import ArticleFactory
from tests.test_import_command import article_page, publishable_page, run, write
from tests.workflow_helpers import make_user

pytestmark = pytest.mark.django_db

OLD = "https://news.example.com/2023/05/04/harbour-reopens"


def test_an_imported_story_remembers_its_original_address(tmp_path):
    run(write(tmp_path / "a.html", article_page(canonical=OLD)))
    redirect = ArticleRedirect.objects.get()
    assert redirect.old_path == "/2023/05/04/harbour-reopens"
    assert redirect.article.source.source_url == OLD


def test_the_old_address_answers_a_permanent_redirect_to_the_live_story(tmp_path, client):
    run("--publish", publishable_page(tmp_path, canonical="https://old.example.com/news/1234.html"))
    redirect = ArticleRedirect.objects.get()
    response = client.get("/news/1234.html")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == redirect.article.get_absolute_url()
    assert client.get(response["Location"]).status_code == HTTPStatus.OK


def test_an_old_address_never_leads_to_a_story_that_is_not_live(client):
    for number, state in enumerate(["draft", "in_review", "scheduled"]):
        article = ArticleFactory(**{state: True})
        ArticleRedirect.objects.create(old_path=f"/old/{number}.html", article=article)
        assert client.get(f"/old/{number}.html").status_code == HTTPStatus.NOT_FOUND


def test_an_archived_story_is_still_redirected_to(client):
    article = ArticleFactory(archived=True)
    ArticleRedirect.objects.create(old_path="/old/1.html", article=article)
    assert client.get("/old/1.html")["Location"] == article.get_absolute_url()


def test_an_old_address_with_a_query_string_is_matched_whole(client):
    first, second = ArticleFactory(), ArticleFactory()
    ArticleRedirect.objects.create(old_path="/story.php?id=1", article=first)
    ArticleRedirect.objects.create(old_path="/story.php?id=2", article=second)
    assert client.get("/story.php?id=2")["Location"] == second.get_absolute_url()
    assert client.get("/story.php?id=3").status_code == HTTPStatus.NOT_FOUND


def test_pages_of_the_site_are_never_shadowed_by_an_old_address(client):
    article = ArticleFactory()
    ArticleRedirect.objects.create(old_path="/search/", article=article)
    assert client.get("/search/").status_code == HTTPStatus.OK


def test_old_host_names_redirect_to_the_story_on_the_site(client, settings):
    settings.IMPORT_OLD_HOSTS = ["old.example.com"]
    settings.ALLOWED_HOSTS = ["news.example.com", "old.example.com"]
    settings.SITE_URL = "https://news.example.com"
    article = ArticleFactory()
    ArticleRedirect.objects.create(old_path="/news/1234.html", article=article)
    response = client.get("/news/1234.html", HTTP_HOST="old.example.com")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "https://news.example.com" + article.get_absolute_url()
    other = client.get("/about/", HTTP_HOST="old.example.com")
    assert other["Location"] == "https://news.example.com/about/"


def test_a_missing_page_costs_one_redirect_lookup(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/no/such/page.html").status_code == HTTPStatus.NOT_FOUND
    lookups = [q for q in queries.captured_queries if "articleredirect" in q["sql"]]
    assert len(lookups) == 1


def test_editors_see_and_edit_old_addresses_in_the_admin(client):
    article = ArticleFactory(headline="Harbour reopens")
    redirect = ArticleRedirect.objects.create(old_path="/news/1.html", article=article)
    client.force_login(make_user("editor"))
    changelist = client.get(reverse("admin:articles_articleredirect_changelist"))
    assert "/news/1.html" in changelist.content.decode()
    response = client.post(
        reverse("admin:articles_articleredirect_change", args=[redirect.pk]),
        {"old_path": "https://old.example.com/news/one.html?x=1", "article": article.pk},
    )
    assert response.status_code == HTTPStatus.FOUND
    redirect.refresh_from_db()
    assert redirect.old_path == "/news/one.html?x=1"


def test_old_host_names_go_to_the_first_site_host_without_a_site_url(client, settings):
    settings.IMPORT_OLD_HOSTS = ["old.example.com"]
    settings.ALLOWED_HOSTS = ["old.example.com", "news.example.com"]
    settings.SITE_URL = ""
    article = ArticleFactory()
    ArticleRedirect.objects.create(old_path="/news/1234.html", article=article)
    response = client.get("/news/1234.html", HTTP_HOST="old.example.com")
    assert response["Location"] == "http://news.example.com" + article.get_absolute_url()
