"""Tests for the HTML article importer (pure parsing: no database, no Django settings)."""

from __future__ import annotations

import codecs

import pytest

from articles.importer import (
    ParsedArticle,
    ParsedImage,
    UnparseableDocument,
    decode_html,
    parse_article,
)
from articles.importer.bylines import clean_names
from articles.importer.images import largest_srcset_candidate, split_caption
from articles.importer.metadata import strip_site_name
from bench.corpora import CORPUS, WIDE_CORPUS

PARAGRAPHS = "".join(
    f"<p>Paragraph {n} of the story, with enough words to read like real prose, and a comma.</p>"
    for n in range(1, 7)
)


def page(body: str = PARAGRAPHS, head: str = "", figure: str = "") -> str:
    return (
        f"<html lang='en'><head><title>Big News Today | The Daily Planet</title>{head}</head>"
        f"<body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
        f"<article><h1>Big News Today</h1>{figure}<div class='article-body'>{body}</div>"
        f"</article><footer>Copyright footer text for the whole site.</footer></body></html>"
    )


def parse(
    html: str, base_url: str | None = "https://news.example.com/2024/05/story"
) -> ParsedArticle:
    return parse_article(html, base_url=base_url)


def only_image(article: ParsedArticle) -> ParsedImage:
    body_images = [i for i in article.images if "og" not in i.src]
    assert len(body_images) == 1, article.images
    return body_images[0]


# --- captions and credits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "caption", "credit"),
    [
        ("Crowds at the rally. Photo: Jane Roe/Agency", "Crowds at the rally.", "Jane Roe/Agency"),
        ("Workers remove a sign in 1989. (Reuters)", "Workers remove a sign in 1989.", "Reuters"),
        ("A lighthouse at dusk © John Smith", "A lighthouse at dusk", "John Smith"),
        ("The harbour at noon. Credit: Port Authority", "The harbour at noon.", "Port Authority"),
        ("Ministers arrive. Photograph: Ann Lee/PA", "Ministers arrive.", "Ann Lee/PA"),
        ("Fans celebrate the win. Getty Images", "Fans celebrate the win.", "Getty Images"),
        ("The Moulin Rouge in Paris Benoit Tessier/Reuters", "The Moulin Rouge in Paris",
         "Benoit Tessier/Reuters"),
        ("Foto: LA NACION", "", "LA NACION"),
        ("Just a plain caption with no credit", "Just a plain caption with no credit", ""),
    ],
)  # fmt: skip
def test_split_caption(text: str, caption: str, credit: str) -> None:
    assert split_caption(text) == (caption, credit)


def test_credit_from_class_inside_figure() -> None:
    figure = (
        "<figure><img src='/img/a.jpg' alt='A boat'><figcaption>A boat on the lake."
        "<span class='image-credit'>Ann Lee</span></figcaption></figure>"
    )
    image = only_image(parse(page(body=figure + PARAGRAPHS)))
    assert (image.src, image.alt, image.caption, image.credit) == (
        "https://news.example.com/img/a.jpg",
        "A boat",
        "A boat on the lake.",
        "Ann Lee",
    )


def test_credit_from_jsonld_image() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Big News Today",'
        ' "image": {"@type": "ImageObject", "url": "https://cdn.example.com/hero.jpg",'
        ' "creditText": "Agency Photo Desk"}}</script>'
    )
    article = parse(page(head=head))
    assert article.images[0] == ParsedImage(
        src="https://cdn.example.com/hero.jpg", credit="Agency Photo Desk"
    )


def test_image_without_credit_warns() -> None:
    figure = "<figure><img src='/img/b.jpg'><figcaption>No credit here</figcaption></figure>"
    article = parse(page(body=PARAGRAPHS + figure))
    assert only_image(article).credit == ""
    assert "image without credit: https://news.example.com/img/b.jpg" in article.warnings


# --- image sources --------------------------------------------------------------------------


def test_largest_srcset_candidate() -> None:
    srcset = "/s.jpg 320w, /m.jpg 640w, /xl.jpg 1600w, /l.jpg 1024w"
    assert largest_srcset_candidate(srcset) == "/xl.jpg"
    assert largest_srcset_candidate("/a.jpg 1x, /b.jpg 2x") == "/b.jpg"


