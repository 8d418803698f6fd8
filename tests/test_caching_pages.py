"""One page for every reader: public pages are the same bytes signed in or not, say so to the
HTTP caches with their tags, and are keyed only on what they read; everything else is private."""

import logging
import time
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from redis.exceptions import OutOfMemoryError

from articles.caching.store import current_versions
from articles.caching.tags import EVERYTHING, article_tag, comments_tag, versioned_tag
from articles.models import Article, ArticleStatus
from articles.models.comments import comments_open
from articles.views import articles as article_views
from articles.views.accounts import story_state
from articles.views.comments import comment_page
from tests.factories import ArticleFactory, AuthorFactory, CommentFactory, TagFactory
from tests.roles import make_reader, make_trusted_reader

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    article = ArticleFactory(authors=[AuthorFactory()], tags=[TagFactory()])
    CommentFactory(article=article, text="A visible comment")
    return article


def public_urls(article) -> list[str]:
    day = article.get_absolute_url().rsplit("/", 2)[0] + "/"
    return [
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        article.authors.get().get_absolute_url(),
        reverse("articles:archive"),
        day,
        day.rsplit("/", 2)[0] + "/",
        day.rsplit("/", 3)[0] + "/",
        reverse("articles:feed-rss"),
        reverse("articles:feed-atom"),
        reverse("articles:section-feed-rss", kwargs={"slug": article.section.slug}),
        reverse("sitemap"),
        reverse("sitemap-news"),
        reverse("comments-policy"),
    ]


def test_every_public_page_is_the_same_bytes_for_every_reader(client, story):
    reader = make_trusted_reader(display_name="Nuala Signed-In")
    CommentFactory(article=story, author=reader, text="Held for me", pending=True)
    signed_in = Client()
    signed_in.force_login(reader)
    for url in public_urls(story):
        anonymous, personal = client.get(url), signed_in.get(url)
        assert anonymous.status_code == personal.status_code == HTTPStatus.OK, url
        assert personal.content == anonymous.content, url
        html = personal.content.decode()
        assert "Nuala Signed-In" not in html and "Held for me" not in html, url
        assert "csrfmiddlewaretoken" not in html, url
        assert not personal.cookies and not anonymous.cookies, url
        assert "cookie" not in personal.get("Vary", "").lower(), url


def test_public_pages_carry_shared_cache_control_and_their_tags_for_each_cache(
    client, story, settings
):
    settings.DEBUG = True  # what a deployment will send can be seen under `make run`
    settings.HTTP_CACHE_SECONDS, settings.BROWSER_CACHE_SECONDS = 600, 30
    response = client.get(story.get_absolute_url())
    assert response["Cache-Control"] == "public, max-age=30, s-maxage=600"
    tags = set(response["xkey"].split())
    assert {article_tag(story.pk), comments_tag(story.pk), EVERYTHING} <= tags
    # ... each also at the version the page was drawn at, for the repeated purge
    versions = current_versions([article_tag(story.pk), comments_tag(story.pk)])
    assert {versioned_tag(tag, version) for tag, version in versions.items()} <= tags
    assert set(response["Surrogate-Key"].split()) == tags
    assert set(response["Cache-Tag"].split(",")) == tags
    for url in public_urls(story):
        response = client.get(url)
        assert response["Cache-Control"].startswith("public"), url
        assert EVERYTHING in response["xkey"].split(), url


def test_personal_responses_are_private_not_just_varied_on_cookie(client, story):
    reader = make_trusted_reader()
    client.force_login(reader)
    comment = CommentFactory(article=story, author=reader)
    urls = [
        reverse("accounts:account"),
        reverse("accounts:me"),
        f"{reverse('accounts:me')}?article={story.pk}",
        reverse("comments:post", args=[story.pk]),
        reverse("comments:edit", args=[comment.pk]),
        reverse("comments:report", args=[comment.pk]),
        f"{reverse('articles:search')}?q=harbour",
        "/no-such-page/",
    ]
    for url in urls:
        response = client.get(url)
        assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"], url
        assert not response.has_header("xkey"), url
    assert "no-store" in client.get(reverse("accounts:me"))["Cache-Control"]
    anonymous = Client()
    assert "private" in anonymous.get(reverse("accounts:login"))["Cache-Control"]


