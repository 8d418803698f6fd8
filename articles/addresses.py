"""Addresses of stories, sections, topics, authors and comments, built from their stored values.

``reverse()`` tries each candidate pattern, converts and quotes every argument and matches the
result against the pattern again: about 25 µs an address, and a listing page asks for one per
story, author and section. Here each pattern is reversed once (per URLconf and script prefix)
with placeholders, then filled in. Only values that ``reverse()`` would leave unchanged (ASCII
letters, digits, ``-`` and ``_``: what slugs, ids and zero-padded dates are) are filled in;
anything else goes through ``reverse()`` itself. Callers pass each pattern the kind of value its
converter takes (a number for ``<int:...>``), as they would to ``reverse()``.
"""

import functools
import re
from collections.abc import Callable

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Digits pass every converter a placeholder meets (int, str, slug, path).
_PLACEHOLDER = "9876543210{}"
_PLAIN = re.compile(r"[-a-zA-Z0-9_]+\Z")


@functools.lru_cache(maxsize=256)
def _pattern(name: str, arguments: tuple[str, ...], urlconf, script_prefix: str) -> tuple | None:
    """The address of ``name`` as literal pieces and argument names, alternating; None for a
    pattern the placeholders do not fit (a regular expression that wants four digits)."""
    placeholders = {_PLACEHOLDER.format(n): argument for n, argument in enumerate(arguments)}
    try:
        address = reverse(name, urlconf=urlconf, kwargs={v: k for k, v in placeholders.items()})
    except NoReverseMatch:
        return None
    if not arguments:
        return (address,)
    alternatives = sorted(placeholders, key=len, reverse=True)
    pieces = re.split(f"({'|'.join(alternatives)})", address)
    return tuple(placeholders[piece] if n % 2 else piece for n, piece in enumerate(pieces))


def _current_pattern(name: str, arguments: tuple[str, ...]) -> tuple | None:
    return _pattern(name, arguments, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def _fill(pieces: tuple, values: dict[str, str]) -> str:
    return "".join(values[piece] if n % 2 else piece for n, piece in enumerate(pieces))


def address(name: str, **kwargs: int | str) -> str:
    """``reverse(name, kwargs=kwargs)``, without matching the patterns again each time."""
    values = {key: str(value) for key, value in kwargs.items()}
    if not all(_PLAIN.match(value) for value in values.values()):
        return reverse(name, kwargs=kwargs)
    pieces = _current_pattern(name, tuple(sorted(values)))
    if pieces is None:
        return reverse(name, kwargs=kwargs)
    return _fill(pieces, values)


def addresses_of(name: str, argument: str) -> Callable[[int | str], str]:
    """``address(name, **{argument: value})`` for many values, the URLconf and script prefix
    looked up once (a page of comments asks for one address per comment)."""
    pieces = _current_pattern(name, (argument,))

    def make(value: int | str) -> str:
        text = str(value)
        if pieces is None or not _PLAIN.match(text):
            return reverse(name, kwargs={argument: value})
        return _fill(pieces, {argument: text})

    return make
