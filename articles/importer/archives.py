"""Pages and pictures out of web archives: WARC files (``.warc``, ``.warc.gz``) and WACZ.

Every HTML response record is a page; image response records in the same archive are its
pictures, so nothing is fetched. A URL captured several times (or revisited) is one page:
its latest capture, or the latest at ``as_of``. Only offsets are kept in memory; a record's
payload is read when it is needed, by whichever process needs it.
"""

from __future__ import annotations

import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]  # no stubs
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]  # no stubs

from .reading import ImportRefused, Picture, PictureRefused, picture_checked

ARCHIVE_SUFFIXES = (".warc", ".warc.gz", ".wacz")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_archive(path: Path) -> bool:
    return path.name.lower().endswith(ARCHIVE_SUFFIXES)


@dataclass(frozen=True)
class Record:
    """Where a payload is: a WARC file (inside a WACZ when ``member`` is set) and an offset."""

    path: str
    member: str
    offset: int


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    captured_at: datetime | None
    record: Record

    @property
    def label(self) -> str:
        return f"{self.record.path}#{self.url}"


def url_key(url: str) -> str:
    """URLs as the same resource: scheme and host in lower case, no fragment."""
    parts = urlsplit(url.strip())
    return urlunsplit(
        (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, "")
    )


class WebArchive:
    """The pages of one WARC or WACZ file, and the pictures they can use."""

    def __init__(self, path: Path, *, as_of: datetime | None = None):
        self.path = path
        captures: dict[str, list[tuple[datetime | None, Record]]] = {}
        responses: dict[tuple[str, str], Record] = {}  # (url, payload digest) -> record
        revisits: list[tuple[str, datetime | None, str, str]] = []
        self.pictures: dict[str, Record] = {}
        picture_dates: dict[str, datetime | None] = {}
        for member, stream in self._warcs():
            records = ArchiveIterator(stream)
            try:
                for record in records:
                    if not record.format.startswith("warc"):
                        raise ImportRefused("not a WARC file")
                    headers = record.rec_headers
                    url = headers.get_header("WARC-Target-URI") or ""
                    when = _warc_date(headers.get_header("WARC-Date"))
                    if record.rec_type == "revisit":
                        refers_to = headers.get_header("WARC-Refers-To-Target-URI") or url
                        digest = headers.get_header("WARC-Payload-Digest") or ""
                        revisits.append((url_key(url), when, url_key(refers_to), digest))
                        continue
                    if record.rec_type != "response" or record.http_headers is None:
                        continue
                    if record.http_headers.get_statuscode() != "200":
                        continue
                    located = Record(str(path), member, records.get_record_offset())
                    kind = (record.http_headers.get_header("Content-Type") or "").lower()
                    key = url_key(url)
                    digest = headers.get_header("WARC-Payload-Digest") or ""
                    responses[(key, digest)] = located
                    if kind.startswith(HTML_TYPES):
                        if as_of is None or when is None or when <= as_of:
                            captures.setdefault(url, []).append((when, located))
                    elif kind.startswith("image/"):
                        # The latest capture of a picture (at as_of, when given) is the one used.
                        previous = picture_dates.get(key)
                        in_time = as_of is None or when is None or when <= as_of
                        if in_time and (key not in self.pictures or _later(when, previous)):
                            self.pictures[key] = located
                            picture_dates[key] = when
            except (ArchiveLoadFailed, EOFError, ValueError, zlib.error) as error:
                raise ImportRefused(f"damaged web archive ({error})") from error
        by_key = {url_key(url): url for url in captures}
        for key, when, refers_to, digest in revisits:
            original = responses.get((refers_to, digest))
            url = by_key.get(key)
            if original is None or url is None or (as_of and when and when > as_of):
                continue
            captures[url].append((when, original))
        self.pages = [
            ArchivedPage(url, *max(found, key=lambda capture: _sortable(capture[0])))
            for url, found in captures.items()
        ]

    def _warcs(self):
        if self.path.name.lower().endswith(".wacz"):
            try:
                with zipfile.ZipFile(self.path) as package:
                    for name in sorted(package.namelist()):
                        if _is_warc_member(name):
                            with package.open(name) as stream:
                                yield name, stream
            except zipfile.BadZipFile as error:
                raise ImportRefused(f"damaged WACZ file ({error})") from error
        else:
            with self.path.open("rb") as stream:
                yield "", stream


def read_payload(record: Record, limit: int) -> bytes:
    """The payload (HTTP body, decoded) of the record, refused when over ``limit`` bytes."""
    with _opened(record) as stream:
        stream.seek(record.offset)
        found = next(iter(ArchiveIterator(stream)), None)
        if found is None:
            raise ImportRefused("the archive record is missing")
        if found.rec_type == "revisit":
            raise ImportRefused("the archive record holds no payload")
        data = found.content_stream().read(limit + 1)
    if len(data) > limit:
        raise ImportRefused(f"over the limit of {filesizeformat(limit)}")
    return data


def read_page_record(page: ArchivedPage) -> bytes:
    return read_payload(page.record, settings.IMPORT_MAX_BYTES)


class ArchivePictures:
    """A page's pictures from the image records of its own archive: no network needed."""

    def __init__(self, pictures: dict[str, Record]):
        self.pictures = pictures

    def holds(self, src: str) -> bool:
        return url_key(src) in self.pictures

    def read(self, src: str) -> Picture:
        try:
            data = read_payload(self.pictures[url_key(src)], settings.MAX_IMAGE_UPLOAD_BYTES)
        except ImportRefused as error:
            raise PictureRefused(str(error)) from error
        return picture_checked(data, PurePosixPath(urlsplit(src).path).name)


@contextmanager
def _opened(record: Record):
    if record.member:
        with zipfile.ZipFile(record.path) as package, package.open(record.member) as stream:
            yield stream
    else:
        with open(record.path, "rb") as stream:
            yield stream


def _is_warc_member(name: str) -> bool:
    return name.startswith("archive/") and name.lower().endswith((".warc", ".warc.gz"))


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _sortable(moment: datetime | None) -> float:
    return moment.timestamp() if moment else float("-inf")


def _later(moment: datetime | None, than: datetime | None) -> bool:
    return _sortable(moment) >= _sortable(than)
