"""Find the article object among a page's JSON-LD blocks."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from bs4 import Tag

ARTICLE_TYPES = frozenset(
    {
        "article", "newsarticle", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "scholarlyarticle",
        "techarticle", "report", "socialmediaposting", "liveblogposting", "review",
        "claimreview",
    }
)  # fmt: skip

# HTML comment or CDATA wrappers some CMSs put around script contents.
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def jsonld_objects(scripts: list[Tag]) -> list[dict[str, Any]]:
    """Every JSON object in ``ld+json`` scripts, flattened out of lists and @graph."""
    objects: list[dict[str, Any]] = []
    for script in scripts:
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        data = _load(script.get_text())
        if data is not None:
            objects.extend(_flatten(data))
    return objects


def find_article(objects: list[dict[str, Any]]) -> dict[str, Any]:
    """The most article-like object: an Article subtype, else a WebPage carrying a headline/date."""
    fallback: dict[str, Any] = {}
    for obj in objects:
        types = type_names(obj)
        if types & ARTICLE_TYPES:
            return obj
        main = obj.get("mainEntity")
        if isinstance(main, dict) and type_names(main) & ARTICLE_TYPES:
            return main
        if not fallback and ("headline" in obj or "datePublished" in obj) and "webpage" in types:
            fallback = obj
    return fallback


def type_names(obj: dict[str, Any]) -> set[str]:
    types = obj.get("@type", ())
    if isinstance(types, str):
        types = (types,)
    return {t.rsplit("/", 1)[-1].lower() for t in types if isinstance(t, str)}


def _load(raw: str) -> Any:
    raw = _WRAPPER.sub("", raw).strip()
    for candidate in (raw, _TRAILING_COMMA.sub(r"\1", raw)):
        try:
            return json.loads(candidate, strict=False)
        except ValueError:
            continue
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph)
