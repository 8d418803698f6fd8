from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Comment, CommentStatus, HoldReason, ReaderSanction, WatchedWord
from articles.ratelimit import rate_limit_exceeded
from tests.factories import ArticleFactory, CommentFactory, SectionFactory
from tests.queries import warm_site_caches
from tests.roles import make_moderator, make_reader, make_trusted_reader

pytestmark = pytest.mark.django_db


def post_comment(client, article, text, **extra):
    return client.post(reverse("comments:post", args=[article.pk]), {"text": text, **extra})


def page(client, article, query="") -> str:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


@pytest.fixture
def article():
    return ArticleFactory()


@pytest.fixture
def reader(client):
    reader = make_trusted_reader(display_name="Moira K")
    client.force_login(reader)
    return reader


def test_anonymous_readers_see_comments_and_a_sign_in_prompt_back_to_the_form(client, article):
    CommentFactory(article=article, text="First thoughts on the harbour.")
    html = page(client, article)
    assert "First thoughts on the harbour." in html
    assert "data-comment-main hidden" in html  # shown by comments.js to readers who may post
    assert f'href="{reverse("comments:post", args=[article.pk])}">Leave a comment</a>' in html
    login = reverse("accounts:login")
    assert (
        f'href="{login}?next={article.get_absolute_url().replace("/", "%2F")}%23comment-form"'
        in html
    )


def test_anonymous_post_is_sent_to_sign_in(client, article):
    response = post_comment(client, article, "Hello")
    assert response.status_code == HTTPStatus.FOUND
    assert response.url.startswith(reverse("accounts:login"))
    assert not Comment.objects.exists()


def test_signed_in_reader_posts_a_comment_and_returns_to_it(client, article, reader):
    response = post_comment(client, article, "The sea wall is overdue.\nAbout time.")
    comment = Comment.objects.get(text="The sea wall is overdue.\nAbout time.")
    assert comment.status == CommentStatus.VISIBLE
    assert response.url == reverse("comments:posted", args=[comment.pk])
    posted = client.get(response.url).content.decode()
    assert "Your comment has been posted." in posted
    assert "The sea wall is overdue.<br>About time." in posted
    assert f'href="{comment.get_absolute_url()}">Back to the discussion' in posted
    target = client.get(comment.get_absolute_url())
    assert target.url == f"{article.get_absolute_url()}#comment-{comment.pk}"
    html = page(client, article)
    assert "The sea wall is overdue.<br>About time." in html
    assert "Moira K" in html
    assert "1 comment" in html


def test_reply_is_shown_under_its_comment_and_replies_to_replies_join_the_thread(
    client, article, reader
):
    top = CommentFactory(article=article, text="Top comment")
    post_comment(client, article, "A reply", parent=top.pk)
    reply = Comment.objects.get(text="A reply")
    assert reply.parent == top
    post_comment(client, article, "A reply to the reply", parent=reply.pk)
    assert Comment.objects.get(text="A reply to the reply").parent == top
    html = page(client, article)
    replies = html.index(f'id="replies-{top.pk}"')
    assert replies < html.index("A reply") < html.index("A reply to the reply")


def test_comment_text_is_escaped_and_links_are_nofollow_ugc(client, article, reader):
    hostile = (
        '<script>alert("x")</script> <img src=x onerror="alert(1)"> '
        '<a href="javascript:alert(2)">click</a> javascript:alert(3) https://example.org/report'
    )
    post_comment(client, article, hostile)
    html = page(client, article)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<img src=x" not in html and 'onerror="alert(1)"' not in html
    assert '<a href="javascript:' not in html
    assert (
        '<a href="https://example.org/report" rel="nofollow ugc">https://example.org/report</a>'
        in html
    )
    assert Comment.objects.get(author=reader, article=article).text == hostile


def test_author_can_edit_within_five_minutes_and_it_is_marked_edited(client, article, reader):
    comment = CommentFactory(article=article, author=reader, text="Teh typo")
    response = client.post(reverse("comments:edit", args=[comment.pk]), {"text": "The typo"})
    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.text == "The typo" and comment.edited_at is not None
    assert "(edited)" in page(client, article)


def test_editing_is_refused_after_the_window(client, article, reader):
    comment = CommentFactory(
        article=article, author=reader, created_at=timezone.now() - timedelta(minutes=6)
    )
    client.post(reverse("comments:edit", args=[comment.pk]), {"text": "Changed my mind"})
    comment.refresh_from_db()
    assert comment.text != "Changed my mind"
    assert f'href="{reverse("comments:edit", args=[comment.pk])}"' not in page(client, article)