def test_srcset_and_relative_url_resolution() -> None:
    figure = (
        "<figure><img src='small.jpg' srcset='small.jpg 300w, ../big.jpg 1200w'>"
        "<figcaption>Caption</figcaption></figure>"
    )
    image = only_image(parse(page(body=figure + PARAGRAPHS)))
    assert image.src == "https://news.example.com/2024/big.jpg"


def test_lazy_loaded_image() -> None:
    figure = (
        "<figure><img src='data:image/gif;base64,R0lGOD' data-src='/lazy/real.jpg'>"
        "<figcaption>Lazy</figcaption></figure>"
        "<figure><img src='/img/placeholder.png' data-original='//cdn.example.com/orig.jpg'>"
        "<figcaption>Original</figcaption></figure>"
    )
    sources = [i.src for i in parse(page(body=figure + PARAGRAPHS)).images]
    assert "https://news.example.com/lazy/real.jpg" in sources
    assert "https://cdn.example.com/orig.jpg" in sources


def test_figure_html_in_body() -> None:
    figure = "<figure><img src='/img/c.jpg' alt='Alt'><figcaption>Cap</figcaption></figure>"
    html = parse(page(body=PARAGRAPHS + figure)).body_html
    assert '<figure><img src="https://news.example.com/img/c.jpg" alt="Alt">' in html
    assert "<figcaption>Cap</figcaption></figure>" in html


# --- metadata -------------------------------------------------------------------------------


def test_jsonld_date_keeps_offset_and_graph_is_searched() -> None:
    head = (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "WebSite", "name": "The Daily Planet"},'
        '{"@type": "NewsArticle", "headline": "Big News Today",'
        ' "datePublished": "2019-11-18T08:55:39-05:00",'
        ' "author": [{"@type": "Person", "name": "Jane Doe"},'
        ' {"@type": "Organization", "name": "The Daily Planet"}],'
        ' "keywords": ["Space", "NASA"]}]}</script>'
    )
    article = parse(page(head=head))
    assert article.published == "2019-11-18T08:55:39-05:00"
    assert article.authors == ("Jane Doe",)
    assert article.tags == ("Space", "NASA")


def test_meta_date_and_visible_date() -> None:
    meta = '<meta property="article:published_time" content="2020-01-10T14:00:00Z">'
    assert parse(page(head=meta)).published == "2020-01-10T14:00:00Z"
    visible = "<p class='article-date'>Published on: June 25, 2024</p>" + PARAGRAPHS
    assert parse(page(body=visible)).published == "2024-06-25"


def test_missing_date_and_byline_warn() -> None:
    article = parse(page())
    assert article.published is None
    assert "date not found" in article.warnings
    assert "byline not found" in article.warnings


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        (["By Jane Doe, Staff Writer"], ("Jane Doe",)),
        (["By Alice Smith and Bob Jones"], ("Alice Smith", "Bob Jones")),
        (["Par Jean Dupont et Marie Curie"], ("Jean Dupont", "Marie Curie")),
        (["Ben Silverman, Games Editor"], ("Ben Silverman",)),
        (["Jane Doe Senior Staff Writer"], ("Jane Doe",)),
        (["Brenda Goodman, MA"], ("Brenda Goodman",)),
        (["Jeff Foust — November 19, 2019"], ("Jeff Foust",)),
        (["The Daily Planet"], ()),
        (["Amy Kuperinsky | NJ Advance Media"], ("Amy Kuperinsky",)),
    ],
)
def test_clean_names(raw: list[str], names: tuple[str, ...]) -> None:
    assert clean_names(raw, site="The Daily Planet") == names


def test_byline_from_meta_and_visible_by_line() -> None:
    meta = '<meta name="author" content="By Jane Doe, Staff Writer">'
    assert parse(page(head=meta)).byline == "Jane Doe"
    visible = "<p class='meta'>By <a href='/a'>Alice Smith</a> and <a href='/b'>Bob Jones</a></p>"
    article = parse(page(body=visible + PARAGRAPHS))
    assert article.byline == "Alice Smith, Bob Jones"
    assert article.authors == ("Alice Smith", "Bob Jones")


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Big News Today | The Daily Planet", "The Daily Planet", "Big News Today"),
        ("Big News Today - The Daily Planet", "The Daily Planet", "Big News Today"),
        (
            "The Daily Planet: Big News Today",
            "The Daily Planet",
            "The Daily Planet: Big News Today",
        ),
        ("Big News Today | Planet", "", "Big News Today"),
        ("Left - right politics explained", "", "Left - right politics explained"),
    ],
)
def test_strip_site_name(title: str, site: str, expected: str) -> None:
    assert strip_site_name(title, site) == expected


