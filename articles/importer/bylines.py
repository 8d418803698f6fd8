"""Author names: JSON-LD people, author meta tags, then the visible byline, all cleaned."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import islice

from bs4 import BeautifulSoup, Tag

from .jsonld import type_names
from .metadata import PageMetadata, names
from .text import collapse, normalise

_AUTHOR_META_KEYS = ("author", "byl", "sailthru.author", "parsely-author", "dc.creator",
                     "dcterms.creator", "article:author", "cxenseparse:author")  # fmt: skip
_BY_PREFIX = re.compile(
    r"^(?:(?:written|posted|reported|words|text|photos?|story)\s+)?"
    r"(?:by|par|von|por|door|di|av|de|från|af)\b[\s:]*|^(?:author|autor|auteur|text)\s*:\s*",
    re.IGNORECASE,
)
_BY_WORD = re.compile(r"^\s*(?:by|par|por|von|door)\b", re.IGNORECASE)
_NAME_SEPARATORS = re.compile(
    r"\s*(?:,|;|\||\n|&|\s[-\u2013\u2014]\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bwith\b)\s*"
)
_MONTH_WORDS = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun"
_NAME_CUT = re.compile(
    rf"\s+(?:is|was|has|for|at|in|on|covers|writes|reports|updated|published)\s+.*$|"
    rf"\s+(?:{_MONTH_WORDS})[a-z]*\.?\s+\d.*$|\s*\d.*$|"
    # A parenthesis ends the name ("Jane Doe (Reuters)") unless more name follows a short one:
    # "Robert (Bobby) Smith" keeps its nickname.
    r"\s*\((?![^()]{1,25}\)\s+[^\W\d_]).*$",
    re.IGNORECASE,
)
# A part ending in one of these is a job title ("Games Editor", "Staff Writer").
_TITLE_ENDINGS = frozenset(
    [
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "correspondents",
        "editor",
        "editors",
        "contributor",
        "contributors",
        "columnist",
        "producer",
        "analyst",
        "photographer",
        "journalist",
        "journaliste",
        "redakteur",
        "redaktor",
        "redactor",
        "critic",
        "intern",
        "director",
        "manager",
        "host",
        "anchor",
        "staff",
        "desk",
        "team",
        "newsroom",
    ]
)
_ROLE_WORDS = _TITLE_ENDINGS | frozenset(
    [
        "senior",
        "chief",
        "deputy",
        "associate",
        "political",
        "science",
        "investigative",
        "national",
        "international",
        "foreign",
        "special",
        "digital",
        "freelance",
        "guest",
        "opinion",
        "managing",
        "executive",
        "weekend",
        "contributing",
        "business",
        "technology",
        "health",
        "sports",
        "entertainment",
        "travel",
        "politics",
        "economics",
        "culture",
        "features",
    ]
)
_ORGANISATION_WORDS = frozenset(
    [
        "media",
        "news",
        "press",
        "network",
        "magazine",
        "newspaper",
        "agency",
        "associated",
        "wire",
        "newsroom",
        "inc",
        "ltd",
        "llc",
        "group",
        "online",
        "tv",
        "radio",
        "staff",
        "editorial",
        "insider",
    ]
)
_CREDENTIALS = frozenset({"ma", "md", "phd", "ms", "msc", "rn", "mph", "jd", "mba", "bsc"})
_NAME_PARTICLES = frozenset(
    {"de", "da", "das", "do", "dos", "del", "della", "di", "du", "la", "le", "van", "von", "der",
     "den", "ten", "ter", "bin", "ibn", "al", "el", "y", "e", "st.", "mc"}
)  # fmt: skip
_BYLINE_HINT = re.compile(r"byline|author|writer|contributor", re.IGNORECASE)
# "Jane Doe (with John Roe and Ann Lee)": the contributors are authors too.
_WITH_CONTRIBUTORS = re.compile(r"\(\s*(?:with|and|mit|und|avec|et|con|y)\s+([^()]+)\)", re.I)
# Quotes and parentheses around a nickname are not part of the word's shape.
_NICKNAME_MARKS = "()\"'\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"
_PERSON_TYPES = frozenset({"person"})
# How many visible byline candidates are read looking for a fuller form of a declared author.
_FULLER_BYLINE_TRIES = 3


def byline(soup: BeautifulSoup, meta: PageMetadata, site: str) -> tuple[str, ...]:
    """Author names from structured data, then author meta tags, then the visible byline.

    A visible byline element naming every declared author and more ("Jane Doe and John Roe"
    where JSON-LD lists only "Jane Doe") is the fuller truth.
    """
    authors = meta.article.get("author") or meta.article.get("creator")
    # A declared Person keeps their name even when the site is named after them (a blog).
    people = {normalise(name) for name in _typed_people(authors)}
    declared = clean_names(names(authors, people_only=True), site, people=people)
    declared = declared or clean_names(meta.all(*_AUTHOR_META_KEYS), site)
    if not declared:
        return clean_names(_visible_bylines(soup), site, people=people)
    declared_keys = {normalise(name) for name in declared}
    for raw in islice(_visible_bylines(soup), _FULLER_BYLINE_TRIES):
        visible = clean_names([raw], site, people=people)
        if declared_keys < {normalise(name) for name in visible}:
            return visible
    return declared


def _typed_people(value: object) -> Iterator[str]:
    if isinstance(value, list):
        for item in value:
            yield from _typed_people(item)
    elif isinstance(value, dict) and type_names(value) & _PERSON_TYPES:
        yield from names(value)


def clean_names(
    raw_values: Iterable[str], site: str = "", *, people: set[str] | frozenset[str] = frozenset()
) -> tuple[str, ...]:
    """Split raw byline strings into names, dropping "By", roles, the site name and URLs.

    A name in ``people`` (normalised) is kept even when it equals the site name.
    """
    site_key = normalise(site)
    found: list[str] = []
    for raw in raw_values:
        raw = collapse(raw)
        if not raw or "://" in raw or raw.startswith("/"):
            continue
        raw = _WITH_CONTRIBUTORS.sub(r", \1", _BY_PREFIX.sub("", raw))
        for part in _NAME_SEPARATORS.split(raw):
            name = _clean_name(part)
            if not name or not _looks_like_name(name):
                continue
            key = normalise(name)
            if key != site_key or key in people:
                _add_name(found, name)
    return tuple(found)


def _add_name(found: list[str], name: str) -> None:
    """Add ``name`` unless already present; "Tech Insider Alex Perry" repeats "Alex Perry"."""
    key = normalise(name)
    for index, existing in enumerate(found):
        existing_key = normalise(existing)
        if existing_key in key:
            return
        if key in existing_key:
            found[index] = name
            return
    found.append(name)


def _clean_name(part: str) -> str:
    name = _BY_PREFIX.sub("", part.strip(" -\u2013\u2014:·•"))
    name = _NAME_CUT.sub("", name).strip(" -\u2013\u2014:·•.,")
    words = [w for w in name.split() if w.lower().strip(".,") not in _CREDENTIALS]
    # "Jane Doe Staff Writer": drop trailing role words once the name itself is complete.
    while len(words) > 2 and words[-1].lower().strip(".,") in _ROLE_WORDS:
        words.pop()
    return " ".join(words)


def _looks_like_name(name: str) -> bool:
    words = [w for w in (w.strip(_NICKNAME_MARKS) for w in name.split()) if w]
    if not words:
        return False
    name = " ".join(words)
    lowered = [w.lower().strip(".,") for w in words]
    if not 2 <= len(words) <= 5 or "@" in name or not name[0].isupper():
        return False
    if lowered[-1] in _TITLE_ENDINGS or any(w in _ORGANISATION_WORDS for w in lowered):
        return False
    if any(w.endswith((".com", ".org", ".net")) for w in lowered):
        return False
    if any(not w[0].isupper() and w.lower() not in _NAME_PARTICLES for w in words):
        return False  # "More by Jane", "posted in"... are phrases, not names
    return not all(w in _ROLE_WORDS for w in lowered)


def _visible_bylines(soup: BeautifulSoup) -> Iterator[str]:
    # One walk of the tree finds the three kinds of byline markup, in document order, as
    # find_all(itemprop="author"), find_all(rel="author") and find_all(_has_byline_hint,
    # limit=20) would: each find_all walks the whole tree through bs4's generic filters.
    marked: list[Tag] = []
    linked: list[Tag] = []
    hinted: list[Tag] = []
    for tag in soup.descendants:
        if type(tag) is not Tag:
            continue
        if _has_value(tag, "itemprop", "author"):
            marked.append(tag)
        if _has_value(tag, "rel", "author"):
            linked.append(tag)
        if len(hinted) < 20 and _has_byline_hint(tag):
            hinted.append(tag)
    for tag in marked:
        name = tag.find(itemprop="name")
        yield str(name.get("content") or name.get_text(" ")) if name else tag.get_text(" ")
    for tag in linked:
        yield tag.get_text(" ")
    for tag in hinted:
        text = collapse(tag.get_text(" "))
        if 0 < len(text) < 120:
            yield text
    yield from _by_lines(soup)


def _by_lines(soup: BeautifulSoup) -> Iterator[str]:
    """Short elements reading "By Jane Doe ..." when no markup names the byline."""
    for string in soup.find_all(string=_BY_WORD, limit=10):
        node = string.parent
        while isinstance(node, Tag) and len(collapse(node.get_text(" "))) < len(string) + 4:
            node = node.parent
        if isinstance(node, Tag):
            text = collapse(node.get_text(" "))
            if len(text) < 150:
                yield text


def _has_value(tag: Tag, attribute: str, value: str) -> bool:
    """Whether ``tag``'s ``attribute`` is ``value``, or holds it among its values (``rel``)."""
    found = tag.get(attribute)
    return value in found if isinstance(found, list) else found == value


def _has_byline_hint(tag: Tag) -> bool:
    if tag.name in ("meta", "link", "script", "style", "body", "html", "article", "img"):
        return False
    hints = " ".join(tag.get("class") or ()) + " " + str(tag.get("id") or "")
    hints += " " + str(tag.get("data-testid") or "")
    return bool(_BYLINE_HINT.search(hints)) and "avatar" not in hints.lower()