def test_readers_cannot_edit_or_delete_someone_elses_comment(client, article, reader):
    comment = CommentFactory(article=article, text="Not yours")
    client.post(reverse("comments:edit", args=[comment.pk]), {"text": "Hijacked"})
    response = client.post(reverse("comments:delete", args=[comment.pk]))
    assert response.status_code == HTTPStatus.FORBIDDEN
    comment.refresh_from_db()
    assert comment.text == "Not yours" and comment.status == CommentStatus.VISIBLE


def test_deleted_comment_with_replies_shows_a_notice_and_keeps_the_replies(client, article, reader):
    comment = CommentFactory(article=article, author=reader, text="Regrettable words")
    CommentFactory(article=article, parent=comment, text="A reply that stays")
    client.post(reverse("comments:delete", args=[comment.pk]))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED  # never hard-deleted
    html = page(client, article)
    assert "Comment deleted by its author" in html
    assert "Regrettable words" not in html
    assert "A reply that stays" in html


def test_deleted_comment_without_replies_disappears(client, article, reader):
    comment = CommentFactory(article=article, author=reader, text="Gone soon")
    client.post(reverse("comments:delete", args=[comment.pk]))
    html = page(client, article)
    assert "Gone soon" not in html and "Comment deleted by its author" not in html
    assert Comment.objects.filter(pk=comment.pk).exists()


def test_a_new_readers_first_comment_is_held_and_only_they_see_it(client, article):
    newcomer = make_reader()
    client.force_login(newcomer)
    post_comment(client, article, "My very first comment")
    comment = Comment.objects.get(text="My very first comment")
    assert comment.status == CommentStatus.PENDING
    assert comment.held_for == HoldReason.FIRST_COMMENTS
    posted = client.get(reverse("comments:posted", args=[comment.pk])).content.decode()
    assert "My very first comment" in posted and "awaiting moderation" in posted
    assert "My very first comment" not in page(client, article)  # the page everyone gets
    own = client.get(reverse("accounts:me"), {"article": article.pk}).json()["comments"]
    assert "My very first comment" in own[0]["html"] and "Awaiting moderation" in own[0]["html"]
    client.logout()
    assert "My very first comment" not in page(client, article)
    client.force_login(make_trusted_reader())
    assert "My very first comment" not in page(client, article)


def test_first_comments_setting_holds_more_comments(client, article, settings):
    settings.COMMENTS_PREMODERATE_FIRST = 2
    reader = make_trusted_reader()
    client.force_login(reader)
    post_comment(client, article, "Second comment overall")
    assert Comment.objects.get(text="Second comment overall").status == CommentStatus.PENDING


def test_a_comment_with_too_many_links_is_held(client, article, reader, settings):
    settings.COMMENTS_MAX_LINKS = 2
    post_comment(client, article, "See https://a.example and https://b.example")
    assert Comment.objects.get(text__startswith="See https").status == CommentStatus.VISIBLE
    post_comment(client, article, "Buy https://a.example https://b.example www.c.example")
    held = Comment.objects.get(text__startswith="Buy")
    assert held.status == CommentStatus.PENDING and held.held_for == HoldReason.LINKS


def test_a_comment_with_a_watched_word_is_held(client, article, reader):
    WatchedWord.objects.create(word="Crypto")
    post_comment(client, article, "Cryptocurrency talk is fine")
    assert Comment.objects.get(text__startswith="Cryptocurrency").status == CommentStatus.VISIBLE
    post_comment(client, article, "Invest in crypto now!")
    held = Comment.objects.get(text__startswith="Invest")
    assert held.status == CommentStatus.PENDING and held.held_for == HoldReason.WATCHED_WORD


def test_editing_in_a_watched_word_holds_the_comment_again(client, article, reader):
    WatchedWord.objects.create(word="scam")
    comment = CommentFactory(article=article, author=reader, text="Fine words")
    client.post(reverse("comments:edit", args=[comment.pk]), {"text": "It is a scam"})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


@pytest.mark.parametrize(
    ("text", "message"),
    [("   \n ", "Write something before posting."), ("x" * 2001, "the limit is 2000")],
)
def test_empty_or_over_long_comments_are_refused_and_the_text_is_kept(
    client, article, reader, text, message
):
    response = post_comment(client, article, text)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert message in html.replace(",", "")
    assert not Comment.objects.filter(article=article).exists()


