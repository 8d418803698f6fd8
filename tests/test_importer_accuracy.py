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


# --- the body -----------------------------------------------------------------------------------


def test_introduction_in_its_own_wrapper_opens_the_body() -> None:
    intro = (
        "<div class='intro'><p>Residents packed the town hall as the council weighed a plan "
        "that would reshape the old harbour for a generation.</p></div>"
    )
    article = parse(page(intro + f"<div class='text'>{prose(6)}</div>"))
    assert article.body_text.startswith("Residents packed the town hall")
    assert "Harbour paragraph 5." in article.body_text


def test_unmarked_lead_paragraph_in_its_own_wrapper_opens_the_body() -> None:
    body = (
        "<div class='top'><p class='byline'>By Dana Whitfield</p><div class='left'>"
        "<p>The council backs a plan that reshapes the old harbour for a generation, and the "
        "town is split over it.</p></div></div><div class='date'>4 May 2024</div>"
        "<div class='rows'>"
        + "".join(
            f"<div class='paragraph'><p>Harbour paragraph {n}. {PROSE}</p></div>" for n in range(6)
        )
        + "</div>"
    )
    article = parse(page(body))
    assert article.body_text.startswith("The council backs a plan")
    assert "Dana Whitfield" not in article.body_text


def test_caption_before_the_body_is_not_taken_for_its_lead() -> None:
    body = (
        "<figure><img src='/quay.jpg' alt=''><figcaption><p>The old quay at dawn, seen from "
        "the lighthouse, where the new ferry terminal is planned to stand.</p></figcaption>"
        f"</figure><div class='rows'>{prose(6)}</div>"
    )
    article = parse(page(body))
    assert article.body_text.startswith("Harbour paragraph 0.")


def test_related_story_promos_inside_the_body_are_dropped() -> None:
    promos = (
        "<p>Read more: <a href='/2024/05/other'>The football club unveils its plans for a new "
        "stadium on the old gasworks site by the river, with room for twenty thousand fans</a></p>"
        "<p>See also: <a href='/2024/04/ferry'>Ferry timetable changes from next week, with "
        "fewer crossings on Sundays, a new late boat on Fridays and higher fares in summer</a>.</p>"
        "<div class='inline-card'><a href='/2024/03/fish'><span>Fish market to move</span>"
        "<span>The market will move in spring.</span></a></div>"
    )
    article = parse(page(prose(3) + promos + prose(3, word="quay")))
    for promo in ("football club", "Ferry timetable", "Fish market"):
        assert promo not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_disclosure_box_inside_the_body_is_dropped() -> None:
    box = (
        "<div class='disclosure'><p>This article contains affiliate links: we may earn a "
        "commission when you buy through them, at no extra cost to you.</p></div>"
    )
    article = parse(page(prose(3) + box + prose(3, word="quay")))
    assert "affiliate" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


# --- figures ----------------------------------------------------------------------------------


def figure_srcs(article: ParsedArticle) -> list[str]:
    return [image.src for image in article.images]


@pytest.mark.parametrize(
    "attribute", ["data-lazy-original", "data-orig-file", "data-img", "data-echo"]
)
def test_lazy_figure_with_its_address_in_any_data_attribute(attribute: str) -> None:
    figure = (
        f"<figure><img src='/static/loading.gif' {attribute}='/media/quay-1200.jpg' alt='Quay'>"
        "<figcaption>The quay at dawn.</figcaption></figure>"
    )
    article = parse(page(figure + prose()))
    assert figure_srcs(article) == ["https://www.example.org/media/quay-1200.jpg"]
    assert article.images[0].caption == "The quay at dawn."


def test_lazy_figure_with_its_address_only_in_noscript() -> None:
    figure = (
        "<figure><img class='lazyload' src='/static/grey.png' alt='Quay'>"
        "<noscript><img src='/media/quay-1200.jpg' alt='Quay'></noscript>"
        "<figcaption>The quay at dawn.</figcaption></figure>"
    )
    article = parse(page(figure + prose()))
    assert figure_srcs(article) == ["https://www.example.org/media/quay-1200.jpg"]


