"""Imported stories go through the newsroom's rules: a history from the import on, and
publishing only under the publishing rules."""

import json

import pytest

from articles.models import Article, ArticleStatus, ArticleTransition
from tests.factories import UserFactory
from tests.test_import_command import CANONICAL, article_page, publishable_page, run, write

pytestmark = pytest.mark.django_db


def test_an_imported_story_starts_its_history_at_the_import(tmp_path):
    importer = UserFactory(username="archivist")
    _out, err, error = run("--by", "archivist", write(tmp_path / "a.html", article_page()))
    assert error is None, err
    article = Article.objects.get()
    revision = article.revisions.get()
    assert revision.headline == article.headline
    assert revision.created_by == importer
    assert CANONICAL in revision.note
    step = article.transitions.get()
    assert (step.from_status, step.to_status) == (ArticleStatus.DRAFT, ArticleStatus.DRAFT)
    assert step.created_by == importer
    assert CANONICAL in step.note and "importer" in step.note
    assert article.created_by == importer


def test_an_unknown_importing_user_is_an_error(tmp_path):
    _out, _err, error = run("--by", "nobody", write(tmp_path / "a.html", article_page()))
    assert "No user named" in str(error)
    assert not Article.objects.exists()


def test_a_reimport_adds_a_revision_to_the_same_history(tmp_path):
    run(write(tmp_path / "v1.html", article_page()))
    run(write(tmp_path / "v2.html", article_page(headline="Harbour reopens at last")))
    article = Article.objects.get()
    assert [r.headline for r in article.revisions.order_by("pk")] == [
        "Harbour reopens after the storm",
        "Harbour reopens at last",
    ]


def test_publish_leaves_a_story_that_breaks_the_rules_as_a_draft_and_says_why(tmp_path):
    report = tmp_path / "report.json"
    page = write(tmp_path / "a.html", article_page())  # no hero picture
    out, err, error = run("--publish", "--report", report, page)
    assert error is None, err
    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert "1 left as drafts by the publishing rules" in out
    assert "There is no hero image." in out
    assert json.loads(report.read_text())["not_published"] == [
        {"page": str(page), "problems": ["There is no hero image."]}
    ]
    assert any("There is no hero image." in w for w in article.source.warnings)


def test_publish_publishes_a_story_that_meets_the_rules_with_the_step_recorded(tmp_path):
    run("--publish", publishable_page(tmp_path))
    article = Article.objects.live().get()
    step = article.transitions.get()
    assert (step.from_status, step.to_status) == (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED)
    assert step.published_at == article.published_at
    assert "despite" not in step.note


def test_publish_anyway_overrides_the_rules_and_records_it_in_the_history(tmp_path):
    out, err, error = run("--publish-anyway", write(tmp_path / "a.html", article_page()))
    assert error is None, err
    article = Article.objects.live().get()
    step = ArticleTransition.objects.get(article=article)
    assert step.to_status == ArticleStatus.PUBLISHED
    assert "Published despite the rules" in step.note
    assert "There is no hero image." in step.note
    assert "left as drafts" not in out


def test_a_page_without_a_date_is_never_published(tmp_path):
    page = article_page(canonical="https://news.example.com/harbour").replace(
        '<meta property="article:published_time" content="2023-05-04T09:30:00+01:00">', ""
    )
    out, _err, _error = run("--publish-anyway", write(tmp_path / "a.html", page))
    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert "The page gives no date." in out
