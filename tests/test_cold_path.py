"""The cold path: pages drawn with nothing cached do no work twice (see bench/profile_pages.py)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import urlize

from articles.context_processors import (
    APPEAL_CACHE_KEY,
    NAV_SECTIONS_CACHE_KEY,
    NEXT_SCHEDULED_CACHE_KEY,
)
from articles.models import Article, CommentStatus, Section
from articles.templating import comments as comment_rendering
from articles.templating.comments import comment_text
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CommentFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

NOTHING_CACHED = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def urlized(text: str) -> str:
    """What comment_text drew before its shortcut: every comment through urlize."""
    html = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    return html.replace('rel="nofollow"', 'rel="nofollow ugc"').replace("\n", "<br>")


@pytest.mark.parametrize(
    "text",
    [
        "Plain words, a sentence. Another one: with a colon!",
        '<script>alert("x")</script> & "quotes" \'single\' <b>bold</b>',
        "Line one\nline two\n\nline four",
        "see https://example.org/a?b=1&c=2.",
        "HTTP://EXAMPLE.ORG/SHOUT and Www.Example.Com",
        "(www.example.net), example.com/path and sub.example.EDU.",
        "write to someone@example.co.uk or x@y",
        "a.b.int and c.mil and d.gov!",
        "&lt;already escaped&gt; &amp; example.org&quot;",
        "unicode \u00fcn\u00efc\u00f6d\u00e9 w\u00f6rds. a.\u0131nt b.\u0130NT \u017f \u212a",
        "javascript:alert(1) data:text/html,<b>x</b>",
        "http",
        "",
    ],
)
def test_comment_text_is_what_urlize_draws(text):
    assert comment_text(text) == urlized(text)


@pytest.mark.django_db
def test_comments_without_links_skip_urlize_and_links_are_still_drawn(
    client, settings, monkeypatch
):
    settings.CACHES = NOTHING_CACHED
    calls = []

    def counting_urlize(text, **options):
        calls.append(text)
        return urlize(text, **options)

    monkeypatch.setattr(comment_rendering, "urlize", counting_urlize)
    article = ArticleFactory()
    for n in range(5):
        CommentFactory(
            article=article, text=f"Comment {n} <b>with</b> words.", status=CommentStatus.VISIBLE
        )
    CommentFactory(article=article, text="Read www.example.org first", status=CommentStatus.VISIBLE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Comment 3 &lt;b&gt;with&lt;/b&gt; words." in html
    assert '<a href="http://www.example.org" rel="nofollow ugc">www.example.org</a>' in html
    assert calls == ["Read www.example.org first"]


@pytest.fixture
def stories():
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    return [
        ArticleFactory(section=section, tags=[tag], authors=[author, AuthorFactory()])
        for _ in range(4)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag", "author"])
def test_listing_pages_build_each_story_address_once(client, settings, monkeypatch, stories, page):
    settings.CACHES = NOTHING_CACHED
    story = stories[0]
    path = {
        "home": reverse("articles:home"),
        "section": story.section.get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "author": story.authors.first().get_absolute_url(),
    }[page]
    built = []
    original = Article.get_absolute_url

    def counting(article):
        built.append(article.pk)
        return original(article)

    monkeypatch.setattr(Article, "get_absolute_url", counting)
    html = client.get(path).content.decode()
    for story in stories:
        assert html.count(f'href="{original(story)}"') == 2  # picture and headline
        assert built.count(story.pk) == 1


def listing_path(page: str, story) -> str:
    return {
        "home": reverse("articles:home"),
        "section": story.section.get_absolute_url(),
        "tag": story.tags.get().get_absolute_url(),
        "author": story.authors.first().get_absolute_url(),
    }[page]


@pytest.fixture
def cache_round_trips(monkeypatch):
    """The calls a request makes to the cache, as (method, key or keys): on Redis each is one
    round trip (``get_many`` is one MGET, though the local memory cache loops over ``get``)."""
    from django.core.cache import caches

    backend = caches["default"]
    calls = []
    depth = [0]
    for name in ("get", "get_many", "set", "set_many", "add", "delete", "delete_many"):
        original = getattr(backend, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:
                calls.append((_name, args[0] if args else kwargs.get("key")))
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, counted)
    return calls


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag", "author"])
def test_listing_pages_read_the_site_parts_in_one_round_trip(
    client, stories, cache_round_trips, page
):
    path = listing_path(page, stories[0])
    client.get(path)  # the appeal, navigation and tag versions are now in the cache
    cache_round_trips.clear()
    assert client.get(path).status_code == 200
    site_parts = [APPEAL_CACHE_KEY, NAV_SECTIONS_CACHE_KEY, NEXT_SCHEDULED_CACHE_KEY]
    reads = [
        (method, keys)
        for method, keys in cache_round_trips
        if set(site_parts) & set(keys if isinstance(keys, list) else [keys])
    ]
    # The appeal, the navigation and when the page expires (the next scheduled story): one read.
    assert reads == [("get_many", site_parts)]
    # The rest: the page's tag versions.
    assert len(cache_round_trips) <= 2


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["home", "section", "tag", "author"])
def test_with_nothing_cached_a_listing_page_reads_the_sections_once(
    client, settings, stories, page
):
    settings.CACHES = NOTHING_CACHED
    path = listing_path(page, stories[0])
    with CaptureQueriesContext(connection) as queries:
        html = client.get(path).content.decode()
    section_reads = [q for q in queries.captured_queries if 'FROM "articles_section"' in q["sql"]]
    assert len(section_reads) == 1  # the navigation; the section page's heading comes from it
    assert f'href="{stories[0].section.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_a_section_missing_from_a_stale_navigation_is_still_found(client, stories):
    section = stories[0].section
    client.get(reverse("articles:home"))  # the navigation is cached
    Section.objects.filter(pk=section.pk).update(slug="renamed")  # no signal: cache is stale
    response = client.get(reverse("articles:section", args=["renamed"]))
    assert response.status_code == 200
    assert stories[0].headline in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("table", "leading"),
    [("articles_article_tags", "tag_id"), ("articles_article_authors", "author_id")],
)
def test_tag_and_author_pages_find_their_links_through_an_index_led_by_them(table, leading):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    assert any(
        found["index"] and found["columns"] == [leading, "article_id"]
        for found in constraints.values()
    )


RENDITIONS = {"480": {"jpeg": "images/r-480.jpg", "webp": "images/r-480.webp"}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page", ["home", "section", "tag", "author", "date archive", "search", "RSS feed"]
)
def test_list_pages_read_nothing_more_per_story_than_their_listing_query(client, settings, page):
    settings.CACHES = NOTHING_CACHED
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory(name="Ann Byline")

    def publish(count: int) -> None:
        for _ in range(count):
            ArticleFactory(
                headline="Lighthouse keepers return",
                section=section,
                tags=[tag],
                authors=[author, AuthorFactory()],
                hero_image=ImageFactory(renditions=RENDITIONS),
            )

    today = timezone.localdate()
    path = {
        "home": reverse("articles:home"),
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "date archive": reverse("articles:archive-month", args=[today.year, f"{today.month:02d}"]),
        "search": reverse("articles:search") + "?q=lighthouse",
        "RSS feed": reverse("articles:feed-rss"),
    }[page]

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    publish(1)
    queries()  # what a process looks up once (the sites framework's current site)
    with_one, _ = queries()
    publish(5)
    with_six, html = queries()
    assert with_six == with_one
    assert html.count("Lighthouse keepers return") >= 6
    assert "Ann Byline" in html
    if page not in ("search", "RSS feed"):  # the pages with pictures
        assert html.count("r-480.webp 480w") >= 6
        assert f'href="{Article.objects.first().get_absolute_url()}"' in html


@pytest.mark.django_db
def test_comment_threads_read_nothing_more_per_comment_than_their_two_queries(client, settings):
    settings.CACHES = NOTHING_CACHED
    article = ArticleFactory()
    staff = UserFactory(is_staff=True, display_name="Desk Editor")

    def thread() -> None:
        first = CommentFactory(article=article, author=staff, edited_at=timezone.now())
        CommentFactory(article=article, parent=first, text="A reply with www.example.org")

    def queries() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        return len(captured.captured_queries), response.content.decode()

    thread()
    queries()
    with_one, _ = queries()
    for _ in range(4):
        thread()
    with_five, html = queries()
    assert with_five == with_one
    assert html.count("Desk Editor") >= 5
    assert html.count(">Newsroom</span>") == 5
    assert html.count("(edited)") == 5
    assert html.count('rel="nofollow ugc">www.example.org</a>') == 5


@pytest.mark.django_db
def test_a_story_reads_only_the_library_pictures_its_body_places(client, settings):
    settings.CACHES = NOTHING_CACHED
    plain = ArticleFactory(body="<p>No pictures here.</p>")
    image = ImageFactory(caption="Harbour at dawn")
    pictured = ArticleFactory(body=f'<p>Look.</p><figure data-image-id="{image.pk}"></figure>')
    pictured.sync_inline_images()

    def picture_reads(article):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(article.get_absolute_url())
        reads = [q for q in captured.captured_queries if "inline_images" in q["sql"]]
        return len(reads), response

    assert picture_reads(plain)[0] == 0
    reads, response = picture_reads(pictured)
    assert reads == 1
    assert "Harbour at dawn" in response.content.decode()
    assert f"image-{image.pk}" in response["xkey"].split()


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["tag", "author"])
def test_topic_and_author_pages_list_their_live_stories_newest_first_page_by_page(client, page):
    tag, author = TagFactory(), AuthorFactory()
    now = timezone.now()
    stories = [
        ArticleFactory(tags=[tag], authors=[author], published_at=now - timedelta(hours=n))
        for n in range(1, 24)
    ]
    ArticleFactory(tags=[tag], authors=[author], draft=True)
    ArticleFactory(tags=[TagFactory()])  # another topic, another author
    path = tag.get_absolute_url() if page == "tag" else author.get_absolute_url()
    first = client.get(path).context["articles"]
    second = client.get(f"{path}?page=2").context["articles"]
    assert [story.pk for story in [*first, *second]] == [story.pk for story in stories]


# What comment.html drew for a comment's time before the time zone, the month names and the
# address were looked up once per page (CommentTimes): the output must stay the same.
TEMPLATE_COMMENT_TIME = (
    '<a class="comment__time" href="{{ comment.get_absolute_url }}">'
    "<time datetime=\"{{ comment.created_at|date:'c' }}\">"
    '{{ comment.created_at|date:"j M Y H:i" }}</time></a>'
)


@pytest.mark.parametrize("language", ["en-gb", "de", "fr", "ga", "ja"])
@pytest.mark.parametrize("zone", ["Europe/Dublin", "UTC", "America/St_Johns", "Asia/Kolkata"])
def test_a_comments_time_is_what_the_date_filter_draws(language, zone):
    from datetime import UTC, datetime

    from django.template import Context, Template
    from django.utils import translation

    from articles.models import Comment

    moments = [
        datetime(2026, month, day, hour, minute, second, micro, tzinfo=UTC)
        for month, day, hour, minute, second, micro in [
            (1, 1, 0, 0, 0, 0),
            (3, 29, 0, 59, 59, 999999),  # Dublin's clocks go forward at 01:00 UTC
            (3, 29, 1, 0, 0, 0),
            (5, 9, 13, 5, 7, 120),
            (10, 25, 0, 30, 0, 0),  # and back
            (10, 25, 1, 30, 0, 0),
            (12, 31, 23, 59, 59, 1),
        ]
    ] + [datetime(1999, 2, 3, 4, 5, tzinfo=UTC)]
    old = Template(TEMPLATE_COMMENT_TIME)
    with translation.override(language), timezone.override(zone):
        times = comment_rendering.CommentTimes()
        for pk, moment in enumerate(moments, start=1):
            comment = Comment(pk=pk * 1009, created_at=moment)
            assert times.html(comment) == old.render(Context({"comment": comment}))


@pytest.mark.django_db
def test_a_page_of_comments_looks_up_the_time_zone_and_addresses_once(
    client, settings, monkeypatch
):
    from django import urls

    settings.CACHES = NOTHING_CACHED  # every request draws the comments

    from articles import addresses

    lookups = {"time zone": 0, "script prefix": 0}

    def counting(name, original):
        def counted(*args, **kwargs):
            lookups[name] += 1
            return original(*args, **kwargs)

        return counted

    monkeypatch.setattr(
        timezone, "get_current_timezone", counting("time zone", timezone.get_current_timezone)
    )
    monkeypatch.setattr(
        addresses, "get_script_prefix", counting("script prefix", urls.get_script_prefix)
    )

    story = ArticleFactory()

    def lookups_with(threads: int) -> dict[str, int]:
        while story.comments.filter(parent=None).count() < threads:
            thread = CommentFactory(article=story)
            CommentFactory(article=story, parent=thread)
        lookups.update(dict.fromkeys(lookups, 0))
        html = client.get(story.get_absolute_url()).content.decode()
        assert html.count('class="comment__time"') == 2 * threads
        assert html.count('class="reply-link"') == threads
        return dict(lookups)

    lookups_with(1)  # the first page of the process reads a few things once
    # Twelve comments look up no more than two: nothing is looked up again per comment.
    assert lookups_with(1) == lookups_with(6)