def test_lazy_inline_image_with_a_noscript_copy_is_imported_once() -> None:
    inline = (
        "<p><img class='lazy' src='/static/grey.png' data-caption='The quay at dawn.'>"
        "<noscript><img src='/media/quay-1200.jpg' width='1200'></noscript></p>"
    )
    article = parse(page(prose(2) + inline + prose(3, word="quay")))
    assert figure_srcs(article) == ["https://www.example.org/media/quay-1200.jpg"]


def test_site_logo_and_author_headshot_are_not_figures() -> None:
    data = jsonld(
        '{"@type": "NewsArticle", "headline": "Harbour plan",'
        ' "publisher": {"@type": "Organization", "name": "Herald",'
        ' "logo": {"@type": "ImageObject", "url": "https://www.example.org/brand/mark.png"}}}'
    )
    logo = "<p><img src='/brand/mark.png' alt='Herald'></p>"
    author_box = (
        "<div class='author-card'><img src='/people/dana.jpg' alt='Dana Whitfield'>"
        "<p>Dana Whitfield has covered the harbour, the council and the courts since 2009.</p>"
        "</div>"
    )
    headshot = "<figure><img src='/uploads/headshot-omar.jpg' class='avatar'></figure>"
    photo = (
        "<figure><img src='/media/quay.jpg' alt='Quay'><figcaption>The quay.</figcaption></figure>"
    )
    article = parse(page(logo + photo + prose() + headshot + author_box, head=data))
    assert figure_srcs(article) == ["https://www.example.org/media/quay.jpg"]


def test_og_image_that_is_the_site_logo_is_not_the_hero() -> None:
    data = jsonld(
        '{"@type": "NewsArticle", "headline": "Harbour plan",'
        ' "publisher": {"@type": "Organization", "name": "Herald",'
        ' "logo": {"@type": "ImageObject", "url": "https://www.example.org/brand/mark.png"}}}'
    )
    head = data + '<meta property="og:image" content="https://www.example.org/brand/mark.png">'
    assert parse(page(prose(), head=head)).images == ()


def test_picture_credits_outside_their_figure_are_not_body_text() -> None:
    credits = (
        "<div class='media-credit'>Jane Roe / Harbour Authority</div>"
        "<p>Foto: Harbour Authority</p><p>(Credit: Omar Haddad)</p>"
    )
    article = parse(page(prose(3) + credits + prose(3, word="quay")))
    assert "Harbour Authority" not in article.body_text
    assert "Omar Haddad" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_credit_nested_in_an_inline_wrapper_is_not_body_text() -> None:
    inline_picture = (
        "<p>Opening line of the harbour story, long enough to be read as running text."
        "<span class='picture'><img src='/quay.jpg' alt=''>"
        "<span class='copyright'>Bild: Harbour Authority</span></span>"
        " The closing words of the same paragraph.</p>"
    )
    article = parse(page(prose(3) + inline_picture + prose(3, word="quay")))
    assert "Harbour Authority" not in article.body_text
    assert "The closing words of the same paragraph." in article.body_text


@pytest.mark.parametrize(
    "line",
    ["Photograph by Omar Haddad, Harbour Trust", "Titelbild: Omar Haddad", "Foto von Omar Haddad"],
)
def test_credit_line_without_a_colon_or_with_a_compound_label_is_not_body_text(line: str) -> None:
    article = parse(page(prose(3) + f"<div>{line}</div>" + prose(3, word="quay")))
    assert "Omar Haddad" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_bare_links_between_the_blocks_are_not_body_text() -> None:
    more = (
        "<div class='more'><h5>Latest from this section</h5>"
        + "".join(f"<a href='/2024/0{n}/x'>Another harbour story number {n}</a>" for n in range(5))
        + "</div>"
    )
    article = parse(page(prose(3) + more + prose(3, word="quay")))
    assert "Another harbour story" not in article.body_text
    assert "Latest from this section" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_linked_title_of_a_teaser_is_not_body_text() -> None:
    teaser = "<h2><a href='/2024/06/ferry'>Ferry fares rise again this summer</a></h2>"
    article = parse(page(prose(3) + teaser + prose(3, word="quay")))
    assert "Ferry fares" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_heading_with_an_anchor_of_its_own_is_kept() -> None:
    section = "<h2><a href='#costs' id='costs'>What the plan costs</a></h2>"
    article = parse(page(prose(3) + section + prose(3, word="quay")))
    assert "What the plan costs" in article.body_text


