"""``parse_article``: one HTML page in, one ParsedArticle out. Pure: no I/O, no database."""

from __future__ import annotations

from html import escape
from typing import Any

from bs4 import BeautifulSoup, Tag

from articles.sanitizer import sanitize_body

from . import bylines, dates
from . import metadata as md
from .body import Block, BlockWriter, find_content, find_introduction, own_article
from .boilerplate import strip_boilerplate
from .images import NOT_A_FIGURE, absolute_url, figure_image, is_not_a_figure
from .jsonld import type_names
from .model import ParsedArticle, ParsedImage, UnparseableDocument
from .text import collapse

# A body shorter than this after the first pass is checked against a gentler second pass.
_SHORT_BODY = 500
# JSON-LD articleBody replaces the extracted body only when it is far longer.
_DECLARED_BODY_FACTOR = 1.5
_MIN_DECLARED_BODY = 200


def parse_article(html: str, *, base_url: str | None = None) -> ParsedArticle:
    """Extract headline, byline, date, body and images from an article page."""
    try:
        article = _parse(html, base_url, by_class=True)
    except UnparseableDocument:
        article = None
    if article is not None and len(article.body_text) >= _SHORT_BODY:
        return article
    # Class names can mislead (a theme calling every block a "widget"): try again trusting
    # only tags, roles and hidden flags. Chrome the first pass removed adds some text too, so
    # the second pass wins only when it finds a body far longer than the first one did.
    try:
        gentle = _parse(html, base_url, by_class=False)
    except UnparseableDocument:
        if article is None:
            raise
        return article
    if article is None or len(gentle.body_text) > 2 * len(article.body_text) + _SHORT_BODY:
        return gentle
    return article


def _parse(html: str, base_url: str | None, *, by_class: bool) -> ParsedArticle:
    soup = BeautifulSoup(strip_boilerplate(html, by_class=by_class), "lxml")
    try:
        return _extract(soup, base_url)
    finally:
        soup.decompose()  # break the tree's parent/child cycles now, not at the next GC pass


def _extract(soup: BeautifulSoup, base_url: str | None) -> ParsedArticle:
    meta = md.read_metadata(soup)
    site = md.site_name(meta)
    url = md.source_url(meta, base_url)
    base = base_url or url
    headline = md.headline(soup, meta, site)
    authors = bylines.byline(soup, meta, site)
    not_figures = _logos_and_portraits(meta, base)
    declared_images = [i for i in _declared_images(meta, base) if i.src not in not_figures]
    for script in soup.find_all("script"):
        script.decompose()  # JSON-LD has been read; its text must not reach the body.

    containers = own_article(find_content(soup), soup, headline)
    credits = {image.src: image.credit for image in declared_images}
    writer = BlockWriter(base, headline, credits, not_figures)
    lead = _lead_figure(containers[0], base, not_figures) if containers else None
    introduction = find_introduction(containers)
    ahead = [tag for tag in (introduction, lead) if tag is not None]
    blocks = writer.write([*ahead, *containers])
    body_text = _text_of(blocks)
    declared_body = _declared_body(meta, base, headline, credits, not_figures)
    if len(_text_of(declared_body)) > _DECLARED_BODY_FACTOR * len(body_text) + _MIN_DECLARED_BODY:
        # The page renders its text with scripts; JSON-LD carries it whole. Keep the figures.
        blocks = [*(b for b in blocks if b.tag == "figure"), *declared_body]
        body_text = _text_of(blocks)
    if not body_text:
        raise UnparseableDocument("no article found" if not headline else "empty body")
    published = dates.published(soup, meta, body_text)

    images = _ordered_images(blocks, declared_images, lead is not None)
    return ParsedArticle(
        headline=headline,
        byline=", ".join(authors),
        authors=authors,
        published=published,
        standfirst=md.standfirst(meta),
        body_text=body_text,
        body_html=sanitize_body("".join(block.html for block in blocks)),
        images=images,
        section=md.section(meta),
        tags=md.tags(meta),
        source_url=url,
        lang=md.language(meta),
        site_name=site,
        warnings=_warnings(headline, authors, published, images),
    )


def _text_of(blocks: list[Block]) -> str:
    return collapse(" ".join(block.text for block in blocks if block.tag != "figure"))


def _declared_body(
    meta: md.PageMetadata,
    base: str,
    headline: str,
    credits: dict[str, str],
    not_figures: frozenset[str],
) -> list[Block]:
    """Blocks from JSON-LD ``articleBody`` (plain text or HTML), or none."""
    raw = meta.article.get("articleBody")
    if not isinstance(raw, str) or len(raw) < _MIN_DECLARED_BODY:
        return []
    if "<p" not in raw:
        paragraphs = "".join(f"<p>{escape(line)}</p>" for line in raw.splitlines() if line.strip())
        raw = paragraphs
    fragment = BeautifulSoup(raw, "lxml")
    try:
        root = fragment.body or fragment
        return BlockWriter(base, headline, credits, not_figures).write([root])
    finally:
        fragment.decompose()