def test_the_personal_endpoint_tells_a_reader_their_own_bits_in_three_queries(
    client, story, django_assert_max_num_queries
):
    reader = make_trusted_reader(display_name="Ciara Own")
    pending = CommentFactory(article=story, author=reader, text="Mine, held", pending=True)
    visible = CommentFactory(article=story, author=reader, text="Mine, visible")
    client.force_login(reader)
    client.get(reverse("accounts:me"))  # the session is read from the cache from now on
    with django_assert_max_num_queries(3):
        me = client.get(reverse("accounts:me"), {"article": story.pk}).json()
    assert me["signed_in"] and me["name"] == "Ciara Own" and me["can_comment"]
    assert len(me["csrf_token"]) >= 32
    own = {c["id"]: c for c in me["comments"]}
    assert set(own) == {pending.pk, visible.pk}
    assert "Mine, held" in own[pending.pk]["html"] and own[visible.pk]["html"] is None
    assert own[visible.pk]["edit_url"] == reverse("comments:edit", args=[visible.pk])
    assert own[visible.pk]["delete_url"] == reverse("comments:delete", args=[visible.pk])


def test_the_personal_endpoint_takes_two_queries_for_a_reader_without_comments_there(
    client, story, django_assert_max_num_queries
):
    reader = make_trusted_reader(display_name="Niamh Reads")  # her comment is on another story
    CommentFactory(article=story, text="Someone else's")
    client.force_login(reader)
    client.get(reverse("accounts:me"))  # the session is read from the cache from now on
    with django_assert_max_num_queries(2):
        me = client.get(reverse("accounts:me"), {"article": story.pk}).json()
    assert me["name"] == "Niamh Reads" and me["can_comment"] and me["comments"] == []


def test_the_personal_endpoint_says_comments_are_closed_on_a_story_that_closed_them(client, story):
    story.comments_enabled = False
    story.save()
    client.force_login(make_trusted_reader())
    assert client.get(reverse("accounts:me"), {"article": story.pk}).json()["can_comment"] is False


def test_the_personal_endpoint_for_anonymous_readers(client, story):
    me = client.get(reverse("accounts:me"), {"article": story.pk}).json()
    assert me["signed_in"] is False and me["can_comment"] is False and me["comments"] == []
    assert me["csrf_token"]


def test_the_views_behind_addresses_are_remembered_within_bounds_however_many_are_asked(client):
    from articles.caching.pages import REMEMBERED_PATH_LENGTH, _public_params_at

    _public_params_at.cache_clear()
    assert "public" in client.get(reverse("articles:home"))["Cache-Control"]
    assert "public" in client.get(reverse("articles:home"))["Cache-Control"]
    assert _public_params_at.cache_info().hits >= 1
    assert "private" in client.get(reverse("accounts:me"))["Cache-Control"]
    before = _public_params_at.cache_info().currsize
    overlong = "/section/" + "x" * REMEMBERED_PATH_LENGTH + "/"
    assert client.get(overlong).status_code == HTTPStatus.NOT_FOUND
    assert _public_params_at.cache_info().currsize == before  # not kept
    assert _public_params_at.cache_info().maxsize == 4096


def test_the_personal_endpoints_token_is_accepted_by_the_forms_on_a_first_visit_and_after(story):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_trusted_reader())
    url = reverse("comments:post", args=[story.pk])
    for visit in ("first", "returning"):  # the cookie is made by the first answer, then sent
        token = browser.get(reverse("accounts:me"), {"article": story.pk}).json()["csrf_token"]
        assert browser.cookies["csrftoken"].value, visit
        refused = browser.post(url, {"text": f"No token, {visit} visit"})
        assert refused.status_code == HTTPStatus.FORBIDDEN
        text = f"With the token, {visit} visit"
        posted = browser.post(url, {"text": text}, HTTP_X_CSRFTOKEN=token)
        assert posted.status_code == HTTPStatus.FOUND, visit
    assert story.comments.filter(text__startswith="With the token").count() == 2
    assert not story.comments.filter(text__startswith="No token").exists()