def test_a_filled_honeypot_is_refused(client, article, reader):
    response = post_comment(client, article, "Cheap watches", website="http://spam.example")
    assert "could not be posted" in response.content.decode()
    assert not Comment.objects.filter(article=article).exists()


def test_a_duplicate_of_the_readers_previous_comment_is_refused(client, article, reader):
    post_comment(client, article, "Same again")
    response = post_comment(client, article, "Same again")
    assert "You have already posted this comment." in response.content.decode()
    assert Comment.objects.filter(text="Same again").count() == 1


@pytest.mark.parametrize("kind", ["suspension", "ban"])
def test_suspended_or_banned_readers_are_refused(client, article, reader, kind):
    ReaderSanction.objects.create(
        reader=reader,
        kind=kind,
        ends_at=timezone.now() + timedelta(days=3) if kind == "suspension" else None,
        created_by=make_moderator(),
    )
    response = post_comment(client, article, "Let me back in")
    html = response.content.decode()
    assert "suspended from commenting until" in html or "banned from commenting" in html
    assert not Comment.objects.filter(text="Let me back in").exists()


def test_an_expired_or_lifted_suspension_no_longer_refuses(client, article, reader):
    ReaderSanction.objects.create(
        reader=reader,
        kind="suspension",
        starts_at=timezone.now() - timedelta(days=5),
        ends_at=timezone.now() - timedelta(days=1),
    )
    post_comment(client, article, "Back again")
    assert Comment.objects.filter(text="Back again").exists()


def test_more_than_five_comments_a_minute_get_a_readable_429(client, article, reader):
    for number in range(5):
        assert post_comment(client, article, f"Comment {number}").status_code == HTTPStatus.FOUND
    response = post_comment(client, article, "One too many")
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Slow down a little" in response.content.decode()
    assert response["Retry-After"]
    assert not Comment.objects.filter(text="One too many").exists()


def test_rate_limit_counts_hits_from_every_process_through_the_cache(client, article, reader):
    for _ in range(5):  # as another web process would, through the shared cache
        rate_limit_exceeded(f"comment:{reader.pk}", limit=5)
    assert post_comment(client, article, "Sixth").status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_comments_can_be_turned_off_per_article(client, reader):
    article = ArticleFactory(comments_enabled=False)
    CommentFactory(article=article, text="From before")
    html = page(client, article)
    assert "Comments are turned off on this story." in html
    assert "From before" in html
    post_comment(client, article, "Sneaking in")
    assert not Comment.objects.filter(text="Sneaking in").exists()


def test_comments_close_after_the_configured_days(client, reader, settings):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=8))
    recent = ArticleFactory(published_at=timezone.now() - timedelta(days=6))
    assert "Comments are closed on this story." in page(client, old)
    assert "Post comment" in page(client, recent)
    response = post_comment(client, old, "Too late")
    assert "Comments are closed on this story." in response.content.decode()


def test_archived_articles_have_closed_comments(client, reader):
    article = ArticleFactory(archived=True)
    assert "Comments are closed on this story." in page(client, article)


def test_sections_that_default_to_off_give_new_articles_closed_comments(client, settings):
    courts = SectionFactory(name="Courts", comments_enabled_by_default=False)
    admin = make_moderator(is_superuser=True)
    client.force_login(admin)
    client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Landlord fined",
            "slug": "landlord-fined",
            "section": courts.pk,
            "status": "draft",
            "comments_enabled": "on",
        },
    )
    assert Article.objects.get(slug="landlord-fined").comments_enabled is False


def test_newest_or_oldest_first_is_the_readers_choice(client, article):
    older = CommentFactory(article=article, text="Older comment")
    CommentFactory(
        article=article, text="Newer comment", created_at=older.created_at + timedelta(minutes=1)
    )
    oldest = page(client, article)
    assert oldest.index("Older comment") < oldest.index("Newer comment")
    newest = page(client, article, "?order=newest")
    assert newest.index("Newer comment") < newest.index("Older comment")


def test_comments_are_paginated_fifty_threads_a_page(client, article):
    start, author = timezone.now() - timedelta(hours=1), make_reader()
    for number in range(51):
        CommentFactory(
            article=article,
            author=author,
            text=f"Thread {number:02d}.",
            created_at=start + timedelta(seconds=number),
        )
    first = page(client, article)
    assert "Thread 49." in first and "Thread 50." not in first
    assert "Page 1 of 2" in first and "51 comments" in first
    assert "Thread 50." in page(client, article, "?comments_page=2")


