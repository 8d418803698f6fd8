"""A pseudo-language for finding text that escaped translation.

``build_pseudo_catalog`` extracts every message of the project with ``makemessages`` (plus the
catalogs of the Django apps the site shows: admin, auth, forms, dates) and translates each into
a pseudo-language: accented letters between ``⟦`` and ``⟧``, placeholders and markup kept.
Rendered under that language, a page whose text all went through gettext reads
``⟦Ŝíĝñ íñ⟧``; ``untranslated_text`` returns whatever visible text is left over.
"""

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import django
from bs4 import BeautifulSoup, NavigableString
from bs4.element import PreformattedString
from django.core.management import call_command
from django.test import override_settings

PSEUDO_LANGUAGE = "xx"
OPEN, CLOSE = "⟦", "⟧"
ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñóþǫŕšŧúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŦÚṼŴẊÝŽ",
)
# What must reach the output untouched: printf and format placeholders, tags, entities.
PROTECTED = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx%]"
    r"|\{[^{}]*\}"
    r"|<[^>]*>"
    r"|&#?\w+;"
)
# Catalogs of Django's own apps whose text the site's pages and the admin show.
DJANGO_CATALOGS = ["conf", "contrib/admin", "contrib/auth", "contrib/flatpages", "contrib/sites"]
# Not the site's own text: virtualenvs, tests, benchmarks and the data of the demo.
IGNORED = ["tests/*", "bench/*", "static/*", "media/*", "node_modules/*", "articles/demo/*"]
VISIBLE_ATTRIBUTES = ("title", "alt", "placeholder", "aria-label", "aria-description")
HIDDEN_ELEMENTS = ("script", "style", "template", "noscript", "head")
# What a reader or an editor typed (a form's current text) is their data, not the site's.
# Keyboard keys (<kbd>) are the keys the page's shortcuts listen to.
DATA_ELEMENTS = ("textarea", "kbd")
# Time zone abbreviations ("GMT", "IST") in dates: from the tz database, not translatable.
TIME_ZONE_ABBREVIATION = re.compile(r"\b[A-Z]{2,5}\b")
PSEUDO_SEGMENT = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
SEPARATOR = "\x1f"  # between text nodes: a control character no page shows
LETTER = re.compile(r"[^\W\d_]")


def pseudo(text: str) -> str:
    """``text`` in the pseudo-language; placeholders, tags and entities are kept as they are."""
    if not text:
        return text
    parts, end = [], 0
    for match in PROTECTED.finditer(text):
        parts.append(text[end : match.start()].translate(ACCENTED))
        parts.append(match.group())
        end = match.end()
    parts.append(text[end:].translate(ACCENTED))
    return OPEN + "".join(parts) + CLOSE


@dataclass
class Entry:
    """One message of a PO file, its strings unescaped."""

    comments: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


PO_LINE = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$')
PO_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}


def unescape(quoted: str) -> str:
    return re.sub(r"\\(.)", lambda match: PO_ESCAPES.get(match.group(1), match.group(0)), quoted)


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


def read_po(path: Path) -> list[Entry]:
    entries, entry, current = [], Entry(), None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry.fields:
                entries.append(entry)
            entry, current = Entry(), None
        elif line.startswith("#~"):
            continue  # obsolete
        elif line.startswith("#"):
            entry.comments.append(line)
        elif match := PO_LINE.match(line):
            current = match.group(1)
            entry.fields[current] = unescape(match.group(2))
        elif line.startswith('"') and current:
            entry.fields[current] += unescape(line.strip()[1:-1])
    return entries


