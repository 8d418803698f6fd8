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
