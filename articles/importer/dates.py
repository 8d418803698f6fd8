"""Publication dates: structured data first, then visible date stamps; offsets are kept."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from bs4 import BeautifulSoup, Tag

from .jsonld import type_names
from .metadata import PageMetadata
from .text import collapse

_DATE_META_KEYS = (
    "article:published_time", "og:published_time", "published_time", "article:published",
    "datepublished", "pubdate", "publishdate", "publish-date", "publish_date", "date",
    "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.date", "sailthru.date",
    "parsely-pub-date", "og:pubdate", "article.published", "originalpublicationdate",
    "article:publicationdate", "publication_date", "dc.date.created", "date.created",
)  # fmt: skip
_DATE_HINT = re.compile(r"date|time|posted|publish|dateline|byline|meta", re.I)
# Dates of something else: an edit, a comment, an event, or the claim a fact-check reviews.
_NOT_PUBLISHED = re.compile(r"modif|updat|expir|comment|copyright|event|claim", re.I)
_NOT_PUBLISHED_TYPES = frozenset({"claim", "comment", "event"})
_CONTEXT_DEPTH = 6
_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})/")


def published(soup: BeautifulSoup, meta: PageMetadata, body_start: str = "") -> str | None:
    for candidate in _candidates(soup, meta, body_start):
        parsed = parse_date(candidate)
        if parsed:
            return parsed
    return None


def _candidates(soup: BeautifulSoup, meta: PageMetadata, body_start: str) -> Iterator[str]:
    for key in ("datePublished", "dateCreated"):
        yield _string(meta.article.get(key))
    yield from meta.all(*_DATE_META_KEYS)
    for tag in soup.find_all(itemprop="datePublished"):
        yield str(tag.get("content") or tag.get("datetime") or tag.get_text(" "))
    for tag in soup.find_all("time", limit=5):
        if not _inside_other_dates(tag):
            yield str(tag.get("datetime") or tag.get_text(" "))
    for obj in meta.jsonld:
        if not type_names(obj) & _NOT_PUBLISHED_TYPES:
            yield _string(obj.get("datePublished"))
    for tag in soup.find_all(_has_date_hint, limit=30):
        if _inside_other_dates(tag):
            continue
        yield str(tag.get("datetime") or tag.get("title") or tag.get("content") or "")
        yield tag.get_text(" ")[:200]
    for url in (meta.canonical, meta.first("og:url")):
        match = _URL_DATE.search(url)
        if match:
            yield "-".join(match.groups())
    yield meta.title
    yield body_start[:200]
    yield _string(meta.article.get("dateModified"))
    yield meta.first("article:modified_time")


def _string(value: object) -> str:
    return value if isinstance(value, str) else ""


def _inside_other_dates(tag: Tag) -> bool:
    """True inside a block dating something else (a comment thread, a fact-check's claim)."""
    for depth, parent in enumerate(tag.parents):
        if depth >= _CONTEXT_DEPTH or parent.name in ("body", "article", "main"):
            return False
        hints = " ".join(parent.get("class") or ()) + " " + str(parent.get("id") or "")
        if _NOT_PUBLISHED.search(hints):
            return True
    return False


def _has_date_hint(tag: Tag) -> bool:
    if tag.name in ("html", "body", "meta", "script", "article", "main"):
        return False
    hints = " ".join(tag.get("class") or ()) + " " + str(tag.get("id") or "")
    return bool(_DATE_HINT.search(hints)) and not _NOT_PUBLISHED.search(hints)


_ISO_DATE = re.compile(
    r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?|"
    r"(?<!\d)(\d{4})/(\d{1,2})/(\d{1,2})(?!\d)"
)
_OFFSET = re.compile(r"(?:Z|[+-]\d{2}:?\d{2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./])(\d{1,2})\2((?:19|20)\d{2})(?!\d)")
# "14.03.21", "3/14/21": dotted ones must be zero-padded, or "1.10.12" (a version) would match.
_SHORT_YEAR_DATE = re.compile(
    r"(?<![\d./:])(?:(\d{2})(\.)(\d{2})\.|(\d{1,2})(/)(\d{1,2})/)(\d{2})(?![\d./:])"
)
# Two-digit years: 69-99 are the 1900s, 00-68 the 2000s (POSIX strptime's %y pivot).
_SHORT_YEAR_PIVOT = 69
_MONTH_NAMES = (
    ("jan", "janvier", "januar", "enero", "janeiro", "leden", "ledna", "gennaio"),
    ("feb", "février", "februar", "febrero", "fevereiro", "únor", "února", "febbraio"),
    ("mar", "mars", "märz", "marzo", "março", "březen", "března"),
    ("apr", "avril", "april", "abril", "duben", "dubna", "aprile"),
    ("may", "mai", "mayo", "maio", "květen", "května", "maggio"),
    ("jun", "juin", "juni", "junio", "junho", "červen", "června", "giugno"),
    ("jul", "juillet", "juli", "julio", "julho", "červenec", "července", "luglio"),
    ("aug", "août", "august", "agosto", "srpen", "srpna"),
    ("sep", "sept", "septembre", "september", "septiembre", "setembro", "září", "settembre"),
    ("oct", "octobre", "oktober", "octubre", "outubro", "říjen", "října", "ottobre"),
    ("nov", "novembre", "november", "noviembre", "novembro", "listopad", "listopadu"),
    ("dec", "décembre", "dezember", "diciembre", "dezembro", "prosinec", "prosince", "dicembre"),
)
_MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names}
_MONTH = r"([^\W\d_]{3,10})\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th|er|º)?\.?"
_WORDY_DATE = re.compile(
    rf"(?<!\w){_DAY}\s+(?:de\s+)?{_MONTH}\s+(?:de\s+)?((?:19|20)\d{{2}})(?!\d)|"
    rf"(?<!\w){_MONTH}\s+{_DAY},?\s+(?:\d{{1,2}}:\d{{2}}(?::\d{{2}})?\s+(?:[A-Z]{{2,5}}\s+)?)?"
    rf"((?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)


def parse_date(raw: str | None) -> str | None:
    """ISO 8601 for a date string: the offset kept when given, else naive time or bare date."""
    raw = collapse(raw)
    if not raw or len(raw) > 300:
        return None
    return _parse_iso(raw) or _parse_rfc2822(raw) or _parse_wordy(raw) or _parse_numeric(raw)


def _parse_iso(raw: str) -> str | None:
    match = _ISO_DATE.search(raw)
    if not match:
        return None
    if match.group(7):
        return _date(match.group(7), match.group(8), match.group(9))
    year, month, day, hour, minute, second = match.groups()[:6]
    day_text = _date(year, month, day)
    if day_text is None or hour is None:
        return day_text
    try:
        value = datetime.fromisoformat(day_text).replace(
            hour=int(hour), minute=int(minute), second=int(second or 0)
        )
    except ValueError:
        return day_text
    text = value.isoformat()
    rest = re.sub(r"^\.\d+", "", raw[match.end() :].strip())
    offset = _OFFSET.match(rest)
    if offset:
        token = offset.group(0)
        text += "Z" if token == "Z" else f"{token[:3]}:{token[-2:]}"
    return text


def _parse_rfc2822(raw: str) -> str | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", raw):
        return None
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _parse_wordy(raw: str) -> str | None:
    for match in _WORDY_DATE.finditer(raw):
        if match.group(1):
            day, month_name, year = match.group(1, 2, 3)
        else:
            month_name, day, year = match.group(4, 5, 6)
        month = _MONTHS.get(month_name.lower()) or _MONTHS.get(month_name.lower()[:3])
        if month:
            parsed = _date(year, str(month), day)
            if parsed:
                return parsed
    return None


def _parse_numeric(raw: str) -> str | None:
    match = _NUMERIC_DATE.search(raw)
    if match:
        first, separator, second, year = match.groups()
    else:
        short = _SHORT_YEAR_DATE.search(raw)
        if not short:
            return None
        first, separator, second = short.group(1, 2, 3) if short.group(1) else short.group(4, 5, 6)
        two_digits = int(short.group(7))
        year = str(two_digits + (1900 if two_digits >= _SHORT_YEAR_PIVOT else 2000))
    # Dotted dates are day-first everywhere; slashed ones are month-first unless impossible.
    if separator == "." or int(first) > 12:
        return _date(year, second, first)
    return _date(year, first, second)


def _date(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None