def test_the_personal_endpoint_is_data_with_the_strictest_content_security_policy(client, story):
    me = client.get(reverse("accounts:me"), {"article": story.pk})
    assert me["Content-Type"] == "application/json"
    assert me["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    page = client.get(story.get_absolute_url())
    assert "script-src 'self'" in page["Content-Security-Policy"]


def test_without_javascript_leave_a_comment_and_reply_have_their_own_form_pages(client, story):
    comment = story.comments.get()
    url = reverse("comments:post", args=[story.pk])
    assert client.get(url).url.startswith(reverse("accounts:login"))
    client.force_login(make_trusted_reader())
    form = client.get(url).content.decode()
    assert "<h1>Leave a comment</h1>" in form and "csrfmiddlewaretoken" in form
    reply = client.get(url, {"parent": comment.pk}).content.decode()
    assert f'name="parent" value="{comment.pk}"' in reply and "Reply to" in reply
    response = client.post(url, {"text": "Posted without script", "parent": comment.pk})
    assert response.status_code == HTTPStatus.FOUND
    posted = client.get(response.url).content.decode()
    assert "Posted without script" in posted and "Your comment has been posted." in posted
    page = client.get(story.get_absolute_url()).content.decode()
    assert f'href="{url}?parent={comment.pk}"' in page
    assert f'href="{reverse("comments:report", args=[comment.pk])}"' in page


def test_the_posted_page_is_only_for_the_comments_author(client, story):
    comment = story.comments.get()
    client.force_login(make_reader())
    assert client.get(reverse("comments:posted", args=[comment.pk])).status_code == 404


def stored_pages() -> int:
    return sum("pagecache:page:" in key for key in cache._cache)


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


def test_query_strings_a_page_does_not_read_make_no_new_copy(client, story, page_cache):
    url = story.get_absolute_url()
    client.get(url)
    for n in range(20):
        response = client.get(url, {"utm_source": f"x{n}", "fbclid": n, "random": n})
        assert response["X-Page-Cache"] == "hit"
    assert stored_pages() == 1
    client.get(url, {"order": "newest", "utm_campaign": "y"})
    client.get(url, {"order": "bogus-value-0"})  # not a value the page reads: the default
    assert stored_pages() == 2
    assert client.get(url, {"utm_medium": "z", "order": "newest"})["X-Page-Cache"] == "hit"


def test_a_view_never_sees_the_parameters_it_did_not_declare(client, story, page_cache):
    html = client.get("/", {"utm_source": "<b>tracking</b>"}).content.decode()
    assert "tracking" not in html


def test_host_ports_and_spellings_make_no_new_copy(client, story, page_cache):
    url = story.get_absolute_url()
    client.get(url)
    for host in ("testserver:1234", "TESTSERVER", "testserver.", "testserver:8081"):
        assert client.get(url, HTTP_HOST=host)["X-Page-Cache"] == "hit", host
    assert stored_pages() == 1


def test_copies_larger_than_the_limit_are_not_kept(client, story, page_cache, settings):
    settings.PAGE_CACHE_MAX_BYTES = 1000
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url()).get("X-Page-Cache") != "hit"
    assert stored_pages() == 0


def test_copies_of_one_page_are_bounded(client, story, page_cache, settings):
    settings.PAGE_CACHE_VARIANTS = 2
    settings.COMMENTS_PER_PAGE = 1
    CommentFactory.create_batch(4, article=story)
    url = story.get_absolute_url()
    for number in range(1, 5):
        client.get(url, {"comments_page": number})
    assert stored_pages() == 2


