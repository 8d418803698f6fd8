"""Extraction on pages nobody tuned for: each test is one kind of miss, on a synthetic page."""

from __future__ import annotations

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
