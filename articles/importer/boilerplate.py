"""Remove page chrome before BeautifulSoup sees the page.

A fast lxml pre-pass: BeautifulSoup's tree building dominates parse time, and scripts,
styles, SVG, navigation, share bars, related links, appeals and comment widgets are often
more than half of a news page's nodes. JSON-LD and <head> metadata are kept.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

import lxml.etree as etree

_DROPPED_TAGS = (
    "style", "template", "svg", "iframe", "object", "embed", "canvas", "button", "input",
    "select", "textarea", "option", "audio", "video", "map", "nav", "dialog", "aside", "footer",
)  # fmt: skip
# Landmarks that an unclosed tag can stretch around the whole page: dropped unless they
# hold the page's <main>.
_LANDMARKS = ("nav", "aside", "footer")
_DROPPED_ALWAYS = (
    "//script[not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]"
    " | "
    + " | ".join(f"//body//{tag}" for tag in _DROPPED_TAGS if tag not in _LANDMARKS)
    + " | "
    + " | ".join(f"//body//{tag}[not(.//main)]" for tag in _LANDMARKS)
)
_DROPPED = etree.XPath(_DROPPED_ALWAYS + " | //noscript[not(.//img)]")
# The gentle pass keeps <noscript>: some pages carry their whole text there for readers
# without scripts.
_DROPPED_GENTLE = etree.XPath(_DROPPED_ALWAYS)
_JUNK_ROLES = frozenset(
    {"navigation", "banner", "complementary", "contentinfo", "dialog", "alertdialog", "menu",
     "menubar", "search", "toolbar", "tablist"}
)  # fmt: skip

# Class/id words (matched lower-cased) that mark chrome. A "maybe" word (article, content...)
# rescues an element from the weak list only; the strong list names things that are never
# the article body.
_STRONG_JUNK = re.compile(
    r"related|similar|share|sharing|social|newsletter|comment|cookie|promo|subscri|donat|signup|sign-up|"
    r"outbrain|taboola|recommend|trending|popular|consent|advert|sponsor|gdpr|"
    r"breadcrumb|disclaimer|disclosure|affiliate|fact-?box|more-?stories|disqus|also-?read|most-?read|follow-?us|"
    r"skip-?link|toolbar|author-?bio|tag-?list|rss|(?:^|[\s_-])cta(?:$|[\s_-])|"
    r"(?:^|[\s_-])ads?(?:$|[\s_-])|ad-?slot|ad-?container|ad-?wrapper|adunit|banner",
)
_AD = re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|promo")
_EMBED = re.compile(r"embed")
# Containers that often hold the rest of the article behind a toggle or a page break.
_HIDING_PLACES = re.compile(r"read-?more|pagination|pager|popup|modal|overlay|expand")
# Of those, the ones that fold a passage of the text itself away ("Read more" toggles).
_FOLDED_TEXT = re.compile(r"read-?more|expand")
# Layout words: a theme may wrap the article itself in a "sidebar-layout", a "widget" or a
# "block-tools" column, so these are chrome only when they do not hold most of the page's prose.
_LAYOUT_JUNK = re.compile(
    r"community|extra|header|replies|sidebar|supplemental|widget|(?:^|[\s_-])rail|"
    r"(?:^|[\s_-])aside|tools|utility",
)
# Never the article, however much text they hold: menus, log-in dialogs, captions, teasers.
_WEAK_JUNK = re.compile(
    r"combx|cover-wrap|footer|legends|remark|shoutbox|skyscraper|masthead|teaser|menu|agegate|"
    r"navigation|(?:^|[\s_-])nav|login|offscreen|sr-only|visually-hidden|screen-reader",
)
_MAYBE_CONTENT = re.compile(r"article|body|column|content|main|story|text|entry|prose")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_REMOVED = frozenset({"html", "head", "body", "article", "main"})
_HOLDS_ARTICLE = etree.XPath(".//h1 | .//*[@itemprop='articleBody']")
_HAS_PROSE = etree.XPath("count(.//p[string-length(normalize-space()) > 80]) >= 3")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space())")
_LINKS = etree.XPath(".//a")
# A weak chrome word ("sidebar-layout", "block-tools") does not remove the element holding
# more than this share of the page's text in real paragraphs: that is the article itself.
_MAIN_SHARE = 0.4
# A collapsed "read more" box holding this much text that is not links is the text itself.
_MIN_HIDDEN_TEXT = 200
_MAX_HIDDEN_LINKS = 0.3
# Everything any extractor step reads; the rest is dropped before BeautifulSoup parses.
_USED_ATTRIBUTES = frozenset(
    {"class", "id", "itemprop", "itemtype", "rel", "href", "src", "srcset", "alt", "title",
     "datetime", "content", "name", "property", "type", "lang", "role", "width", "height",
     "start", "data-src", "data-srcset", "data-original", "data-lazy-src", "data-lazy-srcset",
     "data-url", "data-hi-res-src", "data-full-src", "data-lazy", "data-caption", "data-credit",
     "data-testid"}
)  # fmt: skip
# Plain etree elements: lxml.html's element-class lookup costs a Python call per node.
_HTML_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")


def strip_boilerplate(html: str, *, by_class: bool = True) -> str:
    """``html`` without scripts (JSON-LD kept), styles, widgets and page chrome.

    ``by_class=False`` keeps elements that only their class or id marks as chrome: the
    second pass for pages whose theme names the article's own wrapper "widget" or "social".
    """
    try:
        root = etree.fromstring(_XML_DECLARATION.sub("", html), _HTML_PARSER)
    except (etree.LxmlError, ValueError):
        return html
    if root is None:
        return html
    for element in (_DROPPED if by_class else _DROPPED_GENTLE)(root):
        _remove_keeping_tail(element)
    body = root.find("body")
    if body is not None:
        _strip_chrome(body, by_class, _TEXT_LENGTH(body))
    return etree.tostring(root, encoding="unicode", method="html")


def _strip_chrome(body: etree._Element, by_class: bool, page_text: float) -> None:
    stack = list(body)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _is_removable(element, by_class, page_text):
            _remove_keeping_tail(element)
            continue
        _drop_unused_attributes(element)
        # Inside a figure, "modal"/"share" classes belong to lightbox wrappers around the image.
        if element.tag != "figure":
            stack.extend(element)
        else:
            for descendant in element.iterdescendants():
                _drop_unused_attributes(descendant)


def _drop_unused_attributes(element: etree._Element) -> None:
    """Styles, handlers and tracking data: BeautifulSoup would only spend time copying them."""
    attributes = element.attrib
    # Lazy loaders keep a picture's address in data-* attributes of their own naming.
    keep_data = element.tag in ("img", "source")
    unused = [
        name
        for name in attributes
        if name not in _USED_ATTRIBUTES and not (keep_data and name.startswith("data-"))
    ]
    for name in unused:
        del attributes[name]


def _is_removable(element: etree._Element, by_class: bool = True, page_text: float = 0) -> bool:
    if element.tag in _NEVER_REMOVED:
        return False
    if not (_is_hidden(element) or is_chrome(element, by_class=by_class, page_text=page_text)):
        return False
    return not _HOLDS_ARTICLE(element)


def is_chrome(element: etree._Element, *, by_class: bool = True, page_text: float = 0) -> bool:
    role = element.get("role")
    if role and role.lower() in _JUNK_ROLES:
        return True
    hints = f"{element.get('class') or ''} {element.get('id') or ''}".strip().lower()
    if not hints or not by_class:
        return False
    verdict = _hint_verdict(hints)
    if verdict is _Verdict.JUNK_UNLESS_PROSE:
        # "article__body overlay-handle": a content word plus real prose outweighs a junk word.
        return not _HAS_PROSE(element)
    if verdict is _Verdict.JUNK_UNLESS_TEXT:
        return not (_HAS_PROSE(element) or _is_running_text(element))
    if verdict is _Verdict.JUNK_UNLESS_MAIN:
        return not (_HAS_PROSE(element) and _TEXT_LENGTH(element) > _MAIN_SHARE * page_text)
    return verdict is _Verdict.JUNK


def _is_running_text(element: etree._Element) -> bool:
    """Enough text that is not links: a collapsed passage rather than a "more" link."""
    length = _TEXT_LENGTH(element)
    if length < _MIN_HIDDEN_TEXT:
        return False
    linked = sum(_TEXT_LENGTH(link) for link in _LINKS(element))
    return linked <= _MAX_HIDDEN_LINKS * length


class _Verdict(Enum):
    KEEP = 1
    JUNK = 2
    JUNK_UNLESS_PROSE = 3
    JUNK_UNLESS_TEXT = 4  # a place that hides text behind a toggle
    JUNK_UNLESS_MAIN = 5  # a weak chrome word: kept when it wraps most of the page's prose


@lru_cache(maxsize=4096)
def _hint_verdict(hints: str) -> _Verdict:
    """Classify a class/id string; pages repeat the same few hundred, so it is cached."""
    # In BEM names ("article_main__sidebar") the element part after "__" says what it is.
    maybe_content = _MAYBE_CONTENT.search(" ".join(t.rpartition("__")[2] for t in hints.split()))
    if _HIDING_PLACES.search(hints):
        return (
            _Verdict.JUNK_UNLESS_TEXT if _FOLDED_TEXT.search(hints) else _Verdict.JUNK_UNLESS_PROSE
        )
    if _EMBED.search(hints) and not _AD.search(hints):
        return _Verdict.KEEP  # embedded posts and tweets are quoted material, not chrome
    if _STRONG_JUNK.search(hints):
        return _Verdict.JUNK_UNLESS_PROSE if maybe_content else _Verdict.JUNK
    if maybe_content:
        return _Verdict.KEEP
    if _WEAK_JUNK.search(hints):
        return _Verdict.JUNK
    if _LAYOUT_JUNK.search(hints):
        return _Verdict.JUNK_UNLESS_MAIN
    return _Verdict.KEEP


def _is_hidden(element: etree._Element) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return element.tag not in ("img", "figure", "picture")
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _remove_keeping_tail(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
