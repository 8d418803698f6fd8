"""Finds markup in a rendered page that a browser would execute."""

import re

from bs4 import BeautifulSoup

DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "background", "poster",
}  # fmt: skip
DANGEROUS_URL = re.compile(r"^\s*(javascript|vbscript|data:text/html)", re.IGNORECASE)
FORBIDDEN_ELEMENTS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


def executable_markup(html: str, *, allowed_script_prefixes=("/static/",)) -> list[str]:
    """Describe each script, handler or dangerous URL in ``html``; an empty list means clean."""
    soup = BeautifulSoup(html, "lxml")
    problems = []
    for element in soup.find_all(True):
        name = element.name.lower()
        if name == "script":
            script_type = (element.get("type") or "").lower()
            src = element.get("src") or ""
            if script_type in DATA_SCRIPT_TYPES and not src:
                continue
            if src.startswith(allowed_script_prefixes) and not (element.string or "").strip():
                continue
            problems.append(f"script element: {str(element)[:120]}")
        elif name in FORBIDDEN_ELEMENTS:
            problems.append(f"{name} element: {str(element)[:120]}")
        elif name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            problems.append(f"meta refresh: {str(element)[:120]}")
        for attribute, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else str(value)
            if attribute.lower().startswith("on"):
                problems.append(f"event handler {attribute} on <{name}>")
            elif attribute.lower() in URL_ATTRIBUTES and DANGEROUS_URL.match(value):
                problems.append(f"dangerous URL in {attribute} on <{name}>: {value[:80]}")
    return problems
