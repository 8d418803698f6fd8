"""Image sources (srcset, lazy loading) and caption/credit splitting."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from bs4 import Tag

from .model import ParsedImage
from .text import collapse

_LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src",
                   "data-full-src", "data-lazy", "src")  # fmt: skip
_LAZY_SRCSET_ATTRS = ("data-srcset", "data-lazy-srcset", "srcset")
# Lazy loaders invent their own attribute names: any data-* value shaped like an image address.
_IMAGE_ADDRESS = re.compile(
    r"^(?:https?:)?//\S+$|^\S+\.(?:jpe?g|png|gif|webp|avif)(?:[?#]\S*)?$", re.IGNORECASE
)
_NOT_IMAGE_ATTRIBUTE = re.compile(r"href|link|share|permalink|target|video|embed", re.IGNORECASE)
# Pictures that are not the story's: the site's logo, an author's headshot, icons.
NOT_A_FIGURE = re.compile(
    r"logo|avatar|head-?shot|gravatar|mugshot|author|byline|profile-?(?:pic|photo|image)|"
    r"(?:^|[\s_-])icon(?:$|[\s_-])|emoji",
    re.IGNORECASE,
)
_PLACEHOLDER = re.compile(r"^data:|blank\.|spacer\.|placeholder|pixel\.|1x1|transparent\.", re.I)
_CREDIT_CLASS = re.compile(r"credit|copyright|byline|attribution|source|rights", re.I)


def image_src(img: Tag, base_url: str) -> str:
    """The best absolute URL for ``img``: largest srcset candidate, lazy attributes, then src."""
    candidates: list[str] = []
    for attr in _LAZY_SRCSET_ATTRS:
        best = largest_srcset_candidate(img.get(attr))
        if best:
            candidates.append(best)
    parent = img.parent
    if isinstance(parent, Tag) and parent.name == "picture":
        for source in parent.find_all("source"):
            best = largest_srcset_candidate(source.get("data-srcset") or source.get("srcset"))
            if best:
                candidates.append(best)
    candidates.extend(str(img.get(attr) or "") for attr in _LAZY_SRC_ATTRS[:-1])
    candidates.extend(_data_addresses(img))
    candidates.append(str(img.get("src") or ""))
    for candidate in candidates:
        candidate = candidate.strip()
        if candidate and not _PLACEHOLDER.search(candidate):
            return absolute_url(candidate, base_url)
    return ""


def _data_addresses(img: Tag) -> list[str]:
    found = []
    for name, value in img.attrs.items():
        if not name.startswith("data-") or name in _LAZY_SRC_ATTRS or not isinstance(value, str):
            continue
        if _NOT_IMAGE_ATTRIBUTE.search(name):
            continue
        if name.endswith("srcset"):
            found.append(largest_srcset_candidate(value))
        elif _IMAGE_ADDRESS.match(value.strip()):
            found.append(value)
    return found


def has_noscript_copy(img: Tag) -> bool:
    """True for a lazy placeholder followed by a <noscript> holding the real picture."""
    sibling = img.find_next_sibling()
    return sibling is not None and sibling.name == "noscript" and sibling.find("img") is not None


def is_not_a_figure(img: Tag, src: str) -> bool:
    """A logo, headshot or icon, by the picture's own hints or those of its close wrappers."""
    hints = [src.rsplit("/", 1)[-1]]
    node: Tag | None = img
    for _ in range(4):
        if not isinstance(node, Tag) or node.name in ("body", "article", "main"):
            break
        hints.append(" ".join(node.get("class") or ()))
        hints.append(str(node.get("id") or ""))
        node = node.parent
    return bool(NOT_A_FIGURE.search(" ".join(hints)))


def largest_srcset_candidate(srcset: Any) -> str:
    """The URL with the largest width (``w``) or density (``x``) descriptor in a srcset."""
    if not isinstance(srcset, str) or not srcset.strip():
        return ""
    best_url, best_size = "", -1.0
    # Split on commas followed by whitespace so commas inside URLs survive.
    for entry in re.split(r",\s+", srcset.strip()):
        parts = entry.strip().split()
        if not parts:
            continue
        url, size = parts[0].rstrip(","), 1.0
        if len(parts) > 1:
            match = re.match(r"([\d.]+)([wxh])", parts[1])
            if match:
                size = float(match.group(1))
        if size > best_size:
            best_url, best_size = url, size
    return best_url


def absolute_url(url: str, base_url: str) -> str:
    url = url.strip()
    if url.startswith("//") and not base_url:
        return "https:" + url
    return urljoin(base_url, url) if base_url else url