def test_headline_prefers_h1_agreeing_with_og_title() -> None:
    head = '<meta property="og:title" content="Big News Today - The Daily Planet">'
    head += '<meta property="og:site_name" content="The Daily Planet">'
    article = parse(page(head=head))
    assert article.headline == "Big News Today"
    assert article.site_name == "The Daily Planet"


def test_source_url_prefers_canonical() -> None:
    head = '<link rel="canonical" href="https://news.example.com/canonical">'
    assert parse(page(head=head)).source_url == "https://news.example.com/canonical"
    assert parse(page(), base_url=None).source_url == ""


# --- boilerplate ----------------------------------------------------------------------------


def test_boilerplate_is_dropped() -> None:
    chrome = (
        "<div class='share-bar'><a href='#'>Share on Facebook</a> Share this story now</div>"
        "<div class='related-stories'><p>Related: another story you might like.</p></div>"
        "<div class='newsletter-signup'><p>Sign up for our newsletter for daily updates.</p></div>"
        "<div id='cookie-banner'><p>We use cookies to improve your experience here.</p></div>"
        "<section class='comments'><p>Great article, thanks for writing it, loved it!</p></section>"
        "<div class='donate-appeal'><p>Please donate to support independent journalism.</p></div>"
        "<script>var tracking = 'should never appear in the body';</script>"
        "<p><a href='/other'>Read more: another story entirely</a></p>"
    )
    article = parse(page(body=PARAGRAPHS + chrome))
    for junk in ("Share", "Related", "newsletter", "cookies", "Great article", "donate",
                 "tracking", "Home", "Copyright", "Read more"):  # fmt: skip
        assert junk not in article.body_text, junk
    assert "Paragraph 6 of the story" in article.body_text


def test_article_text_in_chrome_like_wrappers_is_kept() -> None:
    hidden_rest = "".join(
        f"<p>Rest of the story {n}, hidden behind a toggle by the page, yet long enough to"
        " count as real prose.</p>"
        for n in range(3)
    )
    body = (
        PARAGRAPHS
        + f"<div class='read-more'>{hidden_rest}</div>"
        + "<div class='social-media-embed'><blockquote class='tweet'><p>An embedded post that"
        " the story quotes.</p></blockquote></div>"
        + "<div class='page__sidebar'><p>Sidebar teaser text that is not the article.</p></div>"
        + "<p>Advertisement</p>"
    )
    text = parse(page(body=body)).body_text
    assert "Rest of the story 2" in text
    assert "An embedded post" in text
    assert "Sidebar teaser" not in text
    assert "Advertisement" not in text


def test_article_split_into_wrapped_sections_is_joined() -> None:
    sections = "".join(
        f"<section class='chunk'><div class='inner'>{PARAGRAPHS.replace('Paragraph', f'Part {n}')}"
        "</div></section>"
        for n in range(3)
    )
    text = parse(page(body=sections)).body_text
    assert all(f"Part {n} 6 of the story" in text for n in range(3))


def test_body_keeps_structure_in_order() -> None:
    body = (
        "<p>Opening paragraph of the article with plenty of words, commas, and detail.</p>"
        "<h2>A subheading</h2><ul><li>First point</li><li>Second point</li></ul>"
        "<blockquote><p>A quoted passage from someone important.</p></blockquote>" + PARAGRAPHS
    )
    html = parse(page(body=body)).body_html
    positions = [html.index(tag) for tag in ("<p>", "<h2>", "<ul>", "<blockquote>")]
    assert positions == sorted(positions)
    assert "<li>First point</li>" in html


def test_body_html_is_sanitised() -> None:
    body = (
        "<p onclick='evil()'>Clicky paragraph with enough text to count as prose, honestly.</p>"
        "<p><a href='javascript:alert(1)'>bad link</a> and more words in this paragraph.</p>"
        "<figure><img src='/x.jpg' onerror='evil()'><figcaption>Cap</figcaption></figure>"
        + PARAGRAPHS
    )
    html = parse(page(body=body)).body_html
    for forbidden in ("<script", "onerror", "onclick", "javascript:"):
        assert forbidden not in html


# --- encodings ------------------------------------------------------------------------------


