"""Revisions are numbered per article; the preview shows the date the story will carry."""

import re
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from articles.services.workflow import article_save_revision
from articles.views.preview import preview_url
from tests.factories import ArticleFactory
from tests.roles import make_writer

pytestmark = pytest.mark.django_db


def test_each_article_numbers_its_revisions_from_one():
    first, second = ArticleFactory(), ArticleFactory()
    numbers = [
        article_save_revision(article=article, by=None).number
        for article in [first, second, first, second, first]
    ]
    assert numbers == [1, 1, 2, 2, 3]
    assert str(first.revisions.first()).startswith("Revision 3 of")


def test_the_database_refuses_two_revisions_with_one_number():
    article = ArticleFactory()
    revision = article_save_revision(article=article, by=None)
    revision.pk = None
    with pytest.raises(IntegrityError):
        revision.save()


def test_preview_of_an_undated_draft_shows_the_time_it_would_carry(client):
    client.force_login(make_writer())
    article = ArticleFactory(draft=True)
    html = client.get(preview_url(article)).content.decode()
    stamp = re.search(r'Published <time datetime="([^"]+)">([^<]+)</time>', html)
    assert stamp and stamp.group(2).strip()
    assert f"{timezone.localtime():%Y-%m-%d}" in stamp.group(1)
    assert "dated as if published now" in html
    article.refresh_from_db()
    assert article.published_at is None


def test_preview_of_a_scheduled_story_shows_its_scheduled_date(client):
    client.force_login(make_writer())
    when = timezone.now() + timedelta(days=3)
    article = ArticleFactory(published_at=when)
    html = client.get(preview_url(article)).content.decode()
    carried = f"{timezone.localtime(when):%Y-%m-%d}"
    assert re.search(rf'Published <time datetime="{carried}', html)
    assert "the story will carry" in html
