import datetime
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from articles.models import Article, ArticleStatus
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_article_in_the_past_is_live():
    article = ArticleFactory()
    assert list(Article.objects.live()) == [article]


@pytest.mark.parametrize("trait", ["draft", "in_review", "scheduled"])
def test_unpublished_or_future_articles_are_not_live(trait):
    ArticleFactory(**{trait: True})
    assert not Article.objects.live().exists()


def test_archived_article_stays_live_but_leaves_the_fronts():
    article = ArticleFactory(archived=True)
    assert list(Article.objects.live()) == [article]
    assert not Article.objects.on_fronts().exists()


def test_scheduled_article_goes_live_when_its_time_comes(client):
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=1))
    assert not Article.objects.live().exists()
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.live().get() == article


def test_draft_article_is_not_found_by_readers(client):
    article = ArticleFactory(status=ArticleStatus.DRAFT)
    # A draft has no URL of its own; give it the address it would have once published.
    article.published_at = timezone.now() - timedelta(hours=1)
    article.save()
    assert client.get(article.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.parametrize("trait", ["in_review", "scheduled"])
def test_in_review_and_future_articles_give_404(client, trait):
    article = ArticleFactory(**{trait: True})
    if article.published_at is None:
        article.published_at = timezone.now() - timedelta(hours=1)
        article.save()
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "couldn't find that page" in response.content.decode()


def test_url_uses_the_publication_date_in_the_site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Dublin"
    # 23:30 UTC on 30 June is 00:30 on 1 July in Dublin (summer time).
    published = datetime.datetime(2024, 6, 30, 23, 30, tzinfo=datetime.UTC)
    article = ArticleFactory(published_at=published, slug="late-night")
    assert article.get_absolute_url() == "/2024/07/01/late-night/"
    assert article.publication_date.isoformat() == "2024-07-01"


def test_two_live_stories_cannot_share_a_slug_on_the_same_day():
    from django.db import IntegrityError

    first = ArticleFactory(slug="same")
    with pytest.raises(IntegrityError):
        ArticleFactory(slug="same", published_at=first.published_at)


def test_same_slug_on_different_days_is_allowed():
    first = ArticleFactory(slug="weather")
    second = ArticleFactory(slug="weather", published_at=first.published_at - timedelta(days=3))
    assert first.get_absolute_url() != second.get_absolute_url()


SOON = timedelta(hours=3)


@pytest.mark.parametrize(
    ("status", "published_in", "scheduled"),
    [
        (ArticleStatus.PUBLISHED, SOON, True),
        (ArticleStatus.PUBLISHED, -SOON, False),
        (ArticleStatus.PUBLISHED, None, False),
        (ArticleStatus.DRAFT, SOON, False),
        (ArticleStatus.IN_REVIEW, SOON, False),
        (ArticleStatus.ARCHIVED, SOON, False),
    ],
)
def test_scheduled_means_published_with_a_future_date_in_the_queryset_and_the_instance(
    status, published_in, scheduled
):
    article = ArticleFactory(status=status)
    published_at = None if published_in is None else timezone.now() + published_in
    Article.objects.filter(pk=article.pk).update(published_at=published_at)
    article.refresh_from_db()
    assert article.is_scheduled is scheduled
    assert Article.objects.scheduled().filter(pk=article.pk).exists() is scheduled


def test_next_scheduled_time_is_the_soonest_scheduled_story():
    ArticleFactory(published_at=timezone.now() + timedelta(days=2))
    soonest = ArticleFactory(published_at=timezone.now() + timedelta(hours=1))
    ArticleFactory(status=ArticleStatus.DRAFT, published_at=timezone.now() + timedelta(minutes=5))
    assert Article.objects.next_scheduled_time() == soonest.published_at
