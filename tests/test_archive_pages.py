"""Home, section, tag and author pages: links, pagination, 404s and query budgets."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import (
    AppealBannerFactory,
    ArticleFactory,
    AuthorFactory,
    ImageFactory,
    SectionFactory,
    TagFactory,
)
from tests.queries import warm_site_caches

pytestmark = pytest.mark.django_db


def html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_home_shows_latest_stories_with_hero_images_and_a_block_per_section(client):
    news, sport = SectionFactory(name="News"), SectionFactory(name="Sport")
    hero = ImageFactory()
    ArticleFactory(headline="Harbour reopens", section=news, hero_image=hero)
    ArticleFactory(headline="Cup final tonight", section=sport)
    ArticleFactory.create_batch(7)  # newer: "Latest", so the two above show in their blocks
    page = html(client, reverse("articles:home"))
    assert hero.file.url in page
    assert f'id="section-{news.slug}"' in page
    assert f'id="section-{sport.slug}"' in page
    assert f'href="{news.get_absolute_url()}">More from News' in page
    assert f'href="{reverse("articles:archive")}"' in page


@pytest.mark.parametrize(
    "url_name", ["articles:home", "articles:archive", "articles:search", "comments-policy"]
)
def test_every_page_has_search_section_navigation_appeal_and_policy_links(client, url_name):
    section = SectionFactory(name="Business")
    AppealBannerFactory(button_label="Chip in", link="https://example.com/give")
    page = html(client, reverse(url_name))
    header, footer = page.split("</header>")[0], page.split('<footer class="site-footer">')[1]
    assert 'role="search"' in header
    assert f'action="{reverse("articles:search")}"' in header
    assert f'<a href="{section.get_absolute_url()}"' in header
    assert 'href="https://example.com/give"' in header
    assert f'href="{reverse("comments-policy")}"' in footer


def test_section_page_lists_its_stories_newest_first(client):
    section = SectionFactory()
    now = timezone.now()
    ArticleFactory(section=section, headline="Older story", published_at=now - timedelta(days=2))
    ArticleFactory(section=section, headline="Newer story", published_at=now - timedelta(hours=1))
    ArticleFactory(headline="Elsewhere")
    page = html(client, section.get_absolute_url())
    assert page.index("Newer story") < page.index("Older story")
    assert "Elsewhere" not in page


@pytest.mark.parametrize("url_name", ["articles:section", "articles:tag", "articles:author"])
def test_unknown_section_tag_or_author_is_a_404(client, url_name):
    response = client.get(reverse(url_name, kwargs={"slug": "no-such-thing"}))
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_tag_and_author_pages_list_live_stories_including_the_archive(client):
    tag, author = TagFactory(name="Floods"), AuthorFactory(name="Aoife Brennan")
    ArticleFactory(headline="Current flood story", tags=[tag], authors=[author])
    ArticleFactory(headline="Old flood story", tags=[tag], authors=[author], archived=True)
    ArticleFactory(headline="Unpublished flood story", tags=[tag], authors=[author], draft=True)
    for url in (tag.get_absolute_url(), author.get_absolute_url()):
        page = html(client, url)
        assert "Current flood story" in page
        assert "Old flood story" in page
        assert "Unpublished flood story" not in page


@pytest.mark.parametrize("kind", ["section", "tag", "author", "archive"])
def test_long_lists_are_paged_without_counting_them_and_a_page_past_the_end_is_a_404(
    client, django_assert_max_num_queries, kind
):
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    url = {
        "section": section.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "archive": reverse("articles:archive"),
    }[kind]
    for _ in range(20):
        ArticleFactory(section=section, tags=[tag], authors=[author])
    exactly_one_page = html(client, url)
    assert exactly_one_page.count('class="teaser"') == 20
    assert 'rel="next"' not in exactly_one_page and "Page 1" not in exactly_one_page

    ArticleFactory(section=section, tags=[tag], authors=[author])
    warm_site_caches()
    with django_assert_max_num_queries(8) as counted:
        first = html(client, url)
    assert not any("COUNT(" in query["sql"] for query in counted.captured_queries)
    assert "Page 1</span>" in first and " of " not in first.split('class="pagination"')[1]
    assert 'rel="next" href="?page=2"' in first and 'rel="prev"' not in first
    second = html(client, f"{url}?page=2")
    assert second.count('class="teaser"') == 1
    assert "Page 2</span>" in second and 'rel="prev"' in second and 'rel="next"' not in second
    huge = ("99999999999", "461168601842738791", "9223372036854775807", str(10**400))
    for past_the_end in ("3", *huge, "0", "-1", "nonsense", "1.5", "1e3"):
        assert client.get(url, {"page": past_the_end}).status_code == 404, past_the_end


def test_month_archives_still_say_how_many_stories_and_pages_they_hold(client):
    when = timezone.now() - timedelta(days=40)
    for _ in range(21):
        ArticleFactory(published_at=when)
    local = timezone.localtime(when)
    month = html(client, reverse("articles:archive-month", args=[local.year, f"{local.month:02d}"]))
    assert "21 stories." in month and "Page 1 of 2" in month


def test_home_query_count_is_the_same_for_small_and_large_fronts(
    client, django_assert_max_num_queries
):
    AppealBannerFactory()
    ArticleFactory.create_batch(8)  # one more than "Latest" holds: one section block
    warm_site_caches()
    with django_assert_max_num_queries(8) as small:
        client.get(reverse("articles:home"))
    for _ in range(6):
        section = SectionFactory()
        for _ in range(5):
            ArticleFactory(section=section, authors=[AuthorFactory(), AuthorFactory()])
    warm_site_caches()
    with django_assert_max_num_queries(8) as large:
        client.get(reverse("articles:home"))
    assert len(small.captured_queries) == len(large.captured_queries)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_list_page_query_count_is_the_same_for_small_and_large_lists(
    client, django_assert_max_num_queries, kind
):
    AppealBannerFactory()
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    heading = {"section": section, "tag": tag, "author": author}[kind]

    def add(count):
        for _ in range(count):
            ArticleFactory(section=section, tags=[tag], authors=[author, AuthorFactory()])

    add(1)
    warm_site_caches()
    with django_assert_max_num_queries(5) as small:  # no count of the list
        client.get(heading.get_absolute_url())
    add(25)
    SectionFactory.create_batch(5)
    warm_site_caches()
    with django_assert_max_num_queries(5) as large:
        client.get(heading.get_absolute_url())
    assert len(small.captured_queries) == len(large.captured_queries)


def test_home_repeats_no_story_from_latest_in_the_section_blocks(client):
    news = SectionFactory(name="News")
    stories = ArticleFactory.create_batch(10, section=news)
    page = html(client, reverse("articles:home"))
    for story in stories:
        assert page.count(f'teaser__headline"><a href="{story.get_absolute_url()}"') == 1
