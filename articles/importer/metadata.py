"""Article metadata: headline, byline, date and the small fields, structured data first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from .dom import descendant_tags
from .jsonld import find_article, jsonld_objects, type_names
from .text import collapse, normalise

_HEAD_TAGS = frozenset({"meta", "link", "title", "script"})
_H1 = frozenset({"h1"})


@dataclass(frozen=True, slots=True)
class PageMetadata:
    """Everything the page declares about itself in <head> and JSON-LD."""

    meta: dict[str, list[str]]
    article: dict[str, Any]
    jsonld: list[dict[str, Any]]
    title: str
    canonical: str
    lang: str

    def first(self, *keys: str) -> str:
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return ""

    def all(self, *keys: str) -> Iterator[str]:
        for key in keys:
            yield from self.meta.get(key, ())


def read_metadata(soup: BeautifulSoup) -> PageMetadata:
    meta: dict[str, list[str]] = {}
    canonical = title = ""
    scripts = []
    for tag in descendant_tags(soup, _HEAD_TAGS):
        if tag.name == "meta":
            key = tag.get("property") or tag.get("name") or tag.get("itemprop") or ""
            content = tag.get("content")
            if key and isinstance(key, str) and isinstance(content, str):
                meta.setdefault(key.strip().lower(), []).append(collapse(content))
        elif tag.name == "link":
            href = tag.get("href")
            if not canonical and "canonical" in (tag.get("rel") or ()) and isinstance(href, str):
                canonical = href.strip()
        elif tag.name == "title":
            title = title or collapse(tag.get_text())
        else:
            scripts.append(tag)
    html = soup.find("html")
    lang = html.get("lang", "") if isinstance(html, Tag) else ""
    objects = jsonld_objects(scripts)
    return PageMetadata(
        meta=meta,
        article=find_article(objects),
        jsonld=objects,
        title=title,
        canonical=canonical,
        lang=collapse(lang if isinstance(lang, str) else ""),
    )


# --- small fields ---------------------------------------------------------------------------


def site_name(meta: PageMetadata) -> str:
    publisher = names(meta.article.get("publisher"))
    return meta.first("og:site_name", "application-name", "al:ios:app_name") or next(publisher, "")


def standfirst(meta: PageMetadata) -> str:
    description = meta.article.get("description")
    return meta.first("og:description", "description", "twitter:description") or (
        collapse(description) if isinstance(description, str) else ""
    )


def section(meta: PageMetadata) -> str:
    value = meta.article.get("articleSection")
    if isinstance(value, list):
        value = value[0] if value else ""
    return meta.first("article:section", "parsely-section", "section") or collapse(
        value if isinstance(value, str) else ""
    )


def tags(meta: PageMetadata) -> tuple[str, ...]:
    found: list[str] = []
    keywords = meta.article.get("keywords")
    raw = [*meta.all("article:tag", "keywords", "news_keywords", "parsely-tags")]
    if isinstance(keywords, str):
        raw.append(keywords)
    elif isinstance(keywords, list):
        raw.extend(k for k in keywords if isinstance(k, str))
    seen: set[str] = set()
    for value in raw:
        for tag in value.split(","):
            tag = collapse(tag)
            if tag and normalise(tag) not in seen:
                seen.add(normalise(tag))
                found.append(tag)
    return tuple(found)


def language(meta: PageMetadata) -> str:
    in_language = meta.article.get("inLanguage")
    locale = meta.first("og:locale").replace("_", "-")
    return meta.lang or (in_language if isinstance(in_language, str) else "") or locale


def source_url(meta: PageMetadata, base_url: str | None) -> str:
    declared = meta.canonical or meta.first("og:url")
    if declared:
        return urljoin(base_url, declared) if base_url else declared
    return base_url or ""


# --- headline -------------------------------------------------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|·|•|»|/)\s+")


def headline(soup: BeautifulSoup, meta: PageMetadata, site: str) -> str:
    """The page's <h1> when it agrees with a declared title, else the best declared title."""
    declared = [
        collapse(
            meta.article.get("headline") if isinstance(meta.article.get("headline"), str) else ""
        ),
        meta.first("og:title"),
        meta.first("twitter:title"),
        meta.title,
    ]
    declared = [strip_site_name(t, site) for t in declared if t]
    keys = {normalise(t) for t in declared}
    h1s = [collapse(h.get_text(" ")) for h in descendant_tags(soup, _H1)[:8]]
    h1s = [h for h in h1s if 0 < len(h) < 400]
    for h1 in h1s:
        if normalise(h1) in keys or any(_is_decorated_title(k, normalise(h1)) for k in keys):
            return h1
    if declared:
        return declared[0]
    return h1s[0] if h1s else ""


def _is_decorated_title(title_key: str, h1_key: str) -> bool:
    """True when a declared title is the h1 plus decoration (a site name, a section)."""
    return len(h1_key) >= 12 and h1_key in title_key and len(h1_key) >= 0.6 * len(title_key)


def strip_site_name(title: str, site: str) -> str:
    """Drop a " | Site" style suffix (or "Site | " prefix) from a page title."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    site_key = normalise(site)
    if site_key:
        if _is_site(parts[-1], site_key):
            return _join_title(title, parts[:-1], site)
        if _is_site(parts[0], site_key):
            return _join_title(title, parts[1:], site)
    # Without a known site name, only the unambiguous " | Site" separator is stripped.
    if " | " in title:
        head, _, tail = title.rpartition(" | ")
        if len(tail.split()) <= 4 and len(head) > len(tail):
            return strip_site_name(head, site)
    return title


def _is_site(part: str, site_key: str) -> bool:
    key = normalise(part)
    return (
        key == site_key
        or key.replace(" ", "") == site_key.replace(" ", "")
        or (key.split(".")[0] == site_key.split(".")[0] and "." in key)
    )


def _join_title(title: str, parts: list[str], site: str) -> str:
    # Re-cut the original string so separators inside the headline survive.
    first, last = parts[0], parts[-1]
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return strip_site_name(title[start:end].strip(), site)


def names(value: Any, *, people_only: bool = False) -> Iterator[str]:
    if isinstance(value, list):
        for item in value:
            yield from names(item, people_only=people_only)
    elif isinstance(value, dict):
        if people_only and type_names(value) & {"organization", "newsmediaorganization"}:
            return
        name = value.get("name")
        if isinstance(name, str):
            yield name
        elif isinstance(name, list):
            yield from (n for n in name if isinstance(n, str))
    elif isinstance(value, str):
        yield value