def test_label_over_a_dropped_link_list_is_not_body_text() -> None:
    more = (
        "<div class='see'><div class='title'>See also:</div><ul>"
        + "".join(f"<li><a href='/2024/0{n}/x'>Another story {n}</a></li>" for n in range(4))
        + "</ul></div>"
    )
    article = parse(page(prose(3) + more + prose(3, word="quay")))
    assert "See also" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_a_label_before_prose_is_kept() -> None:
    listed = "<div>Three things changed:</div><ul><li>Fares</li><li>Routes</li><li>Times</li></ul>"
    article = parse(page(prose(3) + listed + prose(3, word="quay")))
    assert "Three things changed: Fares" in article.body_text


def test_heading_over_a_dropped_link_list_is_not_body_text() -> None:
    more = (
        "<h3>More on this topic</h3><ul>"
        + "".join(
            f"<li><a href='/2024/0{n}/x'>Another harbour story {n}</a></li>" for n in range(4)
        )
        + "</ul>"
    )
    article = parse(page(prose() + more))
    assert "More on this topic" not in article.body_text
    assert article.body_text.endswith("for most of the year.")


def test_short_lines_trailing_the_last_paragraph_are_not_body_text() -> None:
    tail = "<p>Share this article</p><h3>Most read</h3><p>Contact the newsroom</p>"
    article = parse(page(prose() + tail))
    assert article.body_text.endswith("for most of the year.")


def test_a_short_piece_keeps_its_short_lines() -> None:
    article = parse(page(f"<p>{PROSE}</p><p>Updates to follow.</p>"))
    assert article.body_text.endswith("Updates to follow.")


def test_classed_introduction_under_the_title_opens_the_body() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body><main>"
        "<header><h1>Harbour plan</h1><p class='article-lead'>The council backs a plan that "
        "reshapes the old harbour for a generation.</p><p class='meta'>By Dana Whitfield</p>"
        f"</header><div class='story'>{prose(6)}</div></main></body></html>"
    )
    article = parse(html)
    assert article.body_text.startswith("The council backs a plan")
    assert "Dana Whitfield" not in article.body_text


def test_script_rendered_page_takes_its_text_from_jsonld_article_body() -> None:
    text = "\\n".join(f"Harbour paragraph {n}. {PROSE}" for n in range(6))
    data = jsonld(
        f'{{"@type": "NewsArticle", "headline": "Harbour plan", "articleBody": "{text}"}}'
    )
    html = page("<div id='app'><p>Loading the article, please wait a moment.</p></div>", head=data)
    article = parse(html)
    assert "Harbour paragraph 5." in article.body_text
    assert "Loading the article" not in article.body_text
    assert article.body_html.count("<p>") == 6


# --- the wide corpus's kinds of misses --------------------------------------------------------


def test_article_in_a_layout_named_after_its_sidebar_is_kept() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body>"
        "<div class='row fixed-sidebar-layout'><div class='col'>"
        f"<h2>Harbour plan</h2>{prose(6)}</div><div class='col'><p>Newsletter</p></div></div>"
        f"<div class='suggested'><h2>Suggested</h2>{prose(3, word='ferry')}</div></body></html>"
    )
    article = parse(html)
    assert "Harbour paragraph 5." in article.body_text
    assert "Ferry paragraph" not in article.body_text


def test_a_real_sidebar_is_still_dropped_beside_a_long_article() -> None:
    side = (
        "<div class='sidebar'><p>Sidebar paragraph one, about the ferry, the fares, "
        "and the timetable for the summer season.</p>" + prose(1, word="sidebar") + "</div>"
    )
    article = parse(page(prose(6)).replace("<footer>", side + "<footer>"))
    assert "Sidebar paragraph" not in article.body_text


def test_menu_or_login_box_is_dropped_however_long() -> None:
    login = "<div class='login-panel'>" + prose(8, word="login") + "</div>"
    article = parse(page(prose(3)).replace("<footer>", login + "<footer>"))
    assert "Login paragraph" not in article.body_text
    assert "Harbour paragraph 2." in article.body_text