def test_a_redis_that_refuses_writes_degrades_to_uncached_and_logs_once(
    client, story, monkeypatch, caplog
):
    from redis import Redis

    backend = {
        "BACKEND": "articles.caching.backend.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:6379/12",
        "KEY_PREFIX": "edge-oom-test",
    }
    real = Redis.execute_command

    def full(self, *args, **kwargs):
        if str(args[0]).upper() in {"SET", "SETEX", "PSETEX", "SETNX", "MSET", "INCRBY", "INCR"}:
            raise OutOfMemoryError("command not allowed when used memory > 'maxmemory'.")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Redis, "execute_command", full)
    with (
        override_settings(CACHES={"default": backend}, PAGE_CACHE_SECONDS=600),
        caplog.at_level(logging.WARNING, logger="articles.caching.backend"),
    ):
        responses = [client.get(story.get_absolute_url()) for _ in range(3)]
        responses.append(client.get("/"))
    assert [r.status_code for r in responses] == [200] * 4
    assert "A visible comment" in responses[0].content.decode()
    warnings = [r for r in caplog.records if "serving uncached" in r.getMessage()]
    assert len(warnings) == 1


@pytest.fixture
def comment_arrives_while_drawn(monkeypatch):
    """The story's comments change while its page is first drawn (after they were read)."""
    draws = []

    def comment_page_then_a_comment(request, article):
        threads = comment_page(request, article)
        draws.append(article)
        if len(draws) == 1:
            CommentFactory(article=article, text="Arrived while the page was drawn")
        return threads

    monkeypatch.setattr(article_views, "comment_page", comment_page_then_a_comment)
    return draws


def test_a_page_drawn_while_what_it_shows_changed_is_drawn_again_and_kept(
    client, story, comment_arrives_while_drawn
):
    response = client.get(story.get_absolute_url())
    assert len(comment_arrives_while_drawn) == 2
    assert "Arrived while the page was drawn" in response.content.decode()
    assert response["Cache-Control"].startswith("public")


def test_within_a_replicas_lag_such_a_page_is_not_drawn_again_and_kept_by_no_cache(
    client, story, comment_arrives_while_drawn, settings
):
    settings.CACHE_SETTLE_SECONDS = 60
    response = client.get(story.get_absolute_url())
    assert len(comment_arrives_while_drawn) == 1
    assert "private" in response["Cache-Control"] and not response.has_header("xkey")


def test_the_personal_endpoint_sees_a_story_published_after_its_query_was_compiled(client):
    reader = make_trusted_reader()
    client.force_login(reader)
    earlier = ArticleFactory()
    assert client.get(reverse("accounts:me"), {"article": earlier.pk}).json()["can_comment"]
    time.sleep(0.01)
    just_out = ArticleFactory(published_at=timezone.now())  # after the query was first run
    me = client.get(reverse("accounts:me"), {"article": just_out.pk}).json()
    assert me["can_comment"] is True


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"status": ArticleStatus.DRAFT},
        {"status": ArticleStatus.ARCHIVED},
        {"comments_enabled": False},
        {"published_at_offset": timedelta(hours=1)},  # scheduled
    ],
)
@pytest.mark.parametrize("has_comment", [False, True])
def test_the_personal_endpoints_story_query_agrees_with_its_queryset(state, has_comment):
    state = dict(state)
    offset = state.pop("published_at_offset", -timedelta(hours=1))
    story = ArticleFactory(published_at=timezone.now() + offset, **state)
    reader = make_trusted_reader()
    if has_comment:
        CommentFactory(article=story, author=reader)
    found = story_state(story.pk, reader.pk)
    expected = Article.objects.live().filter(pk=story.pk).first()  # what the site shows
    if expected is None:
        assert found is None
    else:
        assert found is not None
        article, has_own = found
        assert (article.pk, has_own, comments_open(article)) == (
            expected.pk,
            has_comment,
            comments_open(expected),
        )
