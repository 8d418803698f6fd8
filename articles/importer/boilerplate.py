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
_DROPPED = etree.XPath(
    "//script[not(contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json'))]"
    " | //noscript[not(.//img)]"
    " | " + " | ".join(f"//body//{tag}" for tag in _DROPPED_TAGS)
)
_JUNK_ROLES = frozenset(
    {"navigation", "banner", "complementary", "contentinfo", "dialog", "alertdialog", "menu",
     "menubar", "search", "toolbar", "tablist"}
)  # fmt: skip

# Class/id words (matched lower-cased) that mark chrome. A "maybe" word (article, content...)
# rescues an element from the weak list only; the strong list names things that are never
# the article body.
_STRONG_JUNK = re.compile(
    r"related|share|sharing|social|newsletter|comment|cookie|promo|subscri|donat|signup|sign-up|"
    r"outbrain|taboola|recommend|trending|popular|consent|advert|sponsor|gdpr|"
    r"breadcrumb|disclaimer|disclosure|affiliate|fact-?box|more-?stories|disqus|also-?read|most-?read|follow-?us|"
    r"skip-?link|toolbar|author-?bio|tag-?list|rss|(?:^|[\s_-])cta(?:$|[\s_-])|"
    r"(?:^|[\s_-])ads?(?:$|[\s_-])|ad-?slot|ad-?container|ad-?wrapper|adunit|banner",
)
_AD = re.compile(r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|sponsor|promo")
_EMBED = re.compile(r"embed")
# Containers that often hold the rest of the article behind a toggle or a page break.
_HIDING_PLACES = re.compile(r"read-?more|pagination|pager|popup|modal|overlay|expand")
_WEAK_JUNK = re.compile(
    r"combx|community|cover-wrap|extra|footer|header|legends|menu|remark|replies|shoutbox|"
    r"sidebar|skyscraper|supplemental|agegate|widget|masthead|navigation|(?:^|[\s_-])nav|"
    r"(?:^|[\s_-])rail|(?:^|[\s_-])aside|teaser|tools|utility|login|offscreen|sr-only|"
    r"visually-hidden|screen-reader",
)
_MAYBE_CONTENT = re.compile(r"article|body|column|content|main|story|text|entry|prose")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_REMOVED = frozenset({"html", "head", "body", "article", "main"})
_HOLDS_ARTICLE = etree.XPath(".//h1 | .//*[@itemprop='articleBody']")
_HAS_PROSE = etree.XPath("count(.//p[string-length(normalize-space()) > 80]) >= 3")
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
    for element in _DROPPED(root):
        _remove_keeping_tail(element)
    body = root.find("body")
    if body is not None:
        _strip_chrome(body, by_class)
    return etree.tostring(root, encoding="unicode", method="html")


def _strip_chrome(body: etree._Element, by_class: bool) -> None:
    stack = list(body)
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):
            continue
        if _is_removable(element, by_class):
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


def _is_removable(element: etree._Element, by_class: bool = True) -> bool:
    if element.tag in _NEVER_REMOVED:
        return False
    if not (_is_hidden(element) or is_chrome(element, by_class=by_class)):
        return False
    return not _HOLDS_ARTICLE(element)


def is_chrome(element: etree._Element, *, by_class: bool = True) -> bool:
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
    return verdict is _Verdict.JUNK


class _Verdict(Enum):
    KEEP = 1
    JUNK = 2
    JUNK_UNLESS_PROSE = 3


@lru_cache(maxsize=4096)
def _hint_verdict(hints: str) -> _Verdict:
    """Classify a class/id string; pages repeat the same few hundred, so it is cached."""
    # In BEM names ("article_main__sidebar") the element part after "__" says what it is.
    maybe_content = _MAYBE_CONTENT.search(" ".join(t.rpartition("__")[2] for t in hints.split()))
    if _HIDING_PLACES.search(hints):
        return _Verdict.JUNK_UNLESS_PROSE
    if _EMBED.search(hints) and not _AD.search(hints):
        return _Verdict.KEEP  # embedded posts and tweets are quoted material, not chrome
    if _STRONG_JUNK.search(hints):
        return _Verdict.JUNK_UNLESS_PROSE if maybe_content else _Verdict.JUNK
    if _WEAK_JUNK.search(hints) and not maybe_content:
        return _Verdict.JUNK
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
