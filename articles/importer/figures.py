"""Pointing an imported body's figures at the library's pictures. Pure: no I/O, no database.

The body is the parser's, through ``sanitize_body``: well-formed, each attribute value in
double quotes and no ``<`` in its text, so its tags are found without parsing it again."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# Decoding removed every NUL from the page, so no page can write a slot of its own.
FIGURE_SLOT = re.compile("\x00figure (\\d+)\x00")
_TAG = re.compile(r'<(/?)([a-zA-Z][^\s/>]*)((?:[^>"]|"[^"]*")*)>')
_ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:\s*=\s*"([^"]*)")?')


@dataclass(frozen=True)
class FigureSlots:
    """A body whose figures are numbered slots, and the picture ``src`` of each slot: a worker
    makes them, so that the saving process only fills in library ids (``filled``)."""

    body: str
    srcs: tuple[str, ...]

    def filled(self, image_ids: dict[str, int], hero_id: int | None) -> str:
        def figure(match: re.Match) -> str:
            image_id = image_ids.get(self.srcs[int(match[1])])
            if image_id is None or image_id == hero_id:
                return ""
            return f'<figure data-image-id="{image_id}"></figure>'

        return FIGURE_SLOT.sub(figure, self.body)


def figure_slots(body_html: str) -> FigureSlots | None:
    """The body with each outermost figure replaced by a slot, whose picture is the figure's
    first ``img``; None when it has no figure."""
    if "<figure" not in body_html:
        return None
    parts: list[str] = []
    srcs: list[str] = []
    depth = start = done = 0
    src: str | None = None  # the first picture of the figure being read
    for tag in _TAG.finditer(body_html):
        closing, name, attributes = tag.groups()
        name = name.lower()
        if name == "img" and depth and src is None:
            src = _attribute(attributes, "src")
        if name != "figure":
            continue
        if not closing:
            if not depth:
                start, src = tag.start(), None
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                parts += [body_html[done:start], f"\x00figure {len(srcs)}\x00"]
                srcs.append(src or "")
                done = tag.end()
    parts.append(body_html[done:])
    return FigureSlots("".join(parts), tuple(srcs))


def _attribute(attributes: str, wanted: str) -> str:
    for match in _ATTRIBUTE.finditer(attributes):
        if match[1].lower() == wanted:
            return html.unescape(match[2] or "")
    return ""


def body_with_library_figures(
    body_html: str, image_ids: dict[str, int], hero_id: int | None
) -> str:
    """Each figure becomes a reference to its library picture (by ``src``), so the page shows
    the library's credit; figures with no picture in the library, and the hero (shown above
    the headline), are dropped."""
    slots = figure_slots(body_html)
    return slots.filled(image_ids, hero_id) if slots else body_html