def write_po(entries: list[Entry], path: Path) -> None:
    lines = []
    for entry in entries:
        lines += [comment for comment in entry.comments if comment.startswith("#,")]
        lines += [f'{name} "{escape(value)}"' for name, value in entry.fields.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


HEADER = (
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
    "Language: xx\n"
    "Plural-Forms: nplurals=2; plural=(n != 1);\n"
)


def pseudo_entries(entries: list[Entry]) -> list[Entry]:
    """The entries with every translation replaced by the pseudo-language."""
    translated = []
    for entry in entries:
        msgid = entry.fields.get("msgid", "")
        fields = {key: value for key, value in entry.fields.items() if key in ("msgctxt", "msgid")}
        if not msgid:
            fields["msgstr"] = HEADER
        elif "msgid_plural" in entry.fields:
            fields["msgid_plural"] = entry.fields["msgid_plural"]
            fields["msgstr[0]"] = pseudo(msgid)
            fields["msgstr[1]"] = pseudo(entry.fields["msgid_plural"])
        else:
            fields["msgstr"] = pseudo(msgid)
        flags = [c.replace(", fuzzy", "") for c in entry.comments if c.startswith("#,")]
        translated.append(Entry(comments=[f for f in flags if f.strip() != "#,"], fields=fields))
    return translated


def extract_messages(root: Path, locale_dir: Path) -> tuple[Path, str]:
    """Run ``makemessages`` over the project at ``root`` into ``locale_dir``; return the PO
    file and what the command printed (xgettext's warnings among it)."""
    locale_dir.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with override_settings(LOCALE_PATHS=[str(locale_dir)]):
            call_command(
                "makemessages",
                locale=[PSEUDO_LANGUAGE],
                ignore_patterns=IGNORED,
                no_obsolete=True,
                verbosity=1,
                stdout=out,
                stderr=out,
            )
    finally:
        os.chdir(cwd)
    return locale_dir / PSEUDO_LANGUAGE / "LC_MESSAGES" / "django.po", out.getvalue()


def build_pseudo_catalog(root: Path, work_dir: Path) -> Path:
    """A ``LOCALE_PATHS`` directory whose ``xx`` catalog pseudo-translates the project's
    messages and those of the Django apps it shows."""
    project_po, _ = extract_messages(root, work_dir / "extracted")
    entries = read_po(project_po)
    seen = {(e.fields.get("msgctxt"), e.fields.get("msgid")) for e in entries}
    django_root = Path(django.__file__).parent
    for catalog in DJANGO_CATALOGS:
        path = django_root / catalog / "locale" / "en" / "LC_MESSAGES" / "django.po"
        for entry in read_po(path):
            key = (entry.fields.get("msgctxt"), entry.fields.get("msgid"))
            if entry.fields.get("msgid") and key not in seen:
                seen.add(key)
                entries.append(entry)
    locale_paths = work_dir / "locale"
    target = locale_paths / PSEUDO_LANGUAGE / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    write_po(pseudo_entries(entries), target / "django.po")
    subprocess.run(
        [shutil.which("msgfmt") or "msgfmt", "--check-format", "-o", "django.mo", "django.po"],
        cwd=target,
        check=True,
        capture_output=True,
    )
    return locale_paths


def untranslated_text(html: str) -> list[str]:
    """Visible text of a page (and its visible attributes) outside pseudo-translated strings."""
    soup = BeautifulSoup(html, "lxml")
    for hidden in soup.find_all([*HIDDEN_ELEMENTS, *DATA_ELEMENTS]):
        hidden.decompose()
    for time in soup.find_all("time"):
        for text in time.find_all(string=True):
            text.replace_with(TIME_ZONE_ABBREVIATION.sub(" ", str(text)))
    # Comments, the doctype, CDATA and processing instructions are not shown. The text is
    # read as a whole, each node ended by a separator: one translated string may hold markup
    # (a link in a sentence), so its segment runs over several nodes.
    body = SEPARATOR.join(
        str(text)
        for text in soup.find_all(string=True)
        if isinstance(text, NavigableString) and not isinstance(text, PreformattedString)
    )
    texts = [without_pseudo_segments(body)]
    for tag in soup.find_all(True):
        texts += [str(tag[name]) for name in VISIBLE_ATTRIBUTES if tag.has_attr(name)]
        if tag.name == "input" and tag.get("type") in ("submit", "button", "reset"):
            texts.append(str(tag.get("value", "")))
    leftovers = []
    for text in texts:
        for piece in without_pseudo_segments(text).split(SEPARATOR):
            piece = " ".join(piece.split())
            if LETTER.search(piece):
                leftovers.append(piece)
    return leftovers


def without_pseudo_segments(text: str) -> str:
    """``text`` with its pseudo-translated segments (nested ones included) blanked out."""
    while PSEUDO_SEGMENT.search(text):
        text = PSEUDO_SEGMENT.sub(" ", text)
    return text
