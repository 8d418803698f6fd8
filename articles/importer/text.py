"""Small text helpers shared by the extractor modules."""

from __future__ import annotations

import unicodedata

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                         "–": "-", "—": "-", "‐": "-", "‑": "-"})  # fmt: skip


def collapse(text: str | None) -> str:
    """Collapse all runs of whitespace (including NBSP) to one space and strip."""
    return " ".join((text or "").split())


def normalise(text: str | None) -> str:
    """Comparison key: NFKC, casefolded, straight quotes and dashes, collapsed whitespace."""
    return collapse(unicodedata.normalize("NFKC", text or "").translate(_QUOTES).casefold())
