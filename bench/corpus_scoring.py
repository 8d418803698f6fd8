"""Scoring rules of the shared article corpus (see ../shared/corpus/README.md)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_STRAIGHT = str.maketrans(
    dict.fromkeys("\u2018\u2019\u201a\u201b", "'")
    | dict.fromkeys("\u201c\u201d\u201e\u201f", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-")
)
BYLINE_CONNECTORS = frozenset({"by", "and", "par", "et", "und", "y", "e", "por", "von", "with"})


_BEFORE_PUNCTUATION = re.compile(r" ([,.;:!?])")


def normalise(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(_STRAIGHT).casefold()
    return _SPACE.sub(" ", text).strip()


def snippet_normalise(text: str | None) -> str:
    """``normalise`` plus no space before ``, . ; : ! ?`` (the wide corpus's snippet rule)."""
    return _BEFORE_PUNCTUATION.sub(r"\1", normalise(text))


def tokens(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def token_prf(predicted: Iterable[str], expected: Iterable[str]) -> tuple[float, float, float]:
    """Bag-of-words precision, recall and F1 between two token multisets."""
    pred, exp = Counter(predicted), Counter(expected)
    if not pred and not exp:
        return 1.0, 1.0, 1.0
    common = sum((pred & exp).values())
    if not common:
        return 0.0, 0.0, 0.0
    precision = common / sum(pred.values())
    recall = common / sum(exp.values())
    return precision, recall, 2 * precision * recall / (precision + recall)


def headline_correct(predicted: str, expected: str, alternates: Iterable[str] = ()) -> bool:
    key = normalise(predicted)
    return any(key == normalise(candidate) for candidate in (expected, *alternates))


def byline_f1(predicted: str, expected: str) -> float:
    pred = [t for t in tokens(predicted) if t not in BYLINE_CONNECTORS]
    exp = [t for t in tokens(expected) if t not in BYLINE_CONNECTORS]
    return token_prf(pred, exp)[2]


def date_correct(predicted: str | None, expected: str, alternates: Iterable[str] = ()) -> bool:
    if not predicted:
        return False
    predicted_days = _predicted_days(predicted)
    return any(predicted_days & _accepted_days(candidate) for candidate in (expected, *alternates))


def _accepted_days(value: str) -> set[date]:
    parsed = _parse(value)
    if parsed is None:
        return set()
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        # Its local date anywhere from UTC-10 to UTC+14.
        utc = parsed.astimezone(UTC).replace(tzinfo=None)
        return {(utc + timedelta(hours=hours)).date() for hours in range(-10, 15)}
    return {parsed.date() if isinstance(parsed, datetime) else parsed}


def _predicted_days(value: str) -> set[date]:
    parsed = _parse(value)
    if parsed is None:
        return set()
    if isinstance(parsed, datetime):
        days = {parsed.date()}
        if parsed.tzinfo is not None:
            days.add(parsed.astimezone(UTC).date())
        return days
    return {parsed}


def _parse(value: str) -> date | datetime | None:
    value = value.strip()
    try:
        if len(value) == 10:
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def snippet_score(body: str, with_snippets: list[str], without_snippets: list[str]) -> float:
    text = snippet_normalise(body)
    checks = [snippet_normalise(s) in text for s in with_snippets]
    checks += [snippet_normalise(s) not in text for s in without_snippets]
    return sum(checks) / len(checks) if checks else 1.0


def snippet_counts(
    body: str, with_snippets: list[str], without_snippets: list[str]
) -> tuple[int, int]:
    """(with snippets found, without snippets found): the pooled figures are built from these."""
    text = snippet_normalise(body)
    return (
        sum(snippet_normalise(s) in text for s in with_snippets),
        sum(snippet_normalise(s) in text for s in without_snippets),
    )


def caption_recall(predicted_images: list[dict[str, str]], expected_images: list[dict]) -> float:
    """Share of expected captions matched by a returned caption + credit with token F1 >= 0.5."""
    expected = [image["caption"] for image in expected_images if image.get("caption")]
    if not expected:
        return 1.0
    returned = [
        f"{image.get('caption', '')} {image.get('credit', '')}" for image in predicted_images
    ]
    matched = sum(
        any(token_prf(tokens(candidate), tokens(caption))[2] >= 0.5 for candidate in returned)
        for caption in expected
    )
    return matched / len(expected)