def test_passage_folded_behind_read_more_is_body_text() -> None:
    folded = (
        "<p class='description js_readmore'>The harbour lies in a quiet village at the edge of "
        "the hills, with a small beach, two cafes and a path along the cliffs to the old "
        "lighthouse, where the ferry once stopped twice a day in summer and three times on "
        "market days.</p>"
    )
    article = parse(page(prose(2) + folded + "<a class='read-more' href='#'>Read more</a>"))
    assert "quiet village at the edge of the hills" in article.body_text
    assert "Read more" not in article.body_text


def test_wrapper_named_after_its_source_is_not_a_picture_credit() -> None:
    body = f"<div class='field-source-content'>{prose(6)}</div>"
    article = parse(page(body))
    assert "Harbour paragraph 5." in article.body_text


def test_page_with_its_text_only_in_noscript_is_not_refused() -> None:
    html = page(f"<div id='app'></div><noscript><div class='post'>{prose(6)}</div></noscript>")
    article = parse(html)
    assert "Harbour paragraph 5." in article.body_text


def test_similar_posts_box_is_dropped() -> None:
    box = (
        "<section class='similar-posts'><h3>Most read</h3><p>Ferry fares rise again this "
        "summer, with longer queues, fewer boats, and angrier passengers.</p></section>"
    )
    article = parse(page(prose(6) + box))
    assert "Ferry fares" not in article.body_text


def test_heading_over_a_link_list_inside_the_body_is_not_body_text() -> None:
    more = (
        "<h3>Most read</h3><ul>"
        + "".join(f"<li><a href='/2024/0{n}/x'>Another story {n}</a></li>" for n in range(4))
        + "</ul>"
    )
    article = parse(page(prose(3) + more + prose(3, word="quay")))
    assert "Most read" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


@pytest.mark.parametrize(
    "box",
    [
        "<div class='author-box'><p>Dana Whitfield writes about the coast, its towns and "
        "its people, and has covered the harbour for ten years.</p></div>",
        "<p class='postmetadata'>This entry was posted on Tuesday, filed under Harbour, "
        "and you can follow any responses through the feed.</p>",
        "<div class='license-area'>Unless otherwise stated, the content of this page is "
        "licensed under a Creative Commons licence, version four.</div>",
    ],
)
def test_author_box_post_metadata_and_licence_note_are_not_body_text(box: str) -> None:
    article = parse(page(prose(4) + box + prose(2, word="quay")))
    for words in ("writes about the coast", "This entry was posted", "Unless otherwise"):
        assert words not in article.body_text
    assert "Quay paragraph 1." in article.body_text


@pytest.mark.parametrize(
    "box",
    [
        "<div class='c-Author'><p class='c-Author_Name'>Dana Whitfield</p>"
        "<p class='c-Author_Position'>Editor for the coast desk of the Harbour Gazette.</p></div>",
        "<div class='authors'><img src='/staff/dana.jpg' alt=''><h5>Dana Whitfield</h5></div>",
    ],
)
def test_author_named_box_inside_the_body_is_not_body_text(box: str) -> None:
    article = parse(page(prose(3) + box + prose(3, word="quay")))
    assert "Dana Whitfield" not in article.body_text
    assert "coast desk" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_date_in_a_byline_inside_the_body_is_still_read() -> None:
    byline = (
        "<p>Opening line of the harbour story, long enough to be read as running text. "
        "<span class='byline'>By Dana Whitfield, <time datetime='2024-05-04'>4 May 2024</time>"
        "</span></p>"
    )
    article = parse(page(byline + prose(5)))
    assert "Dana Whitfield" not in article.body_text
    assert article.published is not None and article.published.startswith("2024-05-04")


def test_article_wrapper_classed_after_its_author_is_kept() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body>"
        f"<div class='post author-dana'><h1>Harbour plan</h1>{prose(6)}</div></body></html>"
    )
    assert "Harbour paragraph 5." in parse(html).body_text


