"""Date archives: /<yyyy>/, /<yyyy>/<mm>/, /<yyyy>/<mm>/<dd>/ in the site's time zone."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import AppealBannerFactory, ArticleFactory, AuthorFactory
from tests.queries import warm_site_caches

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


def at(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=UTC)


def year_url(year):
    return reverse("articles:archive-year", kwargs={"year": f"{year:04d}"})


def month_url(year, month):
    return reverse("articles:archive-month", kwargs={"year": f"{year}", "month": f"{month:02d}"})


def day_url(year, month, day):
    return reverse(
        "articles:archive-day",
        kwargs={"year": f"{year}", "month": f"{month:02d}", "day": f"{day:02d}"},
    )


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def test_a_story_published_just_after_local_midnight_files_under_the_local_day(client, settings):
    settings.TIME_ZONE = "Europe/Dublin"
    # 23:30 UTC on 30 June is 00:30 on 1 July in Dublin (summer time).
    ArticleFactory(headline="Midsummer story", published_at=at(2024, 6, 30, 23, 30))
    assert "Midsummer story" in page(client, day_url(2024, 7, 1))
    assert "Midsummer story" in page(client, month_url(2024, 7))
    assert client.get(day_url(2024, 6, 30)).status_code == HTTPStatus.NOT_FOUND
    assert client.get(month_url(2024, 6)).status_code == HTTPStatus.NOT_FOUND


def test_new_year_boundary_follows_the_site_time_zone(client, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    # 23:30 UTC on 31 December is 00:30 on 1 January in Berlin.
    ArticleFactory(headline="New year story", published_at=at(2023, 12, 31, 23, 30))
    ArticleFactory(headline="Last of the old year", published_at=at(2023, 12, 31, 22, 30))
    assert "New year story" in page(client, day_url(2024, 1, 1))
    assert "Last of the old year" in page(client, day_url(2023, 12, 31))
    assert "Last of the old year" not in page(client, month_url(2024, 1))
    assert page(client, year_url(2024)).count(month_url(2024, 1)) == 1
    assert month_url(2023, 12) in page(client, year_url(2023))


def test_in_winter_dublin_midnight_is_utc_midnight(client, settings):
    settings.TIME_ZONE = "Europe/Dublin"
    ArticleFactory(headline="Late story", published_at=at(2024, 1, 15, 23, 59))
    ArticleFactory(headline="Early story", published_at=at(2024, 1, 16, 0, 1))
    late_day = page(client, day_url(2024, 1, 15))
    assert "Late story" in late_day
    assert "Early story" not in late_day


def test_year_page_lists_the_months_that_have_stories(client):
    ArticleFactory(published_at=at(2022, 3, 10, 12))
    ArticleFactory(published_at=at(2022, 11, 2, 12))
    html = page(client, year_url(2022))
    assert month_url(2022, 3) in html
    assert month_url(2022, 11) in html
    assert month_url(2022, 4) not in html


def test_periods_link_to_the_neighbouring_periods_that_have_stories(client):
    ArticleFactory(published_at=at(2019, 5, 4, 12))
    ArticleFactory(published_at=at(2021, 8, 20, 12))
    ArticleFactory(published_at=at(2021, 8, 22, 12))
    ArticleFactory(published_at=at(2023, 1, 9, 12))
    year = page(client, year_url(2021))
    assert f'rel="prev" href="{year_url(2019)}"' in year
    assert f'rel="next" href="{year_url(2023)}"' in year
    month = page(client, month_url(2021, 8))
    assert f'rel="prev" href="{month_url(2019, 5)}"' in month
    assert f'rel="next" href="{month_url(2023, 1)}"' in month
    day = page(client, day_url(2021, 8, 20))
    assert f'rel="prev" href="{day_url(2019, 5, 4)}"' in day
    assert f'rel="next" href="{day_url(2021, 8, 22)}"' in day


def test_the_first_period_has_no_previous_link_and_the_last_no_next(client):
    ArticleFactory(published_at=at(2020, 2, 2, 12))
    html = page(client, day_url(2020, 2, 2))
    assert 'rel="prev"' not in html
    assert 'rel="next"' not in html


def test_archives_hide_drafts_scheduled_stories_and_show_archived_ones(client):
    ArticleFactory(headline="Archived story", archived=True, published_at=at(2020, 2, 2, 12))
    ArticleFactory(headline="Live story", published_at=at(2020, 2, 2, 13))
    draft = ArticleFactory(headline="Draft story", draft=True)
    draft.published_at = at(2020, 2, 2, 14)
    draft.save()
    html = page(client, day_url(2020, 2, 2))
    assert "Archived story" in html
    assert "Live story" in html
    assert "Draft story" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/1999/",
        "/1999/01/",
        "/1999/01/01/",
        "/2020/13/",
        "/2020/02/30/",
        "/2020/00/",
    ],
)
def test_empty_or_impossible_periods_are_404s(client, url):
    ArticleFactory(published_at=at(2020, 2, 2, 12))
    response = client.get(url)
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "couldn't find that page" in response.content.decode()


def test_archive_front_ignores_scheduled_stories(client):
    ArticleFactory(scheduled=True)
    response = client.get(reverse("articles:archive"))
    assert response.status_code == HTTPStatus.OK
    assert "No stories have been published yet." in response.content.decode()


def test_month_and_day_archives_are_paginated(client):
    for hour in range(21):
        ArticleFactory(published_at=at(2020, 2, 2, hour))
    first = page(client, day_url(2020, 2, 2))
    assert "Page 1 of 2" in first
    assert "21 stories" in first
    assert page(client, f"{month_url(2020, 2)}?page=2").count('class="teaser"') == 1
    assert client.get(f"{day_url(2020, 2, 2)}?page=3").status_code == HTTPStatus.NOT_FOUND


def test_archive_front_lists_the_years_and_latest_stories(client):
    ArticleFactory(headline="From 2015", published_at=at(2015, 6, 1, 12))
    ArticleFactory(headline="From 2021", published_at=at(2021, 6, 1, 12))
    html = page(client, reverse("articles:archive"))
    assert year_url(2015) in html
    assert year_url(2021) in html
    assert html.index("From 2021") < html.index("From 2015")


def test_empty_archive_front_is_a_normal_page(client):
    response = client.get(reverse("articles:archive"))
    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("view", ["archive", "year", "month", "day"])
def test_archive_query_count_is_the_same_for_small_and_large_periods(
    client, django_assert_max_num_queries, view
):
    AppealBannerFactory()
    url = {
        "archive": reverse("articles:archive"),
        "year": year_url(2020),
        "month": month_url(2020, 2),
        "day": day_url(2020, 2, 2),
    }[view]
    ArticleFactory(published_at=at(2020, 2, 2, 1))
    warm_site_caches()
    with django_assert_max_num_queries(6) as small:
        assert client.get(url).status_code == HTTPStatus.OK
    for hour in range(2, 24):
        ArticleFactory(
            published_at=at(2020, 2, 2, hour), authors=[AuthorFactory(), AuthorFactory()]
        )
    ArticleFactory(published_at=at(2019, 2, 2, 1))
    ArticleFactory(published_at=at(2021, 2, 2, 1))
    warm_site_caches()
    with django_assert_max_num_queries(6) as large:
        assert client.get(url).status_code == HTTPStatus.OK
    assert len(small.captured_queries) == len(large.captured_queries)
