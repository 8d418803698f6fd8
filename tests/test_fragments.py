"""Shared fragments: the story and the comment threads are drawn once per version and reused
for every reader, signed in or not, with the page cache off."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from articles.caching.store import invalidate, load_versioned
from articles.caching.tags import article_tag
from articles.models import Article
from articles.services.comments import comment_post
from articles.views import articles as views
from tests.factories import ArticleFactory, CommentFactory, ImageFactory, TagFactory
from tests.queries import warm_site_caches
from tests.roles import make_reader, make_trusted_reader

pytestmark = pytest.mark.django_db


def page(client, article) -> str:
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_a_warm_article_page_reads_only_the_article_row(client, django_assert_num_queries):
    article = ArticleFactory(tags=[TagFactory()])
    CommentFactory.create_batch(3, article=article)
    warm_site_caches()
    first = page(client, article)
    with django_assert_num_queries(1):
        second = page(client, article)
    assert second == first


def test_shared_threads_never_show_one_readers_own_comments_to_another(client):
    article = ArticleFactory()
    CommentFactory(article=article, text="Everyone sees this")
    author = make_reader()
    CommentFactory(article=article, author=author, text="Held for review", pending=True)
    other = make_trusted_reader()
    client.force_login(other)
    assert "Held for review" not in page(client, article)  # drawn and shared
    client.force_login(author)
    assert "Held for review" not in page(client, article)  # the author's own: from /accounts/me/
    own = client.get(reverse("accounts:me"), {"article": article.pk}).json()["comments"]
    assert "Held for review" in own[0]["html"]
    assert "Awaiting moderation" in own[0]["html"]
    client.force_login(other)
    html = page(client, article)
    assert "Everyone sees this" in html
    assert "Held for review" not in html
    client.logout()
    assert "Held for review" not in page(client, article)


def test_signed_in_readers_see_comments_and_edits_at_once(client):
    article = ArticleFactory(headline="First headline")
    client.force_login(make_trusted_reader())
    page(client, article)
    comment_post(article=article, author=make_trusted_reader(), text="Posted by someone else")
    article.headline = "Second headline"
    article.save()
    html = page(client, article)
    assert "Posted by someone else" in html
    assert '<h1 class="article__headline">Second headline</h1>' in html


def test_an_inline_image_credit_edit_reaches_the_shared_story(client):
    image = ImageFactory(credit="Old Agency")
    article = ArticleFactory(body=f'<p>Text.</p><figure data-image-id="{image.pk}"></figure>')
    article.sync_inline_images()
    assert "Old Agency" in page(client, article)
    image.credit = "New Agency"
    image.save()
    assert "New Agency" in page(client, article)


def test_each_host_name_gets_story_links_of_its_own(client, settings):
    settings.ALLOWED_HOSTS = ["news.example.com", "archive.example.com"]
    article = ArticleFactory()
    first = client.get(article.get_absolute_url(), HTTP_HOST="news.example.com")
    second = client.get(article.get_absolute_url(), HTTP_HOST="archive.example.com")
    assert "http://news.example.com/" in first.content.decode()
    assert "http://archive.example.com/" in second.content.decode()
    assert "news.example.com" not in second.content.decode()


def test_fragments_can_be_turned_off(client, settings, django_assert_max_num_queries):
    settings.FRAGMENT_CACHE_SECONDS = 0
    article = ArticleFactory()
    page(client, article)
    warm_site_caches()
    with django_assert_max_num_queries(8):
        html = page(client, article)
    assert article.headline in html


def test_a_story_drawn_while_it_changes_is_not_kept(client, monkeypatch):
    article = ArticleFactory(headline="Old headline")
    draw = views.render_story

    def drawn_during_an_edit(request, story, **kwargs):
        fragment = draw(request, story, **kwargs)  # from the row as it was
        Article.objects.filter(pk=story.pk).update(headline="New headline")
        invalidate(article_tag(story.pk))  # the edit commits while the page is being drawn
        return fragment

    monkeypatch.setattr(views, "render_story", drawn_during_an_edit)
    page(client, article)  # drawn during the edit (and once more, during another)
    monkeypatch.undo()
    assert '<h1 class="article__headline">New headline</h1>' in page(client, article)


def test_with_a_read_replica_pages_drawn_within_its_lag_after_a_change_are_not_kept(
    client, settings
):
    settings.CACHE_SETTLE_SECONDS = 60  # what a replica's pin time gives
    article = ArticleFactory(headline="Edited a moment ago")  # its tags changed just now
    story_key = f"fragment:story:{article.pk}:http://testserver"
    page(client, article)
    assert load_versioned(story_key) is None
    settings.CACHE_SETTLE_SECONDS = 0
    page(client, article)
    assert load_versioned(story_key) is not None


@pytest.mark.parametrize("number", ["999", "²", "1" * 5000, "-1", "abc"])
def test_odd_comment_page_numbers_show_a_page(client, number):
    article = ArticleFactory()
    CommentFactory(article=article, text="The only comment")
    response = client.get(article.get_absolute_url(), {"comments_page": number})
    assert response.status_code == HTTPStatus.OK
    assert "The only comment" in response.content.decode()


def test_a_page_number_out_of_range_keeps_no_copy_under_it(client):
    article = ArticleFactory()
    CommentFactory(article=article)
    for number in ("1", "999"):
        client.get(article.get_absolute_url(), {"comments_page": number})
    assert load_versioned(f"fragment:comments:{article.pk}:oldest:1:1") is not None
    assert load_versioned(f"fragment:comments:{article.pk}:oldest:999:1") is None


def test_a_new_comment_leaves_the_story_in_the_cache(client):
    article = ArticleFactory()
    reader = make_trusted_reader()  # (makes stories of its own: done before the page is kept)
    page(client, article)
    story_key = f"fragment:story:{article.pk}:http://testserver"
    comment_post(article=article, author=reader, text="First!")
    assert load_versioned(story_key) is not None
    assert "First!" in page(client, article)


def test_a_reader_renamed_or_deleted_in_the_admin_leaves_no_old_name(client):
    article = ArticleFactory()
    reader = make_trusted_reader(display_name="Old Name")
    CommentFactory(article=article, author=reader)
    assert "Old Name" in page(client, article)
    reader.display_name = "New Name"
    reader.save()
    html = page(client, article)
    assert "New Name" in html and "Old Name" not in html
    reader.delete()
    html = page(client, article)
    assert "New Name" not in html and "Deleted reader" in html


def test_a_story_read_before_a_change_and_drawn_after_it_is_not_kept(client, monkeypatch):
    article = ArticleFactory(headline="Old headline")
    read = views.ArticleDetailView.get_object

    def read_then_edited_elsewhere(view, queryset=None):
        story = read(view, queryset)  # the row as it was
        Article.objects.filter(pk=story.pk).update(headline="New headline")
        invalidate(article_tag(story.pk))  # an edit commits before the story is drawn
        return story

    monkeypatch.setattr(views.ArticleDetailView, "get_object", read_then_edited_elsewhere)
    page(client, article)  # read before the edit (and once more, before another)
    monkeypatch.undo()
    assert '<h1 class="article__headline">New headline</h1>' in page(client, article)
