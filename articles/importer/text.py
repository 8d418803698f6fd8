"""Small text helpers shared by the extractor modules."""

from __future__ import annotations

import unicodedata

# Curly quotes and dashes, straightened for comparisons.
_QUOTES = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)


def collapse(text: str | None) -> str:
    """Collapse all runs of whitespace (including NBSP) to one space and strip."""
    return " ".join((text or "").split())


def normalise(text: str | None) -> str:
    """Comparison key: NFKC, casefolded, straight quotes and dashes, collapsed whitespace."""
    return collapse(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold())
