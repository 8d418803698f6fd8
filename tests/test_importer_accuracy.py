"""Extraction on pages nobody tuned for: each test is one kind of miss, on a synthetic page."""

from __future__ import annotations

import pytest

from articles.importer import ParsedArticle, parse_article

BASE_URL = "https://www.example.org/2024/05/story"
PROSE = (
    "The council met on Tuesday evening to discuss the new harbour plan, which has divided "
    "residents, traders and the fishing community for most of the year."
)


def prose(count: int = 5, word: str = "harbour") -> str:
    return "".join(f"<p>{word.title()} paragraph {n}. {PROSE}</p>" for n in range(count))


def page(body: str, *, head: str = "", before: str = "", title: str = "Harbour plan") -> str:
    return (
        f"<html lang='en'><head><title>{title}</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a></nav>{before}"
        f"<article><h1>{title}</h1>{body}</article>"
        "<footer>Footer text for the whole site.</footer></body></html>"
    )


def parse(html: str) -> ParsedArticle:
    return parse_article(html, base_url=BASE_URL)


# --- a main text is never refused ---------------------------------------------------------


def test_article_inside_a_widget_named_wrapper_is_not_refused() -> None:
    html = (
        "<html><head><title>Hope</title></head><body><div class='site-content'>"
        "<div class='page-widget-wrap'><h2>Hope</h2>"
        f"{prose(6)}</div></div></body></html>"
    )
    article = parse(html)
    assert "Harbour paragraph 5." in article.body_text


# --- bylines ----------------------------------------------------------------------------------


def jsonld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def posting_by(name: str) -> str:
    return jsonld(
        '{"@type": "BlogPosting", "headline": "Harbour plan",'
        f' "author": {{"@type": "Person", "name": "{name}"}}}}'
    )


def test_byline_keeps_a_parenthesised_nickname() -> None:
    byline = "<p class='byline'>By Robert (Bobby) Lindqvist</p>"
    assert parse(page(byline + prose())).byline == "Robert (Bobby) Lindqvist"


def test_byline_keeps_a_quoted_middle_name() -> None:
    byline = "<p class='byline'>By Mary “Kit” Okafor</p>"
    assert parse(page(byline + prose())).byline == "Mary “Kit” Okafor"


def test_byline_with_contributors_in_parentheses_names_them_all() -> None:
    byline = "<p class='byline'>By Dana Whitfield (with Omar Haddad and Lena Kraus)</p>"
    article = parse(page(byline + prose()))
    assert article.authors == ("Dana Whitfield", "Omar Haddad", "Lena Kraus")


def test_fuller_visible_byline_beats_a_shorter_jsonld_author() -> None:
    byline = "<p class='byline'>By Dana Whitfield and Omar Haddad</p>"
    article = parse(page(byline + prose(), head=posting_by("Dana Whitfield")))
    assert article.authors == ("Dana Whitfield", "Omar Haddad")


def test_one_word_jsonld_author_gives_way_to_the_full_visible_name() -> None:
    byline = "<p class='byline'>By Dana Whitfield</p>"
    assert parse(page(byline + prose(), head=posting_by("Dana"))).byline == "Dana Whitfield"


def test_person_named_like_the_site_keeps_the_byline() -> None:
    head = '<meta property="og:site_name" content="Dana Whitfield">' + posting_by("Dana Whitfield")
    assert parse(page(prose(), head=head)).byline == "Dana Whitfield"


def test_brand_named_like_the_site_is_still_not_a_byline() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Herald">'
        '<meta name="author" content="Harbour Herald">'
    )
    assert parse(page(prose(), head=head)).byline == ""


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("Veröffentlicht am 14.03.21", "2021-03-14"),
        ("Posted 03/14/21 at 9:30", "2021-03-14"),
        ("Publié le 25/11/98", "1998-11-25"),
    ],
)
def test_date_with_a_two_digit_year(stamp: str, expected: str) -> None:
    article = parse(page(f"<p class='post-date'>{stamp}</p>{prose()}"))
    assert article.published == expected


def test_version_numbers_are_not_dates() -> None:
    article = parse(page(f"<p class='post-date'>Release 1.10.12 notes</p>{prose()}"))
    assert article.published is None


def test_fact_check_date_is_the_review_not_the_claim() -> None:
    review = jsonld(
        '{"@type": "ClaimReview", "datePublished": "2022-06-09", "claimReviewed": "Ships vanish",'
        ' "itemReviewed": {"@type": "Claim", "datePublished": "2022-05-01",'
        ' "appearance": {"@type": "CreativeWork", "datePublished": "2022-05-01"}}}'
    )
    claim = (
        "<div class='claim-box'><p>Claim: ships vanish in the harbour.</p>"
        "<p>Claimed on <time datetime='2022-05-01'>1 May 2022</time></p></div>"
    )
    assert parse(page(claim + prose(), head=review)).published == "2022-06-09"


def test_visible_claim_date_is_not_the_publication_date() -> None:
    claim = (
        "<div class='claim'><p>Claimed <time datetime='2022-05-01'>1 May 2022</time></p></div>"
        "<p class='article-date'>Published <time datetime='2022-06-09'>9 June 2022</time></p>"
    )
    assert parse(page(claim + prose())).published == "2022-06-09"