def test_short_caption_outside_a_figure_is_not_body_text() -> None:
    loose = (
        "<div class='wp-caption'><p class='wp-caption-text'>Photo via the harbour office</p></div>"
    )
    article = parse(page(prose(3) + loose + prose(3, word="quay")))
    assert "harbour office" not in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_picture_with_its_caption_in_a_plain_wrapper_is_a_figure() -> None:
    picture = (
        "<div class='imginline'><img src='/quay.jpg' alt=''><span>The old quay at dawn, seen "
        "from the lighthouse. Foto: Omar Haddad</span></div>"
    )
    article = parse(page(prose(3) + picture + prose(3, word="quay")))
    assert "The old quay at dawn" not in article.body_text
    image = next(i for i in article.images if i.src.endswith("/quay.jpg"))
    assert image.caption == "The old quay at dawn, seen from the lighthouse."
    assert image.credit == "Omar Haddad"


def test_paragraph_beside_a_picture_stays_body_text() -> None:
    beside = (
        "<div class='row'><img src='/quay.jpg' alt=''><p>The quay was rebuilt twice, after "
        "the storms of 1953 and 1987.</p></div>"
    )
    article = parse(page(prose(3) + beside + prose(3, word="quay")))
    assert "The quay was rebuilt twice" in article.body_text


def test_text_set_apart_by_line_breaks_in_a_div_is_found() -> None:
    lines = "<br><br>".join(f"Harbour line {n}. {PROSE}" for n in range(6))
    html = (
        "<html><head><title>Harbour plan</title></head><body>"
        f"<div class='wrap'><div class='news'><h2>Harbour plan</h2><img src='/a.jpg'>{lines}"
        "<div class='tags'>Harbour</div></div></div>"
        "<div class='side'><div class='contact'><p>Call us, write to us, or visit us.</p>"
        "<p>Open Monday to Friday, nine to five, except on holidays.</p></div></div>"
        "</body></html>"
    )
    article = parse(html)
    assert "Harbour line 5." in article.body_text
    assert "Call us" not in article.body_text


def test_product_text_inside_a_shop_form_is_body_text() -> None:
    form = (
        "<form class='productform' action='/cart'><div class='price'>36,00 EUR</div>"
        f"<div class='description'>{prose(3)}</div>"
        f"<div class='details'>{prose(3, word='quay')}</div></form>"
    )
    article = parse(page(prose(2, word="intro") + form))
    assert "Harbour paragraph 2." in article.body_text
    assert "Quay paragraph 2." in article.body_text


def test_comment_form_inside_the_article_is_still_dropped() -> None:
    form = (
        "<form class='comment-form'><p>Your email address will not be published.</p>"
        "<label>Comment</label></form>"
    )
    article = parse(page(prose(4) + form))
    assert "email address" not in article.body_text


def test_page_inside_an_unclosed_nav_is_not_refused() -> None:
    html = (
        "<html><head><title>Harbour plan</title></head><body><header>"
        "<nav class='navbar'><a href='/'>Home</a><div class='container'>"
        f"<main><article><h1>Harbour plan</h1>{prose(5)}</article></main></div>"
        "</body></html>"
    )
    article = parse(html)
    assert "Harbour paragraph 4." in article.body_text
    assert "Home" not in article.body_text


def test_stacked_stories_keep_the_one_under_the_pages_headline() -> None:
    html = (
        "<html><head><title>Harbour plan</title>"
        "<meta property='og:title' content='Harbour plan'></head><body><main>"
        f"<article><h1>Harbour plan</h1>{prose(3)}</article>"
        f"<article><h1>Ferry strike</h1>{prose(8, word='ferry')}</article>"
        "</main></body></html>"
    )
    article = parse(html)
    assert article.headline == "Harbour plan"
    assert "Harbour paragraph 2." in article.body_text
    assert "Ferry paragraph" not in article.body_text


def test_every_post_of_a_thread_is_kept_however_uneven() -> None:
    posts = [prose(6), prose(2, word="reply"), prose(2, word="answer")]
    thread = "".join(
        f"<div class='message'><div class='user'>User {n}</div>"
        f"<div class='post-text'>{post}</div></div>"
        for n, post in enumerate(posts)
    )
    html = (
        "<html><head><title>Harbour plan thread</title></head><body>"
        f"<h1>Harbour plan thread</h1><div class='thread'>{thread}</div></body></html>"
    )
    article = parse(html)
    for words in ("Harbour paragraph 5.", "Reply paragraph 1.", "Answer paragraph 1."):
        assert words in article.body_text
