"""The anonymous page cache: pages come from the cache until what they show changes."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from articles.caching import middleware as pagecache
from articles.caching import tags as cache_tags
from articles.models import AppealBanner, Article, ArticleStatus
from articles.services.comments import comment_post
from articles.services.moderation import comment_remove
from articles.services.workflow import article_archive, article_publish, correction_add
from tests.factories import (
    AppealBannerFactory,
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    SectionFactory,
)
from tests.roles import make_moderator, make_trusted_reader
from tests.workflow_helpers import make_user, publishable_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


def fetch(client, url, **headers):
    response = client.get(url, headers=headers)
    return response, response.content.decode()


def cached(client, url) -> str:
    """The page, fetched until it comes from the cache (the first request stores it)."""
    fetch(client, url)
    response, html = fetch(client, url)
    assert response["X-Page-Cache"] == "hit", url
    return html


def test_second_anonymous_request_is_served_from_the_cache_without_queries(
    client, django_assert_num_queries
):
    article = ArticleFactory()
    first, _ = fetch(client, article.get_absolute_url())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second, _ = fetch(client, article.get_absolute_url())
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


@pytest.mark.parametrize(
    "url_name", ["articles:home", "articles:archive", "articles:feed-rss", "articles:feed-atom"]
)
def test_fronts_archives_and_feeds_are_cached(client, url_name):
    ArticleFactory()
    cached(client, reverse(url_name))


def test_section_tag_and_author_pages_are_cached(client):
    article = ArticleFactory(authors=[AuthorFactory()])
    cached(client, article.section.get_absolute_url())
    cached(client, article.authors.get().get_absolute_url())


def test_signed_in_readers_get_the_same_cached_page_as_everyone(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    reader = make_trusted_reader(display_name="Signed In Reader")  # (makes stories of its own)
    anonymous = cached(client, article.get_absolute_url())
    client.force_login(reader)
    response, html = fetch(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert html == anonymous
    assert "Signed In Reader" not in html


def test_a_flash_message_waits_for_the_personal_endpoint_not_the_shared_page(client):
    article = ArticleFactory()
    reader = make_trusted_reader()
    cached(client, article.get_absolute_url())
    client.force_login(reader)
    client.post(reverse("accounts:account"), {"display_name": "Renamed Reader"})
    response, html = fetch(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "display name has been changed" not in html
    me = client.get(reverse("accounts:me")).json()
    assert [m["text"] for m in me["messages"]] == ["Your display name has been changed."]


def test_an_anonymous_article_page_carries_no_csrf_token_so_it_can_be_shared(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    response, html = fetch(client, article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in html
    assert not response.cookies
    assert response["X-Page-Cache"] == "miss"


def test_publishing_shows_the_story_on_the_fronts(client):
    ArticleFactory(headline="Already out")
    draft = publishable_article(status=ArticleStatus.IN_REVIEW, headline="Fresh scoop")
    assert "Fresh scoop" not in cached(client, "/")
    article_publish(article=draft, by=make_user("editor"))
    response, html = fetch(client, "/")
    assert response["X-Page-Cache"] == "miss"
    assert "Fresh scoop" in html


def test_editing_a_headline_updates_the_article_and_the_fronts(client):
    article = ArticleFactory(headline="First headline")
    cached(client, article.get_absolute_url())
    cached(client, "/")
    article.headline = "Corrected headline"
    article.save()
    assert "Corrected headline" in fetch(client, article.get_absolute_url())[1]
    assert "Corrected headline" in fetch(client, "/")[1]


def test_archiving_takes_the_story_off_the_fronts_and_adds_the_notice(client):
    article = publishable_article(headline="Soon archived")
    assert "Soon archived" in cached(client, "/")
    cached(client, article.get_absolute_url())
    article_archive(article=article, by=make_user("editor"))
    assert "Soon archived" not in fetch(client, "/")[1]
    assert "From the archive" in fetch(client, article.get_absolute_url())[1]


def test_a_new_visible_comment_appears_at_once(client):
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    comment_post(article=article, author=make_trusted_reader(), text="Straight onto the page")
    assert "Straight onto the page" in fetch(client, article.get_absolute_url())[1]


def test_a_moderators_removal_appears_at_once(client):
    comment = CommentFactory(text="Soon to be removed")
    url = comment.article.get_absolute_url()
    assert "Soon to be removed" in cached(client, url)
    comment_remove(comment=comment, by=make_moderator())
    html = fetch(client, url)[1]
    assert "Soon to be removed" not in html
    assert "removed by a moderator" in html


def test_a_correction_appears_at_once(client):
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    correction_add(article=article, by=make_user("editor"), kind="correction", text="We erred.")
    assert "We erred." in fetch(client, article.get_absolute_url())[1]


def test_an_image_credit_edit_appears_on_every_page_using_it(client):
    image = ImageFactory(credit="Old Agency")
    hero_of = ArticleFactory(hero_image=image)
    inline_in = ArticleFactory(body=f'<figure data-image-id="{image.pk}"></figure>')
    inline_in.sync_inline_images()
    for article in (hero_of, inline_in):
        assert "Old Agency" in cached(client, article.get_absolute_url())
    image.credit = "Corrected Agency/PA"
    image.save()
    for article in (hero_of, inline_in):
        assert "Corrected Agency/PA" in fetch(client, article.get_absolute_url())[1]


def test_appeal_banner_edits_appear_at_once(client):
    banner = AppealBannerFactory(text="Please help us report.")
    article = ArticleFactory()
    assert "Please help us report." in cached(client, article.get_absolute_url())
    banner.text = "Our new appeal."
    banner.save()
    assert "Our new appeal." in fetch(client, article.get_absolute_url())[1]
    AppealBanner.objects.get().delete()
    assert "Our new appeal." not in fetch(client, article.get_absolute_url())[1]


def test_a_new_section_appears_in_every_pages_navigation(client):
    article = ArticleFactory()
    cached(client, article.get_absolute_url())
    SectionFactory(name="Obituaries")
    assert "Obituaries" in fetch(client, article.get_absolute_url())[1]


@pytest.mark.parametrize("url_name", ["articles:home", "articles:feed-rss"])
def test_a_scheduled_story_appears_when_its_time_comes(client, monkeypatch, url_name):
    path = reverse(url_name)
    due = timezone.now() + timedelta(minutes=5)
    publishable_article(headline="Embargoed until five past", published_at=due)
    ArticleFactory(headline="Already out")
    assert "Embargoed until five past" not in cached(client, path)
    later = due.timestamp() + 1
    monkeypatch.setattr(pagecache.time, "time", lambda: later)
    monkeypatch.setattr(timezone, "now", lambda: due + timedelta(seconds=1))
    response, html = fetch(client, path)
    assert response["X-Page-Cache"] == "miss"
    assert "Embargoed until five past" in html


def test_article_pages_are_kept_only_until_comments_close(client, settings, monkeypatch):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    article = ArticleFactory(published_at=timezone.now() - timedelta(days=7, minutes=-5))
    cached(client, article.get_absolute_url())
    closing = (article.published_at + timedelta(days=7)).timestamp()
    monkeypatch.setattr(pagecache.time, "time", lambda: closing + 1)
    monkeypatch.setattr(
        timezone, "now", lambda: article.published_at + timedelta(days=7, seconds=1)
    )
    response, html = fetch(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "miss"
    assert "Comments are closed" in html


def test_conditional_get_answers_304_from_the_etag(client):
    article = ArticleFactory()
    first, _ = fetch(client, article.get_absolute_url())
    etag = first["ETag"]
    again = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    article.headline = "Changed"
    article.save()
    changed = client.get(article.get_absolute_url(), headers={"if-none-match": etag})
    assert changed.status_code == HTTPStatus.OK


def test_pages_that_are_not_found_are_not_cached(client):
    fetch(client, "/2020/01/01/nothing-here/")
    response, _ = fetch(client, "/2020/01/01/nothing-here/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "X-Page-Cache" not in response


def test_cached_pages_keep_their_security_headers(client):
    article = ArticleFactory()
    fetch(client, article.get_absolute_url())
    response, _ = fetch(client, article.get_absolute_url())
    assert response["X-Page-Cache"] == "hit"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_a_page_drawn_while_a_change_is_uncommitted_is_not_kept(
    client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Before the edit")
    url = article.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        article.headline = "After the edit"
        article.save()
        # A reader on another connection still sees the old row and stores that page now.
        with transaction.atomic():
            Article.objects.filter(pk=article.pk).update(headline="Before the edit")
            cached(client, url)
            transaction.set_rollback(True)
    response, html = fetch(client, url)
    assert response["X-Page-Cache"] == "miss"
    assert "After the edit" in html


def test_tag_versions_written_before_they_carried_a_time_still_work(client):
    """A cache kept across a deploy holds versions in the older form (a bare token)."""
    article = ArticleFactory()
    url = article.get_absolute_url()
    cache.set_many(
        {
            f"pagecache:tag:{tag}": "5599fca6b1f242888f2693fea1dbce08"
            for tag in cache_tags.EVERY_PAGE
        }
    )
    assert article.headline in cached(client, url)
