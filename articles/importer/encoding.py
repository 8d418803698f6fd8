"""Turn fetched bytes into text the way a browser would, without ever failing on a bad byte."""

from __future__ import annotations

import codecs
import re

from bs4 import UnicodeDammit

from .model import UnparseableDocument

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Magic numbers of formats that are sometimes served where HTML was expected.
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"%PDF",
    b"GIF87a",
    b"GIF89a",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"RIFF",
    b"\x00\x00\x01\x00",
    b"OggS",
    b"ID3",
)

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE
)
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_TAG = re.compile(r"<\s*(?:[a-zA-Z][a-zA-Z0-9:-]*|!doctype)[\s>/]", re.IGNORECASE)

# WHATWG encoding labels: browsers decode these as windows-1252, and so do we, so that
# curly quotes in "latin-1" pages survive.
_WINDOWS_1252_ALIASES = frozenset({"iso-8859-1", "latin-1", "latin1", "ascii", "us-ascii", "l1"})


def decode_html(data: bytes) -> str:
    """Decode ``data``: BOM, then declared charset, then detection; bad bytes become U+FFFD."""
    if _looks_binary(data):
        raise UnparseableDocument("not HTML: the data is a binary file")
    text = without_control_characters(_decode(data))
    if not _TAG.search(text[:100_000]):
        raise UnparseableDocument("not HTML: no tags found")
    return text


# What XML (and so lxml) and PostgreSQL refuse in text: NUL, C0 controls other than tab and
# line ends, lone surrogates and the two non-characters U+FFFE/U+FFFF.
_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def without_control_characters(text: str) -> str:
    """``text`` without the characters no page means to show, which break parsers and databases."""
    return _NOT_TEXT.sub("", text)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    declared = _declared_encoding(data)
    if declared:
        return data.decode(declared, errors="replace")
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    dammit = UnicodeDammit(data, ["utf-8"], is_html=True)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return data.decode("utf-8", errors="replace")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray bad bytes is still UTF-8; guessing a legacy codec would garble it.

    Legacy single-byte text almost never forms valid multi-byte UTF-8 sequences, so their
    presence (or pure ASCII) is the evidence.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad == 0:
        return text
    valid = len(_UTF8_MULTIBYTE.findall(data))
    return text if valid >= 10 * bad else None


def _declared_encoding(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii", errors="ignore").strip().lower()
    if label in _WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # A page cannot really be UTF-16 if it declares so in ASCII-compatible bytes.
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def _looks_binary(data: bytes) -> bool:
    if any(data.startswith(sig) for sig in _BINARY_SIGNATURES):
        return True
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return False
    head = data[:1024]
    # UTF-16 without a BOM has NULs between ASCII letters; anything else with many NULs is
    # binary, while a stray few are damage that decoding cleans away.
    return head.count(b"\x00") > 8 and not (b"<\x00" in head or b"\x00<" in head)