def test_decode_boms() -> None:
    html = page().replace("Big News Today", "Café news \u2013 today")
    assert "Café news \u2013 today" in decode_html(codecs.BOM_UTF8 + html.encode("utf-8"))
    assert "Café news \u2013 today" in decode_html(codecs.BOM_UTF16_LE + html.encode("utf-16-le"))
    assert "Café news \u2013 today" in decode_html(codecs.BOM_UTF16_BE + html.encode("utf-16-be"))


@pytest.mark.parametrize("charset", ["windows-1252", "iso-8859-1"])
def test_decode_declared_single_byte_charsets(charset: str) -> None:
    html = page(head=f'<meta charset="{charset}">').replace("Big News Today", "“Café” news")
    # Browsers decode iso-8859-1 as windows-1252, which is where the curly quotes live.
    decoded = decode_html(html.encode("cp1252"))
    assert "“Café” news" in decoded


def test_decode_http_equiv_charset() -> None:
    head = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    decoded = decode_html(page(head=head).replace("Big", "Grüße").encode("latin-1"))
    assert "Grüße" in decoded


def test_stray_bad_byte_does_not_crash() -> None:
    data = (
        page(head='<meta charset="utf-8">').encode("utf-8").replace(b"Paragraph 3", b"Para\xff 3")
    )
    article = parse(decode_html(data))
    assert "\ufffd" in article.body_text


def test_undeclared_encoding_is_detected() -> None:
    assert "Grüße" in decode_html(page().replace("Big", "Grüße").encode("utf-8"))
    assert "“Café”" in decode_html(page().replace("Big", "“Café”").encode("cp1252"))


def test_undeclared_utf8_with_a_stray_byte_stays_utf8() -> None:
    data = (
        page().replace("Paragraph 1", "Café " * 20).encode("utf-8").replace(b"<p>", b"<p>\x96", 1)
    )
    decoded = decode_html(data)
    assert "Café Café" in decoded
    assert "\ufffd" in decoded


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"%PDF-1.4 binary", b"just some plain text, no tags"],
)
def test_not_html(data: bytes) -> None:
    with pytest.raises(UnparseableDocument, match="not HTML"):
        decode_html(data)


def test_no_article_found() -> None:
    with pytest.raises(UnparseableDocument, match="no article found"):
        parse("<html><body><div></div></body></html>")


def test_empty_body() -> None:
    with pytest.raises(UnparseableDocument, match="empty body"):
        parse("<html><head><title>Only a title</title></head><body><h1>Only a title</h1></body>")


def test_unparseable_is_a_value_error() -> None:
    assert issubclass(UnparseableDocument, ValueError)


# --- output shape ---------------------------------------------------------------------------


def test_to_json_dict_keys() -> None:
    data = parse(page()).to_json_dict()
    assert set(data) == {
        "headline", "byline", "published", "standfirst", "body_text", "body_html", "images",
        "section", "tags", "source_url", "warnings",
    }  # fmt: skip
    assert isinstance(data["images"], list)
    assert isinstance(data["tags"], list)
    assert isinstance(data["warnings"], list)


def test_parsed_article_is_frozen() -> None:
    article = parse(page())
    with pytest.raises(AttributeError):
        article.headline = "changed"  # type: ignore[misc]


# --- accuracy floors on the shared corpora ---------------------------------------------------
# Just under what the importer reaches (bench/importer_accuracy.py prints the figures).


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}")
def test_corpus_accuracy_floors() -> None:
    from bench.importer_accuracy import load_corpus, run

    summary = run(load_corpus(CORPUS))["overall"].summary()
    assert summary["refused"] == 0, summary
    assert summary["headline"] >= 0.99, summary
    assert summary["byline_f1"] >= 0.98, summary
    assert summary["date"] >= 0.99, summary
    assert summary["body_f1"] >= 0.975, summary
    assert summary["snip_acc"] >= 0.95, summary
    assert summary["caption_recall"] >= 0.99, summary


@pytest.mark.skipif(not WIDE_CORPUS.is_dir(), reason=f"wide corpus not found at {WIDE_CORPUS}")
def test_wide_corpus_snippet_floor() -> None:
    from bench.importer_accuracy import load_corpus, run

    summary = run(load_corpus(WIDE_CORPUS))["overall"].summary()
    assert summary["refused"] == 0, summary
    assert summary["snip_acc"] >= 0.92, summary