def _lead_figure(container: Tag, base_url: str, not_figures: frozenset[str]) -> Tag | None:
    """A captioned figure just before the body, inside the same article wrapper (the hero)."""
    figure = container.find_previous("figure")
    if figure is None or any(parent is container for parent in figure.parents):
        return None
    container_ancestors = {id(parent) for parent in container.parents}
    shared = next((p for p in figure.parents if id(p) in container_ancestors), None)
    if shared is None or shared.name in ("body", "html", "[document]"):
        return None
    image = figure_image(figure, base_url, {})
    img = figure.find("img")
    if image is None or image.src in not_figures:
        return None
    assert img is not None  # figure_image found an <img> in this figure
    if is_not_a_figure(img, image.src):
        return None
    return figure


def _logos_and_portraits(meta: md.PageMetadata, base_url: str) -> frozenset[str]:
    """Addresses the page's JSON-LD gives as a publisher's logo or a person's picture."""
    found: set[str] = set()
    for obj in meta.jsonld:
        for key in ("publisher", "author", "creator"):
            for value in _as_list(obj.get(key)):
                if isinstance(value, dict):
                    found.update(_image_addresses(value.get("logo"), base_url))
                    found.update(_image_addresses(value.get("image"), base_url))
        if type_names(obj) & {"organization", "newsmediaorganization", "person"}:
            found.update(_image_addresses(obj.get("logo"), base_url))
            found.update(_image_addresses(obj.get("image"), base_url))
    return frozenset(found)


def _image_addresses(value: Any, base_url: str) -> list[str]:
    found = []
    for item in _as_list(value):
        url = item.get("url") or item.get("contentUrl") if isinstance(item, dict) else item
        if isinstance(url, str) and url.strip():
            found.append(absolute_url(url, base_url))
    return found


def _declared_images(meta: md.PageMetadata, base_url: str) -> list[ParsedImage]:
    """Hero candidates from JSON-LD (with their credits) and og:image."""
    images: list[ParsedImage] = []
    for value in _as_list(meta.article.get("image")):
        image = _jsonld_image(value, base_url)
        if image is not None:
            images.append(image)
    og_image = meta.first("og:image", "og:image:url", "og:image:secure_url", "twitter:image")
    if og_image and not NOT_A_FIGURE.search(og_image.rsplit("/", 1)[-1]):
        og_src = absolute_url(og_image, base_url)
        known = next((i for i in images if i.src == og_src), None)
        images.insert(0, known or ParsedImage(src=og_src, alt=meta.first("og:image:alt")))
    return images


def _jsonld_image(value: Any, base_url: str) -> ParsedImage | None:
    if isinstance(value, str):
        return ParsedImage(src=absolute_url(value, base_url))
    if not isinstance(value, dict) or (
        value.get("@type") and "imageobject" not in type_names(value)
    ):
        return None
    url = value.get("url") or value.get("contentUrl")
    if not isinstance(url, str) or not url:
        return None
    credit = value.get("creditText") or next(
        md.names(value.get("copyrightHolder") or value.get("author")), ""
    )
    caption = value.get("caption") or value.get("description") or ""
    return ParsedImage(
        src=absolute_url(url, base_url),
        caption=collapse(caption if isinstance(caption, str) else ""),
        credit=collapse(credit if isinstance(credit, str) else ""),
    )


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _ordered_images(
    blocks: list[Block], declared: list[ParsedImage], has_lead_figure: bool
) -> tuple[ParsedImage, ...]:
    body_images = [block.image for block in blocks if block.image is not None]
    # A figure ahead of the first paragraph is the page's own hero; og:image only stands in.
    leads_with_figure = has_lead_figure or (blocks and blocks[0].image is not None)
    hero = [] if leads_with_figure or not declared else [declared[0]]
    seen: set[str] = set()
    ordered = []
    for image in [*hero, *body_images]:
        if image.src not in seen:
            seen.add(image.src)
            ordered.append(image)
    return tuple(ordered)


def _warnings(
    headline: str, authors: tuple[str, ...], published: str | None, images: tuple[ParsedImage, ...]
) -> tuple[str, ...]:
    warnings = []
    if not headline:
        warnings.append("headline not found")
    if not authors:
        warnings.append("byline not found")
    if published is None:
        warnings.append("date not found")
    warnings.extend(f"image without credit: {image.src}" for image in images if not image.credit)
    return tuple(warnings)
