"""Find the relative links and anchors in Markdown files that lead nowhere."""

import re
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$", re.MULTILINE)
HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
HTML_ANCHOR = re.compile(r"""<a\s[^>]*(?:name|id)=["']([^"']+)["']""", re.IGNORECASE)


def prose(markdown: str) -> str:
    """The text outside code blocks and code spans, where links are links."""
    return INLINE_CODE.sub("", FENCE.sub("", markdown))


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = re.sub(r"<[^>]+>", "", text).replace("`", "").lower()
    kept = []
    for char in text:
        if char == " ":
            kept.append("-")
        elif char in "-_" or unicodedata.category(char)[0] in "LNM":
            kept.append(char)
    return "".join(kept)


def anchors(markdown: str) -> set[str]:
    """Every anchor a Markdown file offers, numbered as GitHub numbers repeated headings."""
    seen: dict[str, int] = {}
    found = set(HTML_ANCHOR.findall(markdown))
    for heading in HEADING.findall(FENCE.sub("", markdown)):
        base = slug(heading)
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def broken_links(path: Path, root: Path) -> list[str]:
    """Each relative link in `path` whose file (inside `root`) or anchor does not exist."""
    text = path.read_text(encoding="utf-8")
    body = prose(text)
    problems = []
    for target in INLINE_LINK.findall(body) + REFERENCE.findall(body):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not target:
            continue
        file_part, anchor = unquote(parts.path), unquote(parts.fragment)
        linked = (path.parent / file_part).resolve() if file_part else path.resolve()
        if not linked.is_relative_to(root.resolve()):
            problems.append(f"{target}: outside the repository")
        elif not linked.exists():
            problems.append(f"{target}: no such file")
        elif anchor:
            if linked.suffix != ".md":
                problems.append(f"{target}: anchor into a file that is not Markdown")
            elif anchor not in anchors(linked.read_text(encoding="utf-8")):
                problems.append(f"{target}: no such heading")
    return problems
