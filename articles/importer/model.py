"""Result types of the article importer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class UnparseableDocument(ValueError):
    """The input cannot be turned into an article; ``str(exc)`` says why."""


@dataclass(frozen=True, slots=True)
class ParsedImage:
    src: str
    alt: str = ""
    caption: str = ""
    credit: str = ""

    def to_json_dict(self) -> dict[str, str]:
        return {"src": self.src, "alt": self.alt, "caption": self.caption, "credit": self.credit}


@dataclass(frozen=True, slots=True)
class ParsedArticle:
    headline: str
    byline: str = ""
    authors: tuple[str, ...] = ()
    published: str | None = None
    standfirst: str = ""
    body_text: str = ""
    body_html: str = ""
    images: tuple[ParsedImage, ...] = ()
    section: str = ""
    tags: tuple[str, ...] = ()
    source_url: str = ""
    lang: str = ""
    site_name: str = ""
    warnings: tuple[str, ...] = field(default=())

    def to_json_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "byline": self.byline,
            "published": self.published,
            "standfirst": self.standfirst,
            "body_text": self.body_text,
            "body_html": self.body_html,
            "images": [image.to_json_dict() for image in self.images],
            "section": self.section,
            "tags": list(self.tags),
            "source_url": self.source_url,
            "warnings": list(self.warnings),
        }