def test_permalink_points_at_the_page_holding_the_comment(client, article):
    start, author = timezone.now() - timedelta(hours=1), make_reader()
    comments = [
        CommentFactory(article=article, author=author, created_at=start + timedelta(seconds=n))
        for n in range(52)
    ]
    response = client.get(comments[51].get_absolute_url())
    assert response.url == f"{article.get_absolute_url()}?comments_page=2#comment-{comments[51].pk}"


def build_threads(article, count):
    authors = [make_reader() for _ in range(5)]
    start = timezone.now() - timedelta(hours=2)
    tops = Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[n % 5],
            text=f"Top {n}",
            created_at=start + timedelta(seconds=n),
        )
        for n in range(count)
    )
    Comment.objects.bulk_create(
        Comment(
            article=article,
            author=authors[(n + 1) % 5],
            parent=tops[n % len(tops)],
            text=f"Reply {n}",
            created_at=start + timedelta(seconds=1000 + n),
        )
        for n in range(count * 2)
    )


def test_article_page_runs_a_fixed_number_of_queries_whatever_the_comments(
    client, django_assert_max_num_queries
):
    small, large = ArticleFactory(), ArticleFactory()
    build_threads(small, 1)  # 3 comments
    build_threads(large, 100)  # 300 comments and replies
    reader = make_trusted_reader()
    client.force_login(reader)
    warm_site_caches()
    with django_assert_max_num_queries(10) as small_run:
        page(client, small)
    warm_site_caches()
    with django_assert_max_num_queries(10) as large_run:
        html = page(client, large)
    assert len(small_run.captured_queries) == len(large_run.captured_queries)
    assert "300 comments" in html
    assert html.count('class="comment comment--visible"') == 50 + 100  # a page and its replies


def test_posting_with_javascript_returns_the_rendered_comment(client, article, reader):
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"text": "Posted without a reload"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == HTTPStatus.CREATED
    data = response.json()
    assert "Posted without a reload" in data["html"] and data["parent"] is None


def test_posting_with_javascript_returns_errors_as_json(client, article, reader):
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"text": ""},
        headers={"accept": "application/json"},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["errors"]["text"][0]["message"] == "Write something before posting."


def test_the_comment_region_has_the_script_as_an_enhancement(client, article):
    assert "js/comments.js" in page(client, article)


def test_a_reply_to_a_missing_comment_is_refused(client, article, reader):
    response = post_comment(client, article, "Orphan reply", parent=999999)
    assert "can no longer be replied to" in response.content.decode()
    assert not Comment.objects.filter(text="Orphan reply").exists()


def test_a_reply_to_a_missing_comment_is_refused_as_a_form_error_in_json(client, article, reader):
    response = client.post(
        reverse("comments:post", args=[article.pk]),
        {"text": "Orphan reply", "parent": 999999},
        headers={"accept": "application/json"},
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    errors = response.json()["errors"]["__all__"]
    assert [error["message"] for error in errors] == ["That comment can no longer be replied to."]


def test_a_reply_to_a_comment_on_another_story_is_refused(client, article, reader):
    elsewhere = CommentFactory(article=ArticleFactory(), text="On another story")
    response = post_comment(client, article, "Wrong thread", parent=elsewhere.pk)
    assert "can no longer be replied to" in response.content.decode()
    assert not Comment.objects.filter(text="Wrong thread").exists()


def test_a_reply_form_with_no_parent_number_posts_a_new_thread(client, article, reader):
    for text, parent in (("Empty parent", ""), ("Zero parent", "0")):
        assert post_comment(client, article, text, parent=parent).status_code == HTTPStatus.FOUND
        assert Comment.objects.get(text=text).parent is None


def test_comment_addresses_match_the_url_configuration():
    from articles.models.comments import comment_url

    for name in ("permalink", "edit", "delete", "report"):
        assert comment_url(name, 4021) == reverse(f"comments:{name}", kwargs={"pk": 4021})


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL's concurrent transactions (set DATABASE_URL)",
)
def test_simultaneous_identical_comments_store_one():
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connections

    from articles.services.comments import comment_post

    article = ArticleFactory()
    reader = make_trusted_reader()
    start = threading.Barrier(4)
    outcomes = []

    def post():
        start.wait()
        try:
            comment_post(article=article, author=reader, text="Me first!")
            outcomes.append("posted")
        except ValidationError:
            outcomes.append("repeat")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["posted", "repeat", "repeat", "repeat"]
    assert Comment.objects.filter(text="Me first!").count() == 1