# Credits written into the caption text, each anchored at the end of the caption.
_CREDIT_TAILS = (
    re.compile(
        r"\s*[;,|\u2013\u2014-]?\s*\b(?:photo(?:graph)?s?|image|picture|credit|illustration|foto|bild|source|"
        r"photo credit|crédit|fotografía)\s*(?:by)?\s*:\s*(?P<credit>[^:]{2,120})$",
        re.I,
    ),
    re.compile(r"\s*(?:©|\(c\)|copyright)\s*(?P<credit>[^©]{2,120})$", re.I),
    re.compile(r"\s*\((?P<credit>[^()]{2,60})\)\s*$"),
    re.compile(
        r"(?:^|(?<=[.!?\"\u201d\u2019])\s+|\s+)(?P<credit>(?:[A-Z][\w.'\u2019-]*\s+)?[A-Z][\w.'\u2019-]*\s*/\s*"
        r"[A-Z][\w .&'\u2019-]{1,40})$"
    ),
    re.compile(
        r"(?:(?<=[.!?\"\u201d\u2019])\s+|\s+-\s+|^)(?P<credit>(?:[A-Z][\w.'\u2019-]*\s+){0,3}(?:for\s+)?"
        r"(?:Getty Images|AFP|AP Photo|Reuters|EPA|Shutterstock|Alamy|Bloomberg|PA Images|"
        r"Associated Press|iStock\w*))\s*$"
    ),
)


def split_caption(text: str) -> tuple[str, str]:
    """Split "Caption. Photo: Name/Agency" style text into (caption, credit)."""
    text = collapse(text)
    for pattern in _CREDIT_TAILS:
        match = pattern.search(text)
        if match:
            credit = collapse(match.group("credit")).strip(" .")
            caption = text[: match.start()].strip(" |-\u2013\u2014")
            if _plausible_credit(credit, pattern):
                return caption, credit
    return text, ""


def _plausible_credit(credit: str, pattern: re.Pattern[str]) -> bool:
    if not credit or len(credit.split()) > 8:
        return False
    if pattern is _CREDIT_TAILS[2]:
        # "(Reuters)", "(John Minchillo / AP)": a short parenthetical naming someone.
        return credit[0].isupper() and len(credit.split()) <= 5
    return True


def figure_image(figure: Tag, base_url: str, jsonld_credits: dict[str, str]) -> ParsedImage | None:
    """A ParsedImage for a <figure>, or None when it holds no usable image."""
    # Lazy-loading pages put a placeholder <img> next to a <noscript> copy with the real one.
    images = [img for img in figure.find_all("img") if not has_noscript_copy(img)]
    found = next(((img, src) for img in images if (src := image_src(img, base_url))), None)
    if found is None:
        return None
    img, src = found
    caption_tag = figure.find("figcaption")
    credit_tags = _credit_elements(figure, caption_tag)
    credit = collapse(" ".join(t.get_text(" ") for t in credit_tags))
    caption = _text_without(caption_tag, credit_tags) if caption_tag is not None else ""
    caption = caption or collapse(str(img.get("data-caption") or ""))
    credit = credit or collapse(str(img.get("data-credit") or ""))
    if not credit:
        caption, credit = split_caption(caption)
    credit = _strip_credit_label(credit) or jsonld_credits.get(src, "")
    return ParsedImage(src=src, alt=collapse(str(img.get("alt") or "")), caption=caption,
                       credit=credit)  # fmt: skip


def _credit_elements(figure: Tag, caption_tag: Tag | None) -> list[Tag]:
    """Innermost credit-classed elements, never the caption itself or what wraps it."""
    found = []
    for tag in figure.find_all(_has_credit_class):
        if tag is caption_tag or (caption_tag is not None and _contains(tag, caption_tag)):
            continue
        if tag.find(_has_credit_class) is None:
            found.append(tag)
    return found


def _contains(ancestor: Tag, tag: Tag) -> bool:
    return any(parent is ancestor for parent in tag.parents)


def _has_credit_class(tag: Tag) -> bool:
    classes = " ".join(tag.get("class") or ())
    return bool(classes and _CREDIT_CLASS.search(classes))


def _text_without(tag: Tag, excluded: list[Tag]) -> str:
    parts = []
    for text in tag.find_all(string=True):
        if not any(parent is ex for parent in text.parents for ex in excluded):
            parts.append(str(text))
    return collapse(" ".join(parts))


def _strip_credit_label(credit: str) -> str:
    credit = re.sub(r"^(?:photo(?:graph)?|image|credit|source|©|\(c\))\s*(?:by)?\s*:?\s*", "",
                    credit, flags=re.I)  # fmt: skip
    return credit.strip(" .()")
