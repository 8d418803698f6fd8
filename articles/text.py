"""Text as it enters the site, and text as filters compare it.

``clean_text`` is applied to every text field of every model on save (``strip_on_save``) and is
what importers call on what they parse: it removes control characters (C0 but tab and line
breaks, DEL, C1), which no page can show, which PostgreSQL refuses (NUL), and which code
downstream may give a meaning to. ``clean_reader_text`` also removes bidirectional controls,
which let a reader reverse the text that follows theirs.

``fold`` is the form filters and uniqueness checks compare: NFKC, invisible characters removed,
case folded and confusable characters mapped to the skeleton of Unicode TR39 (the table is
Unicode's confusables.txt, as shipped by ``confusable-homoglyphs``), so a zero-width space, a
soft hyphen, a Cyrillic letter that looks Latin or fullwidth letters change nothing.
"""

import functools
import re
import unicodedata

# confusable-homoglyphs ships no type information (no stubs, no py.typed).
from confusable_homoglyphs.confusables import confusables_data  # type: ignore[import-untyped]

# C0 controls but tab, line feed and carriage return; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Unicode's Bidi_Control characters: marks, embeddings, overrides and isolates.
BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Default-ignorable code points that are not format characters (Cf): shown as nothing.
IGNORABLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
)


def clean_text(text: str, *, multiline: bool = True) -> str:
    """``text`` without control characters (keeping tabs and line breaks if ``multiline``)."""
    if not text:
        return text
    text = CONTROL_CHARACTERS.sub("", text)
    if not multiline:
        text = re.sub(r"[\t\r\n]+", " ", text)
    return text


def unify_line_breaks(text: str) -> str:
    """Windows (CR LF) and old Mac (CR) line breaks as one line feed: text is stored, and its
    length counted, with one character a line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def clean_reader_text(text: str, *, multiline: bool = True) -> str:
    """What a reader typed, made safe to show: no control or bidirectional control characters
    (these would reorder whatever the page shows after them)."""
    return BIDI_CONTROLS.sub("", clean_text(text, multiline=multiline))


def is_invisible(character: str) -> bool:
    """Whether ``character`` shows nothing by itself (space, format, mark, filler)."""
    category = unicodedata.category(character)
    return (
        character in IGNORABLE
        or category[0] in "ZCM"  # separators, controls and format characters, lone marks
        or character.isspace()
    )


def has_visible_text(text: str) -> bool:
    """Whether ``text`` shows anything: a letter, digit, punctuation mark or symbol."""
    return any(not is_invisible(character) for character in text)


def _strip_invisible(text: str) -> str:
    return "".join(
        character
        for character in text
        if not (unicodedata.category(character) == "Cf" or character in IGNORABLE)
    )


@functools.cache
def _prototypes() -> dict[str, str]:
    """Each confusable character's prototype (TR39's confusables.txt, source → target).

    The library stores each line of the table both ways. A character with one entry whose
    entry points back at it alone is one of a pair; either may be the table's source, so the
    pair folds to the lesser, which keeps the classes the table defines."""
    prototypes = {}
    for character, entries in confusables_data.items():
        if len(character) != 1 or len(entries) != 1:
            continue  # a prototype of several characters, or of several sources
        target = entries[0]["c"].strip("\u200e")  # the library marks RTL entries with LRMs
        back = confusables_data.get(target, [])
        pair = len(target) == 1 and len(back) == 1 and back[0]["c"].strip("\u200e") == character
        prototypes[character] = min(character, target) if pair else target
    return prototypes


def skeleton(text: str) -> str:
    """TR39's skeleton: NFD, each character replaced by its prototype, NFD again."""
    prototypes = _prototypes()
    mapped = "".join(prototypes.get(character, character) for character in _nfd(text))
    return _nfd(mapped)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def fold(text: str) -> str:
    """The form in which two texts that look alike are equal: NFKC, invisible characters
    removed, capitals mapped to their skeleton, then the small letters (a capital I looks
    like a small l, so "ILL", "ill" and "lll" fold alike), marks dropped, spaces collapsed."""
    text = _strip_invisible(unicodedata.normalize("NFKC", clean_text(text or "")))
    text = skeleton(skeleton(text.upper()).casefold()).casefold()
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")  # accents: é as e
    return " ".join(text.split())


def strip_on_save(sender, instance, raw=False, **kwargs):
    """``pre_save`` for every model: control characters never reach the database."""
    for field in instance._meta.concrete_fields:
        internal = field.get_internal_type()
        if internal not in ("CharField", "TextField", "SlugField", "EmailField", "URLField"):
            continue
        value = getattr(instance, field.attname)
        if isinstance(value, str) and value:
            setattr(instance, field.attname, clean_text(value))
