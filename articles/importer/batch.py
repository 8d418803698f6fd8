"""What a batch import works through: pages found on disk and in web archives, each read and
parsed on its own (in a worker process, when there are several), with its pictures' renditions
made. No database here."""

from __future__ import annotations

import ctypes
import hashlib
import io
import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from articles.services.images import Rendition, UnreadableImage, renditions_of

from .archives import ArchivedPage, ArchivePictures, WebArchive, is_archive, read_page_record
from .encoding import decode_html
from .figures import FigureSlots, figure_slots
from .model import ParsedArticle
from .reading import (
    PAGE_SUFFIXES,
    ImportRefused,
    LocalPictures,
    Picture,
    ReadPictures,
    parse_decoded,
    read_ahead,
    read_page,
)

logger = logging.getLogger(__name__)

# Where the pictures of each web archive's pages are, filled in as archives are found, before
# the worker processes fork: they inherit it, so a job sent to a worker stays small.
_ARCHIVE_PICTURES: dict[str, ArchivePictures] = {}


@dataclass(frozen=True)
class Job:
    """One page to import: a saved file, or a capture in a web archive."""

    label: str
    path: str
    page: ArchivedPage | None = None


@dataclass(frozen=True)
class ParsedPage:
    job: Job
    data: bytes = b""
    parsed: ParsedArticle | None = None
    error: str = ""
    html: str | None = None  # the page decoded, as its provenance keeps it
    pictures: ReadPictures | None = None  # the page's own pictures, read with it
    figures: FigureSlots | None = None  # the body, ready for its pictures' library ids


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def files_under(paths: Iterable[Path]) -> Iterator[Path]:
    """Files as given, and pages and archives found in directories (not in browsers' ``*_files``
    folders)."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                inside_assets = any(
                    part.endswith("_files") for part in found.relative_to(path).parts[:-1]
                )
                if found.is_file() and not inside_assets and (is_page(found) or is_archive(found)):
                    yield found
        else:
            yield path


class Jobs:
    """The pages under ``paths``, in order, and where each finds its own pictures."""

    def __init__(self, paths: Iterable[Path], *, as_of: datetime | None = None):
        self.jobs: list[Job] = []
        self.failed: list[tuple[str, str]] = []
        self.archive_pictures: dict[str, ArchivePictures] = {}
        for path in files_under(paths):
            if not is_archive(path):
                self.jobs.append(Job(label=str(path), path=str(path)))
                continue
            try:
                archive = WebArchive(path, as_of=as_of)
            except (ImportRefused, OSError) as error:
                self.failed.append((str(path), str(error)))
                continue
            self.archive_pictures[str(path)] = ArchivePictures(archive.pictures)
            _ARCHIVE_PICTURES[str(path)] = self.archive_pictures[str(path)]
            self.jobs.extend(
                Job(label=page.label, path=str(path), page=page) for page in archive.pages
            )

    def pictures_for(self, job: Job):
        return pictures_for(job)


def pictures_for(job: Job) -> ArchivePictures | LocalPictures:
    if job.page is not None:
        return _ARCHIVE_PICTURES[job.path]
    return LocalPictures(Path(job.path))


class RenderedPictures:
    """The pictures (by SHA-256) whose renditions a process of this import has made already,
    shared by its worker processes (made before they fork): a picture on many pages is
    rendered once in a run, and its renditions travel with the first of its pages only. The
    saving process stores them with that page; in the rare case it meets a later page of the
    picture first (workers run side by side), ``image_store`` makes them from the stored file.
    Shared up to CAPACITY pictures; beyond, each worker renders a picture once."""

    CAPACITY = 65_536  # 2 MB of digests

    def __init__(self) -> None:
        context = multiprocessing.get_context("fork")
        self._shared = context.RawArray(ctypes.c_ubyte, DIGEST_SIZE * self.CAPACITY)
        self._count = context.Value(ctypes.c_int, 0)
        self._known: set[bytes] = set()
        self._read = 0  # how many of the shared digests this process has copied into _known

    def claim(self, digest: bytes) -> bool:
        """True when no process has rendered the picture yet: the caller does, now."""
        with self._count.get_lock():
            count = self._count.value
            self._known.update(
                bytes(self._shared[DIGEST_SIZE * i : DIGEST_SIZE * (i + 1)])
                for i in range(self._read, count)
            )
            self._read = count
            if digest in self._known:
                return False
            self._known.add(digest)
            if count < self.CAPACITY:
                self._shared[DIGEST_SIZE * count : DIGEST_SIZE * (count + 1)] = list(digest)
                self._count.value = self._read = count + 1
            return True


DIGEST_SIZE = hashlib.sha256().digest_size
_rendered: RenderedPictures | None = None


@contextmanager
def renditions_made_once() -> Iterator[None]:
    """Within it, ``parse_job`` makes a picture's renditions for its first page only, in this
    process and in the worker processes forked within it (see ``RenderedPictures``)."""
    global _rendered
    _rendered = RenderedPictures()
    try:
        yield
    finally:
        _rendered = None


def with_renditions(pictures: ReadPictures) -> ReadPictures:
    """``pictures`` with each picture's SHA-256 and renditions (made by the same code as an
    upload's, ``images.renditions_of``), so the saving process only stores files and rows."""
    return ReadPictures(
        {
            src: picture if isinstance(picture, str) else _rendered_picture(picture)
            for src, picture in pictures.found.items()
        }
    )


def _rendered_picture(picture: Picture) -> Picture:
    digest = hashlib.sha256(picture.data)
    if _rendered is not None and not _rendered.claim(digest.digest()):
        return replace(picture, digest=digest.hexdigest())  # renditions sent with another page
    renditions: tuple[Rendition, ...] | str
    try:
        renditions = tuple(renditions_of(io.BytesIO(picture.data)))
    except UnreadableImage as error:
        renditions = str(error)
    return replace(picture, digest=digest.hexdigest(), renditions=renditions)


def parse_job(job: Job) -> ParsedPage:
    """Read and parse one page, and read its own pictures (hashing and checking them is work
    the saving process is spared); failures come back with their reason, never as exceptions."""
    try:
        if job.page is not None:
            data = read_page_record(job.page)
            base_url = job.page.url
        else:
            path = Path(job.path)
            data = read_page(path)
            base_url = path.resolve().as_uri()
        html = decode_html(data)
        parsed = parse_decoded(html, base_url=base_url)
        return ParsedPage(
            job,
            data,
            parsed,
            html=html,
            pictures=with_renditions(read_ahead(parsed, pictures_for(job))),
            figures=figure_slots(parsed.body_html),
        )
    except ImportRefused as error:
        return ParsedPage(job, error=str(error))
    except OSError as error:
        return ParsedPage(job, error=f"cannot read the file ({error.strerror or error})")
    except Exception as error:  # one broken page must not stop the batch
        logger.exception("Parsing %s failed", job.label)
        return ParsedPage(job, error=f"unexpected error ({type(error).__name__}: {error})")
