"""Remove page chrome (navigation, share bars, related links, appeals, comments) before scoring."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Tag

_JUNK_TAGS = (
    "script", "style", "template", "svg", "iframe", "object", "embed", "canvas", "button",
    "input", "select", "textarea", "option", "link", "meta", "nav", "footer", "aside", "dialog",
    "audio", "video", "map", "head",
)  # fmt: skip
_JUNK_ROLES = frozenset(
    {"navigation", "banner", "complementary", "contentinfo", "dialog", "alertdialog", "menu",
     "menubar", "search", "toolbar", "tablist"}
)  # fmt: skip

# Class/id words that mark chrome. A "maybe" word (article, content...) rescues an element
# from the weak list only; the strong list names things that are never the article body.
_STRONG_JUNK = re.compile(
    r"related|share|sharing|social|newsletter|comment|cookie|promo|subscri|donat|signup|sign-up|"
    r"outbrain|taboola|recommend|trending|popular|paywall|consent|advert|sponsor|gdpr|"
    r"breadcrumb|pagination|pager|popup|modal|overlay|read-?more|more-?stories|disqus|"
    r"also-?read|most-?read|follow-?us|skip-?link|toolbar|author-?bio|tag-?list|rss|"
    r"(?:^|[\s_-])ads?(?:$|[\s_-])|ad-?slot|ad-?container|ad-?wrapper|adunit|banner",
    re.I,
)
_WEAK_JUNK = re.compile(
    r"combx|community|cover-wrap|extra|footer|header|legends|menu|remark|replies|shoutbox|"
    r"sidebar|skyscraper|supplemental|agegate|widget|masthead|navigation|(?:^|[\s_-])nav|"
    r"sidebar|rail|teaser|tools|utility|login|offscreen|sr-only|visually-hidden|screen-reader",
    re.I,
)
_MAYBE_CONTENT = re.compile(r"article|body|column|content|main|story|text|entry|prose", re.I)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_NEVER_REMOVED = frozenset({"html", "body", "article", "main"})


def strip_boilerplate(soup: BeautifulSoup) -> None:
    """Delete chrome from ``soup`` in place, sparing anything that holds the article itself."""
    for tag in soup.find_all(_JUNK_TAGS):
        if not tag.decomposed:
            tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all("noscript"):
        # Keep the <noscript> copy of a lazily loaded image; drop "enable JavaScript" notes.
        if tag.find("img") is None:
            tag.decompose()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in _NEVER_REMOVED:
            continue
        if (_is_hidden(tag) or is_chrome(tag)) and not _holds_article(tag):
            tag.decompose()


def class_and_id(tag: Tag) -> str:
    classes = tag.get("class") or ()
    ident = tag.get("id") or ""
    return " ".join(classes) + " " + (ident if isinstance(ident, str) else "")


def is_chrome(tag: Tag) -> bool:
    role = tag.get("role")
    if isinstance(role, str) and role.lower() in _JUNK_ROLES:
        return True
    hints = class_and_id(tag).strip()
    if not hints:
        return False
    if _STRONG_JUNK.search(hints):
        return True
    return bool(_WEAK_JUNK.search(hints)) and not _MAYBE_CONTENT.search(hints)


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return isinstance(style, str) and bool(_HIDDEN_STYLE.search(style))


def _holds_article(tag: Tag) -> bool:
    """A wrapper whose class merely mentions "comments" must not take the article with it."""
    return tag.find("h1") is not None or tag.find(itemprop="articleBody") is not None
