"""Find the article body container and turn it into an ordered list of clean blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup, NavigableString, Tag

from .dom import descendant_tags
from .images import (
    absolute_url,
    figure_image,
    has_noscript_copy,
    image_src,
    is_not_a_figure,
    split_caption,
)
from .model import ParsedImage
from .text import collapse, normalise

_POSITIVE = re.compile(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|prose", re.I
)
_NEGATIVE = re.compile(
    r"-ad-|hidden|banner|combx|comment|contact|foot|gdpr|masthead|media|meta|outbrain|promo|"
    r"related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|widget|caption",
    re.I,
)
_TAG_BONUS = {"div": 5, "section": 3, "article": 5, "pre": 3, "td": 3, "blockquote": 3,
              "ol": -3, "ul": -3, "li": -3, "dl": -3, "dd": -3, "form": -3, "h1": -5,
              "h2": -5, "h3": -5, "h4": -5, "th": -5}  # fmt: skip
_BLOCK_TAGS = frozenset(
    {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
     "ul", "ol", "dl", "li", "dd", "dt", "blockquote", "figure", "pre", "table", "tr", "td",
     "th", "tbody", "thead", "center", "address", "hr", "picture", "img", "figcaption", "form"}
)  # fmt: skip
_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}
# Slot labels left behind by ad widgets.
_AD_LABEL = re.compile(
    r"^(?:advertisement|advertising|anzeige|publicité|publicidad|sponsored(?: content)?|"
    r"(?:story|article) continues below(?: advertisement)?|continue reading(?: below)?)\W*$",
    re.IGNORECASE,
)
_MIN_PARAGRAPH = 25
_MIN_PROSE_PARAGRAPH = 80
_MIN_RIVALS = 2
_MIN_KIN_SHARE = 0.3
_MAX_LINK_LINE = 120
_MIN_LINK_RUN = 3
_HEADING_RANKS = frozenset({"h2", "h3", "h4"})
_MIN_LAST_LINE = 50
_SHORT_BODY_TEXT = 500
# Picture credits outside a <figure>, by class, and credit lines by their label.
_CREDIT_HINT = re.compile(
    r"credit|copyright|bildnachweis|image-?source|photo-?source|(?:^|[\s_-])source(?:$|[\s_-])",
    re.IGNORECASE,
)
# German names the lead picture's credit after its place: "Titelbild:", "Beitragsfoto:".
_CREDIT_LINE = re.compile(
    r"^[(\[]?\s*(?:©|\(c\)|(?:(?:titel|aufmacher|beitrags)?(?:fotos?|bild(?:er)?)|photos?|photograph|images?|credits?|"
    r"crédito|créditos|fuente|quelle|source|abbildung|copyright)\s*(?:by)?\s*[:©]|"
    r"(?:photo(?:graph)?s?|pictures?|images?|fotos?|bild(?:er)?)\s+(?:by|von|courtesy)\s)",
    re.IGNORECASE,
)
_MAX_CREDIT_LINE = 100
# Inside the body container, what is about the article rather than of it: the author's
# box, the post's metadata line, the licence note. Matched on class and id, lower-cased.
_ABOUT_THE_POST = re.compile(
    r"author[-_]?(?:box|bio|description|info|profile|details)|post-?meta|entry-?meta|"
    r"entry-?footer|entry-?utility|article-?footer|license|licence|"
    r"(?:^|[\s_-])(?:authors?|byline)(?:$|[\s_-])",
)
# A caption standing outside any <figure> ("wp-caption-text", "media-caption"): short.
_CAPTION_HINT = re.compile(r"caption|img-metadata|image-?meta")
_MAX_LOOSE_CAPTION = 80
_MAX_CREDIT_TEXT = 300
_MAX_PROMO_LABEL = 40
_MAX_LEADS = 2
_INTRO_HINT = re.compile(
    r"intro|(?:^|[\s_-])lead|lede|excerpt|abstract|summary|standfirst|(?:^|[\s_-])dek|"
    r"teaser-?text|sapo|chapo|vorspann",
    re.IGNORECASE,
)
_INTRO_LOOKBACK = 80
_LEAD_LOOKBACK = 6
_SENTENCE_ENDS = (".", "!", "?", "…", '"', "“", "”", "»", "«")
# Captions, quotes, list items and forms are not the story's lead.
_NOT_LEAD_PARENTS = ["figure", "figcaption", "blockquote", "li", "form", "table"]
_MIN_INTRO = 40
_MIN_LEAD = 80
# Titles, datelines, quoted claims and pictures: what may stand before a body and is no intro.
_NOT_LEAD_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6", "header", "time", "blockquote", "img",
                  "figure", "picture"]  # fmt: skip
_RANKED = 12
_LINK = frozenset({"a"})
_PARAGRAPH_TAGS = frozenset({"p", "pre", "td", "div", "section"})
_IMAGE_TAGS = frozenset({"figure", "img"})
_MAX_PICTURE_CAPTION = 300
# A wrapper holding any of these is more than a captioned picture.
_NOT_IN_CAPTIONS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
                              "figure", "blockquote"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Block:
    tag: str
    html: str
    text: str
    image: ParsedImage | None = None


# --- choosing the container -----------------------------------------------------------------


def find_content(soup: BeautifulSoup) -> list[Tag]:
    """The element(s) holding the article body, in document order."""
    scores = _score_candidates(soup)
    if not scores:
        return [soup.body or soup]
    # Link density is costly, so only the strongest raw scores are weighed by it up front.
    ranked = sorted(scores.values(), key=lambda c: c.raw, reverse=True)[:_RANKED]
    ranked.sort(key=lambda c: c.score, reverse=True)
    top = _shared_ancestor(ranked[:5], scores) or _climb(ranked[0].tag, scores)
    return _with_siblings(top, scores)


class _Candidate:
    __slots__ = ("_score", "raw", "tag")

    def __init__(self, tag: Tag) -> None:
        self.tag = tag
        self.raw = _initial_score(tag)
        self._score: float | None = None

    @property
    def score(self) -> float:
        """The raw score weighed by how little of the text is links."""
        if self._score is None:
            self._score = self.raw * (1 - _link_density(self.tag))
        return self._score


# Keyed by id(): bs4 hashes a Tag by serialising it, far too slow for a scoring map.
_Scores = dict[int, _Candidate]


def _score_candidates(soup: BeautifulSoup) -> _Scores:
    scores: _Scores = {}
    for paragraph, text in _paragraph_like(soup):
        length = len(text.strip())
        if length < _MIN_PARAGRAPH:
            continue
        score = 1 + text.count(",") + text.count("\uff0c") + min(length // 100, 3)
        for level, ancestor in enumerate(_ancestors(paragraph, 5)):
            candidate = scores.get(id(ancestor))
            if candidate is None:
                candidate = scores[id(ancestor)] = _Candidate(ancestor)
            divider = 1 if level == 0 else 2 if level == 1 else level * 3
            candidate.raw += score / divider
    return scores


def _paragraph_like(soup: BeautifulSoup) -> Iterator[tuple[Tag, str]]:
    """Paragraphs with their text: <p>, cells, leaf <div>s, and the loose text of a <div>
    that holds blocks too (text set apart by <br>s between pictures and headings)."""
    for tag in descendant_tags(soup, _PARAGRAPH_TAGS):
        if tag.name in ("div", "section") and _has_block_child(tag):
            yield tag, _loose_text(tag)
        else:
            yield tag, tag.get_text(" ")


def _loose_text(tag: Tag) -> str:
    """Only a real passage counts: a label or a date beside the blocks is no paragraph."""
    text = " ".join(
        child.get_text(" ") if isinstance(child, Tag) else str(child)
        for child in tag.children
        if not (isinstance(child, Tag) and child.name in _BLOCK_TAGS)
    )
    return text if len(text.strip()) >= _MIN_PROSE_PARAGRAPH else ""


def _has_block_child(tag: Tag) -> bool:
    return any(isinstance(child, Tag) and child.name in _BLOCK_TAGS for child in tag.children)


def _ancestors(tag: Tag, limit: int) -> Iterator[Tag]:
    node = tag.parent
    while isinstance(node, Tag) and limit > 0 and node.name not in ("html", "[document]"):
        yield node
        node = node.parent
        limit -= 1


def _initial_score(tag: Tag) -> float:
    score = float(_TAG_BONUS.get(tag.name, 0)) + _class_weight(tag)
    if tag.get("itemprop") == "articleBody":
        score += 50
    return score


def _class_weight(tag: Tag) -> int:
    weight = 0
    for value in (" ".join(tag.get("class") or ()), tag.get("id") or ""):
        if isinstance(value, str) and value:
            weight += 25 if _POSITIVE.search(value) else 0
            weight -= 25 if _NEGATIVE.search(value) else 0
    return weight


def _shared_ancestor(ranked: list[_Candidate], scores: _Scores) -> Tag | None:
    """The nearest ancestor of the top candidate holding 2+ near-equal rivals (cards, chunks)."""
    top = ranked[0]
    top_class = " ".join(top.tag.get("class") or ())
    # Near-equal chunks, or shorter blocks of the very same kind (the posts of a thread).
    rivals = [
        c.tag
        for c in ranked[1:]
        if c.score >= 0.75 * top.score
        or (
            top_class
            and c.score >= _MIN_KIN_SHARE * top.score
            and " ".join(c.tag.get("class") or ()) == top_class
        )
    ]
    if len(rivals) < _MIN_RIVALS:
        return None
    rival_ancestors = [{id(p) for p in rival.parents} for rival in rivals]
    for ancestor in top.tag.parents:
        if ancestor.name in ("body", "html", "[document]"):
            return None
        if sum(id(ancestor) in ancestors for ancestors in rival_ancestors) >= _MIN_RIVALS:
            return ancestor
    return None


def _climb(top: Tag, scores: _Scores) -> Tag:
    """Move up while the parent scores better: the body is often split across siblings."""
    last = scores[id(top)].score
    parent = top.parent
    while isinstance(parent, Tag) and parent.name not in ("body", "html", "[document]"):
        if id(parent) not in scores:
            parent = parent.parent
            continue
        score = scores[id(parent)].score
        if score < last / 3:
            break
        if score > last:
            return parent
        last = score
        parent = parent.parent
    return top


def _with_siblings(top: Tag, scores: _Scores) -> list[Tag]:
    top_score = scores[id(top)].score if id(top) in scores else 0.0
    # An only child's parent is the same content; its siblings are the ones worth joining.
    while _is_only_element_child(top) and top.parent is not None:
        top = top.parent
    parent = top.parent
    if not isinstance(parent, Tag) or parent.name in ("html", "[document]"):
        return [top]
    threshold = max(10.0, top_score * 0.2)
    top_class = " ".join(top.get("class") or ())
    chosen = []
    leads = _leading_prose(top)
    for sibling in parent.children:
        if not isinstance(sibling, Tag):
            continue
        if sibling is top or any(sibling is lead for lead in leads):
            chosen.append(sibling)
            continue
        same_class = top_class and " ".join(sibling.get("class") or ()) == top_class
        bonus = top_score * 0.2 if same_class else 0.0
        candidate = scores.get(id(sibling))
        if (candidate and candidate.score + bonus >= threshold) or (
            sibling.name == "p" and _is_loose_paragraph(sibling)
        ):
            chosen.append(sibling)
    return chosen


def own_article(containers: list[Tag], soup: BeautifulSoup, headline: str) -> list[Tag]:
    """On a page of stacked stories (infinite scroll), the story under the page's own headline.

    When some chosen text sits in an <article> headed by another title while an innermost
    <article> carries the page's headline and prose of its own, that one alone is the story.
    """
    key = normalise(headline)
    if not containers or not key:
        return containers
    own = next(
        (
            a
            for a in soup.find_all("article")
            if a.find("article") is None and _heading_key(a) == key and _holds_prose(a)
        ),
        None,
    )
    if own is None:
        return containers
    for container in containers:
        story = next((p for p in [container, *container.parents] if p.name == "article"), None)
        if (
            story is not None
            and story is not own
            and not _contains(own, story)
            and not _contains(story, own)
            and _heading_key(story) not in ("", key)
        ):
            return [own]
    return containers


def _heading_key(tag: Tag) -> str:
    heading = tag.find(["h1", "h2"])
    return normalise(heading.get_text(" ")) if heading is not None else ""


def find_introduction(containers: list[Tag]) -> Tag | None:
    """The article's lead in its own wrapper between the title and the body (class "intro",
    "lead", "excerpt"...), when the body containers do not already hold it."""
    if not containers:
        return None
    first = containers[0]
    for tag in first.find_all_previous(limit=_INTRO_LOOKBACK):
        if not isinstance(tag, Tag):
            continue
        if tag.name == "h1":
            break
        hints = " ".join(tag.get("class") or ()) + " " + str(tag.get("id") or "")
        if not _INTRO_HINT.search(hints) or tag.find(["h1", "img", "figure"]) is not None:
            continue
        if len(_text(tag)) < _MIN_INTRO or _link_density(tag) > 0.3:
            continue
        if any(_contains(tag, c) or _contains(c, tag) for c in containers):
            return None
        return tag
    return _lead_paragraph(first)


def _lead_paragraph(first: Tag) -> Tag | None:
    """An unmarked lead: a paragraph of prose between the title and the body, inside the
    same <article> as the body."""
    story = next((parent for parent in first.parents if parent.name == "article"), None)
    if story is None:
        return None
    for tag in first.find_all_previous(["p", "h1"], limit=_LEAD_LOOKBACK):
        if tag.name == "h1" or not _contains(story, tag):
            return None
        text = _text(tag)
        if (
            len(text) >= _MIN_LEAD
            and text.endswith(_SENTENCE_ENDS)
            and _link_density(tag) <= 0.25
            and tag.find_parent(_NOT_LEAD_PARENTS) is None
        ):
            return tag
    return None


def _contains(ancestor: Tag, tag: Tag) -> bool:
    return any(parent is ancestor for parent in tag.parents)


def _text(tag: Tag) -> str:
    return collapse(tag.get_text(" "))


def _leading_prose(top: Tag) -> list[Tag]:
    """An introduction in its own wrapper just before the body: prose, not links or titles."""
    leads = []
    for sibling in top.find_previous_siblings(limit=_MAX_LEADS):
        if sibling.name in _NOT_LEAD_TAGS or sibling.find(_NOT_LEAD_TAGS) is not None:
            break
        if sibling.name != "p" and sibling.find("p") is None:
            break  # a caption or a label, not paragraphs
        text = collapse(sibling.get_text(" "))
        if len(text) < _MIN_LEAD or _link_density(sibling) > 0.25:
            break
        leads.append(sibling)
    return leads


def _holds_prose(tag: Tag) -> bool:
    long_paragraphs = (p for p in tag.find_all("p") if _text_length(p) > _MIN_PROSE_PARAGRAPH)
    return sum(1 for _ in long_paragraphs) >= 2 and _link_density(tag) < 0.3


def _is_only_element_child(tag: Tag) -> bool:
    parent = tag.parent
    if not isinstance(parent, Tag) or parent.name in ("body", "html", "[document]"):
        return False
    return sum(1 for child in parent.children if type(child) is Tag) == 1


def _is_loose_paragraph(tag: Tag) -> bool:
    text = collapse(tag.get_text(" "))
    density = _link_density(tag)
    return (len(text) > 80 and density < 0.25) or (
        0 < len(text) <= 80 and density == 0 and text.endswith(".")
    )


def _is_link_line(text: str, links: list[Tag]) -> bool:
    """Links with next to no text of their own: a short line mostly linked, or a run of
    several links and nothing else, however long."""
    total = len(collapse(text))
    if not total or not links:
        return False
    density = min(sum(_text_length(a) for a in links) / total, 1.0)
    return (total < _MAX_LINK_LINE and density > 0.8) or (
        len(links) >= _MIN_LINK_RUN and density > 0.9
    )


def _leads_away(link: Tag) -> bool:
    href = link.get("href")
    return isinstance(href, str) and bool(href.strip()) and not href.startswith("#")


def _link_density(tag: Tag) -> float:
    total = _text_length(tag)
    if not total:
        return 0.0
    linked = sum(_text_length(a) for a in descendant_tags(tag, _LINK))
    return min(linked / total, 1.0)


def _text_length(tag: Tag) -> int:
    return len(collapse(tag.get_text(" ")))


# --- turning the container into blocks ------------------------------------------------------


class BlockWriter:
    """Walks content containers and emits paragraphs, headings, lists, quotes and figures."""

    def __init__(
        self,
        base_url: str,
        headline: str,
        jsonld_credits: dict[str, str],
        not_figures: frozenset[str] = frozenset(),
    ) -> None:
        self.base_url = base_url
        self.headline_key = normalise(headline)
        self.jsonld_credits = jsonld_credits
        self.not_figures = not_figures  # logos and headshots the page's structured data names
        self.blocks: list[Block] = []
        self._seen_images: set[str] = set()

    def write(self, containers: list[Tag]) -> list[Block]:
        set_aside = [pair for container in containers for pair in _set_aside_credits(container)]
        for container in containers:
            self._visit(container)
        for placeholder, tag in set_aside:
            placeholder.replace_with(tag)  # the date lookup still reads bylines and post metadata
        return _without_trailing_chrome(self.blocks)

    def _visit(self, node: Tag) -> None:
        if _is_credit_text(node) or _is_about_the_post(node):
            return  # a picture credit standing apart from its picture, an author's box
        if node.name in ("div", "span") and self._captioned_picture(node):
            return
        # A <p> holding an image is still one paragraph; the image is lifted out of it.
        if node.name in ("p", "pre") or not _has_block_child(node):
            self._paragraph(node)
            return
        inline: list[NavigableString | Tag] = []
        for child in list(node.children):
            if isinstance(child, Tag) and child.name in _BLOCK_TAGS:
                self._flush_inline(inline)
                inline = []
                self._dispatch(child)
            elif isinstance(child, (NavigableString, Tag)):
                inline.append(child)
        self._flush_inline(inline)

    def _dispatch(self, tag: Tag) -> None:
        name = tag.name
        if name in _HEADINGS:
            self._heading(tag)
        elif name in ("ul", "ol"):
            self._list(tag)
        elif name == "blockquote":
            self._blockquote(tag)
        elif name in ("figure", "picture", "img"):
            self._figure(tag)
        elif name in ("hr", "figcaption"):
            return
        elif name == "form" and not _holds_prose(tag):
            return  # a signup or comment widget; a shop wraps its product text in a form
        else:
            self._visit(tag)

    def _paragraph(self, tag: Tag) -> None:
        self._emit_inline_images(tag)
        text = tag.get_text(" ")
        links = descendant_tags(tag, _LINK)
        if _is_link_line(text, links):
            self._drop_orphan_heading()
            return  # "Click here", "Read more: Other story": navigation, not prose
        if _is_promo(tag, text):
            self._drop_orphan_heading()
            return
        self._add_text_block("p", tag.decode_contents(), text)

    def _flush_inline(self, nodes: list[NavigableString | Tag]) -> None:
        text = " ".join(n.get_text(" ") if isinstance(n, Tag) else str(n) for n in nodes)
        if not collapse(text):
            return
        links = [
            link
            for node in nodes
            if isinstance(node, Tag)
            for link in ([node] if node.name == "a" else descendant_tags(node, _LINK))
        ]
        if _is_link_line(text, links):
            self._drop_orphan_heading()
            return  # bare links between the blocks: a "more stories" box
        for node in nodes:
            if isinstance(node, Tag):
                self._emit_inline_images(node)
        markup = "".join(str(n) if isinstance(n, Tag) else html.escape(str(n)) for n in nodes)
        self._add_text_block("p", markup, text)

    def _add_text_block(self, tag: str, markup: str, text: str) -> None:
        text = collapse(text)
        if not text or _AD_LABEL.match(text):
            return
        if len(text) <= _MAX_CREDIT_LINE and _CREDIT_LINE.match(text):
            return
        self.blocks.append(Block(tag, f"<{tag}>{markup.strip()}</{tag}>", text))

    def _heading(self, tag: Tag) -> None:
        text = collapse(tag.get_text(" "))
        if not text or normalise(text) == self.headline_key:
            return
        if _is_link_line(text, [a for a in descendant_tags(tag, _LINK) if _leads_away(a)]):
            return  # the title of a teaser for another page
        self._resolve_links(tag)
        self.blocks.append(
            Block(
                _HEADINGS[tag.name],
                f"<{_HEADINGS[tag.name]}>{html.escape(text)}</{_HEADINGS[tag.name]}>",
                text,
            )
        )

    def _list(self, tag: Tag) -> None:
        items = [li for li in tag.find_all("li") if collapse(li.get_text(" "))]
        if not items or _link_density(tag) > 0.5:
            self._drop_orphan_heading()
            return
        self._resolve_links(tag)
        for li in items:
            self._emit_inline_images(li)
        body = "".join(
            f"<li>{li.decode_contents().strip()}</li>" for li in items if li.find("li") is None
        )
        text = " ".join(collapse(li.get_text(" ")) for li in items if li.find("li") is None)
        self.blocks.append(Block(tag.name, f"<{tag.name}>{body}</{tag.name}>", collapse(text)))

    def _drop_orphan_heading(self) -> None:
        """A heading whose section turned out to be only links ("Most read", "See also"), or
        a short label introducing them ("See also:") set as a line of its own."""
        if not self.blocks:
            return
        last = self.blocks[-1]
        if last.tag in _HEADING_RANKS or (
            last.tag == "p" and len(last.text) <= _MAX_PROMO_LABEL and last.text.endswith(":")
        ):
            self.blocks.pop()

    def _blockquote(self, tag: Tag) -> None:
        text = collapse(tag.get_text(" "))
        if not text:
            return
        self._resolve_links(tag)
        paragraphs = tag.find_all("p") or [tag]
        inner = "".join(f"<p>{p.decode_contents().strip()}</p>" for p in paragraphs)
        self.blocks.append(Block("blockquote", f"<blockquote>{inner}</blockquote>", text))

    def _figure(self, tag: Tag) -> None:
        image = self._image_for(tag)
        if image is None:
            if tag.name == "figure":
                self._visit(tag)
            return
        if image.src in self._seen_images:
            return
        self._add_figure(image)

    def _add_figure(self, image: ParsedImage) -> None:
        self._seen_images.add(image.src)
        caption = f"<figcaption>{html.escape(image.caption)}</figcaption>" if image.caption else ""
        img = f'<img src="{html.escape(image.src)}" alt="{html.escape(image.alt)}">'
        markup = f"<figure>{img}{caption}</figure>"
        self.blocks.append(
            Block("figure", markup, collapse(f"{image.caption} {image.credit}"), image)
        )

    def _image_for(self, tag: Tag) -> ParsedImage | None:
        if tag.name == "figure":
            image = figure_image(tag, self.base_url, self.jsonld_credits)
            img = tag.find("img")
            if image is None or self._is_not_a_figure(img, image.src):
                return None
            return image
        img = tag if tag.name == "img" else tag.find("img")
        if img is None or _is_small(img) or has_noscript_copy(img):
            return None
        src = image_src(img, self.base_url)
        if not src or self._is_not_a_figure(img, src):
            return None
        caption, credit = split_caption(str(img.get("data-caption") or ""))
        credit = collapse(str(img.get("data-credit") or "")) or credit
        return ParsedImage(src=src, alt=collapse(str(img.get("alt") or "")), caption=caption,
                           credit=credit or self.jsonld_credits.get(src, ""))  # fmt: skip

    def _captioned_picture(self, node: Tag) -> bool:
        """A wrapper holding one picture and a short text beside it is a figure without the
        tag: the text is its caption, not body text."""
        picture = _only_picture(node)
        if picture is None:
            return False
        text = collapse(node.get_text(" "))
        if not text or len(text) > _MAX_PICTURE_CAPTION:
            return False
        image = self._image_for(picture)
        if image is None:
            return False
        if image.src not in self._seen_images:
            caption, credit = split_caption(text)
            self._add_figure(replace(image, caption=caption, credit=credit or image.credit))
        return True

    def _is_not_a_figure(self, img: Tag | None, src: str) -> bool:
        return src in self.not_figures or (img is not None and is_not_a_figure(img, src))

    def _emit_inline_images(self, tag: Tag) -> None:
        """Lift images out of running text into their own figure blocks."""
        self._resolve_links(tag)
        for img in descendant_tags(tag, _IMAGE_TAGS):
            if img.decomposed:
                continue
            self._figure(img)
            img.decompose()

    def _resolve_links(self, tag: Tag) -> None:
        for link in descendant_tags(tag, _LINK):
            href = link.get("href")
            if isinstance(href, str):
                link["href"] = absolute_url(href, self.base_url)


def _only_picture(node: Tag) -> Tag | None:
    """The one picture a wrapper holds beside inline text only, in one pass that stops early."""
    found = None
    for tag in node.descendants:
        if type(tag) is not Tag:
            continue
        if tag.name in _NOT_IN_CAPTIONS:
            return None
        if tag.name == "img" and not has_noscript_copy(tag):
            if found is not None:
                return None
            found = tag
    return found


def _without_trailing_chrome(blocks: list[Block]) -> list[Block]:
    """Drop what trails the last real paragraph: headings of link lists that were left out,
    and short lines ("Share this article", "Contact", "More on this topic")."""
    end = len(blocks)
    while end and (
        blocks[end - 1].tag in _HEADING_RANKS
        or (blocks[end - 1].tag == "p" and len(blocks[end - 1].text) < _MIN_LAST_LINE)
    ):
        end -= 1
    if sum(len(block.text) for block in blocks[:end]) < _SHORT_BODY_TEXT:
        return blocks  # a short piece: its short lines may be all there is
    return blocks[:end]


def _set_aside_credits(container: Tag) -> list[tuple[NavigableString, Tag]]:
    """Take credits and notes about the post out of the tree while the blocks are written,
    each with the placeholder standing in its place.

    Blocks are checked as they are visited, but these sit in running text ("<span
    class=credit>" in a paragraph, a caption's "copyright" line in an inline wrapper) and
    would be read as part of their paragraph. Figures keep theirs: their captions and credits
    are read with the picture.
    """
    set_aside = []
    stack = [child for child in container.children if type(child) is Tag]
    while stack:
        tag = stack.pop()
        if tag.name == "figure":
            continue
        if (tag.get("class") or tag.get("id")) and (
            _is_credit_text(tag) or _is_about_the_post(tag)
        ):
            placeholder = NavigableString("")
            tag.replace_with(placeholder)
            set_aside.append((placeholder, tag))
            continue
        stack.extend(child for child in tag.children if type(child) is Tag)
    return set_aside


def _is_credit_text(tag: Tag) -> bool:
    """A credit line by its class ("credit", "image-source"): short, and without a picture.

    A long element is a wrapper whose class merely names where its content comes from
    ("field-source-content").
    """
    hints = " ".join(tag.get("class") or ()) + " " + str(tag.get("id") or "")
    return (
        bool(_CREDIT_HINT.search(hints))
        and tag.find(_IMAGE_TAGS) is None
        and _text_length(tag) <= _MAX_CREDIT_TEXT
    )


def _is_about_the_post(tag: Tag) -> bool:
    hints = f"{' '.join(tag.get('class') or ())} {tag.get('id') or ''}".lower()
    if not hints.strip():
        return False
    if _ABOUT_THE_POST.search(hints):
        return not _holds_prose(tag)  # a wrapper named after its author holds the article
    return (
        _CAPTION_HINT.search(hints) is not None
        and tag.find(_IMAGE_TAGS) is None
        and _text_length(tag) <= _MAX_LOOSE_CAPTION
    )


def _is_promo(tag: Tag, text: str) -> bool:
    """ "Read more: <a>Another story's headline</a>": a short label, then nothing but a link."""
    first_link = tag.find("a", href=True)
    if first_link is None:
        return False
    label = collapse("".join(_text_before(tag, first_link)))
    if not label.endswith(":") or len(label) > _MAX_PROMO_LABEL:
        return False
    linked = sum(_text_length(a) for a in descendant_tags(tag, _LINK))
    return linked >= 0.8 * (len(collapse(text)) - len(label))


def _text_before(tag: Tag, stop: Tag) -> Iterator[str]:
    for node in tag.descendants:
        if node is stop:
            return
        if isinstance(node, NavigableString):
            yield str(node)


def _is_small(img: Tag) -> bool:
    for attr in ("width", "height"):
        value = str(img.get(attr) or "").removesuffix("px")
        if value.isdigit() and int(value) < 100:
            return True
    return False
