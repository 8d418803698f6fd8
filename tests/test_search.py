"""The search page, on whichever database runs the suite (PostgreSQL or the SQLite fallback)."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from articles.models import Article
from articles.search import CappedPaginator, Clause, SimpleSearch, parse_query
from tests.factories import AppealBannerFactory, ArticleFactory, AuthorFactory, SectionFactory
from tests.queries import warm_site_caches

pytestmark = pytest.mark.django_db


def search(client, **params):
    response = client.get(reverse("articles:search"), params)
    assert response.status_code == HTTPStatus.OK
    return response


def headlines(response) -> list[str]:
    return [article.headline for article in response.context["articles"]]


def test_search_finds_words_in_headline_standfirst_body_and_byline(client):
    ArticleFactory(headline="Lighthouse keepers return")
    ArticleFactory(headline="Second story", standfirst="The lighthouse reopens on Monday.")
    ArticleFactory(headline="Third story", body="<p>A new lighthouse lamp was fitted.</p>")
    ArticleFactory(headline="Fourth story", authors=[AuthorFactory(name="Saoirse Lighthouse")])
    ArticleFactory(headline="Unrelated story")
    found = headlines(search(client, q="lighthouse"))
    assert sorted(found) == [
        "Fourth story",
        "Lighthouse keepers return",
        "Second story",
        "Third story",
    ]


def test_headline_matches_rank_above_body_matches(client):
    ArticleFactory(headline="Body story", body="<p>The ferry timetable changes.</p>")
    ArticleFactory(headline="Ferry timetable changes")
    ArticleFactory(headline="Standfirst story", standfirst="Ferry timetable changes.")
    assert headlines(search(client, q="ferry timetable")) == [
        "Ferry timetable changes",
        "Standfirst story",
        "Body story",
    ]


def test_search_never_shows_drafts_or_scheduled_stories(client):
    ArticleFactory(headline="Published turbine story")
    ArticleFactory(headline="Archived turbine story", archived=True)
    ArticleFactory(headline="Draft turbine story", draft=True)
    ArticleFactory(headline="Scheduled turbine story", scheduled=True)
    assert sorted(headlines(search(client, q="turbine"))) == [
        "Archived turbine story",
        "Published turbine story",
    ]


def test_section_and_date_filters_narrow_the_results(client):
    news, sport = SectionFactory(slug="news"), SectionFactory(slug="sport")
    when = datetime.datetime(2022, 5, 10, 12, tzinfo=datetime.UTC)
    ArticleFactory(headline="Regatta news", section=news, published_at=when)
    ArticleFactory(headline="Regatta sport", section=sport, published_at=when)
    ArticleFactory(
        headline="Regatta sport later",
        section=sport,
        published_at=when + datetime.timedelta(days=40),
    )
    assert headlines(search(client, q="regatta", section="sport", published_to="2022-05-31")) == [
        "Regatta sport"
    ]
    assert headlines(search(client, q="regatta", published_from="2022-06-01")) == [
        "Regatta sport later"
    ]


def test_results_are_paginated_and_keep_the_query_in_page_links(client):
    for number in range(21):
        ArticleFactory(headline=f"Glasshouse story {number}")
    first = search(client, q="glasshouse", section="")
    assert len(first.context["articles"]) == 20
    assert "q=glasshouse&amp;section=&amp;page=2" in first.content.decode()
    second = search(client, q="glasshouse", page=2)
    assert len(second.context["articles"]) == 1


def test_snippets_highlight_the_match_and_escape_the_text(client):
    ArticleFactory(
        headline="Quarry story",
        standfirst="",
        body="<p>Residents said the quarry &lt;script&gt; expansion was too close.</p>",
    )
    html = search(client, q="quarry").content.decode()
    assert "<mark>quarry</mark>" in html.lower()
    assert "<script>" not in html.split('class="search-result__snippet"')[1].split("</p>")[0]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type a word or phrase to search"),
        ("   ", "Type a word or phrase to search"),
        ("!!! ??? ...", "punctuation alone matches nothing"),
        ("'\"-()*&^%$#@", "punctuation alone matches nothing"),
        ("x" * 2000, "That search is too long"),
        ("harbour " * 250, "That search is too long"),
    ],
)
def test_empty_punctuation_and_overlong_queries_get_a_helpful_message(client, query, message):
    ArticleFactory(headline="Harbour story")
    response = search(client, q=query)
    assert message in response.content.decode()
    assert list(response.context["articles"]) == []


@pytest.mark.parametrize(
    "query",
    [
        '"unbalanced quote',
        'harbour"',
        '""',
        "-",
        "or",
        "harbour or",
        "-harbour",
        "harbour & | ! :*",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "the",
        "ñandú café",
    ],
)
def test_hostile_queries_give_a_normal_page(client, query):
    ArticleFactory(headline="Harbour story")
    response = search(client, q=query)
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "Search the archive" in html


def test_control_characters_in_a_query_are_dropped_and_tabs_read_as_spaces(client):
    ArticleFactory(headline="Harbour wall repaired")
    response = search(client, q="harb\x1four\twall\x9f")  # as the stored text is cleaned
    assert headlines(response) == ["Harbour wall repaired"]
    assert response.context["query"] == "harbour wall"


def test_a_query_that_matches_nothing_says_so(client):
    ArticleFactory(headline="Harbour story")
    html = search(client, q="zeppelin").content.decode()
    assert "No results for" in html
    assert "try fewer or more general words" in html


def test_invalid_filters_are_reported_not_raised(client):
    response = search(client, q="harbour", section="no-such-section", published_from="31/31/2020")
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "Enter a valid date" in html


def test_reversed_date_range_is_reported(client):
    html = search(
        client, q="harbour", published_from="2024-05-01", published_to="2024-01-01"
    ).content.decode()
    assert "before its start" in html


def test_search_query_count_is_the_same_for_few_and_many_results(
    client, django_assert_max_num_queries
):
    AppealBannerFactory()
    ArticleFactory(headline="Marathon story")
    warm_site_caches()
    with django_assert_max_num_queries(6) as small:
        search(client, q="marathon")
    for _ in range(25):
        ArticleFactory(headline="Marathon again", authors=[AuthorFactory(), AuthorFactory()])
    warm_site_caches()
    with django_assert_max_num_queries(6) as large:
        search(client, q="marathon")
    assert len(small.captured_queries) == len(large.captured_queries)


# The fallback runs on any database; on SQLite it is what the search page uses.


@pytest.mark.parametrize(
    ("query", "clauses"),
    [
        ("harbour board", [Clause(("harbour", "board"))]),
        ('"harbour board" -ferry', [Clause(("harbour board",), ("ferry",))]),
        ("ferry or bus", [Clause(("ferry",)), Clause(("bus",))]),
        ('"unbalanced phrase', [Clause(("unbalanced phrase",))]),
        ("!!! -- ''", []),
        ("or or", []),
    ],
)
def test_fallback_understands_web_search_syntax(query, clauses):
    assert parse_query(query) == clauses


def fallback(query) -> list[str]:
    found = SimpleSearch().search(Article.objects.live(), query)
    return sorted(article.headline for article in found)


def test_fallback_supports_phrases_exclusions_and_or():
    ArticleFactory(headline="Harbour board meets")
    ArticleFactory(headline="Board of the harbour")
    ArticleFactory(headline="Ferry to the harbour")
    ArticleFactory(headline="Bus strike")
    assert fallback('"harbour board"') == ["Harbour board meets"]
    assert fallback("harbour -ferry") == ["Board of the harbour", "Harbour board meets"]
    assert fallback("ferry or bus") == ["Bus strike", "Ferry to the harbour"]


def test_fallback_matches_bylines_without_duplicates():
    ArticleFactory(
        headline="Two Byrnes",
        authors=[AuthorFactory(name="Ann Byrne"), AuthorFactory(name="Tom Byrne")],
    )
    assert fallback("byrne") == ["Two Byrnes"]


def test_fallback_snippet_marks_the_terms():
    article = ArticleFactory(standfirst="", body="<p>One.</p><p>The weir was rebuilt.</p>")
    snippet = SimpleSearch().snippet(article, "weir")
    assert "One. The <mark>weir</mark> was rebuilt." in snippet


def test_very_common_words_count_up_to_a_cap_and_say_so(client, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "cap", 3)
    for number in range(5):
        ArticleFactory(headline=f"Weather story {number}")
    response = search(client, q="weather")
    html = response.content.decode()
    assert "More than 3 results" in html
    assert "Add words, use quotes for a phrase" in html
    assert response.context["paginator"].num_pages == 1


@pytest.mark.parametrize(
    "query",
    [
        " ".join(f"-w{number}" for number in range(40)),
        "harbour " + " ".join(f"-w{number}" for number in range(40)),
        " or ".join(f"w{number}" for number in range(60))[:200],
        "!!! & | <-> :* ( ) ' \" \\ harbour",
        "-" * 199,
        '"' * 50 + "harbour",
    ],
)
def test_searches_made_of_operators_or_many_terms_answer_normally(client, query):
    ArticleFactory(headline="Harbour wall", body="<p>The harbour wall.</p>")
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == HTTPStatus.OK


def test_search_uses_at_most_a_bounded_number_of_terms():
    from articles.search import MAX_TERMS, bounded_clauses

    clauses = bounded_clauses("harbour " + " ".join(f"-w{number}" for number in range(40)))
    assert sum(len(c.include) + len(c.exclude) for c in clauses) == MAX_TERMS


@pytest.mark.parametrize("page", ["abc", "99999999999999999999", "-1", "0"])
def test_a_page_number_that_is_not_a_page_is_not_found(client, page):
    ArticleFactory(headline="Harbour wall")
    response = client.get(reverse("articles:search"), {"q": "harbour", "page": page})
    assert response.status_code == HTTPStatus.NOT_FOUND
