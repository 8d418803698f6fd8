"""Reading pages and their pictures: from disk, from the network, from web archives.

Everything here treats a page as hostile: a page names its own pictures, so a local picture
is read only from the page's own ``*_files`` folder, and a remote one only from a public
address, checked again at every redirect. Nothing here touches the database.
"""

from __future__ import annotations

import gzip
import http.client
import io
import ipaddress
import mimetypes
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage

from articles.models.images import IMAGE_FORMATS

from .encoding import decode_html, without_control_characters
from .model import ParsedArticle, ParsedImage, UnparseableDocument
from .parser import parse_article

if TYPE_CHECKING:
    from articles.services.images import Rendition

GZIP_MAGIC = b"\x1f\x8b"
PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
MAX_REDIRECTS = 5
USER_AGENT = "newsarchive-importer"

Resolver = Callable[[str, int], list[str]]
Connector = Callable[[tuple[str, int], float], socket.socket]


class ImportRefused(Exception):
    """A page that cannot be imported; the message says why, for the per-file report."""


class PictureRefused(Exception):
    """A picture that is not taken; the message is safe to show (it reveals nothing on disk)."""


@dataclass(frozen=True)
class Picture:
    """A picture's bytes, checked to be an image, with a file name for the library."""

    data: bytes
    name: str
    format: str
    # Filled in by the worker that read it (``batch.with_renditions``): the SHA-256 of ``data``
    # and its renditions, or why none can be made (the picture cannot be decoded); None when
    # another page of the import carries them.
    digest: str = ""
    renditions: tuple[Rendition, ...] | str | None = None


def read_page(path: Path) -> bytes:
    """The page's bytes, gunzipped when compressed, refused when over the size limit."""
    limit = settings.IMPORT_MAX_BYTES
    size = path.stat().st_size
    if size > limit:
        raise ImportRefused(f"file is {filesizeformat(size)}; the limit is {filesizeformat(limit)}")
    return page_bytes(path.read_bytes())


def page_bytes(data: bytes) -> bytes:
    """``data`` gunzipped when compressed; refused when over the size limit once decompressed."""
    limit = settings.IMPORT_MAX_BYTES
    if data.startswith(GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(limit + 1)
        except (OSError, EOFError) as error:
            raise ImportRefused(f"damaged gzip file ({error})") from error
    if len(data) > limit:
        raise ImportRefused(f"page is over the limit of {filesizeformat(limit)}")
    return data


def parse_page(data: bytes, *, base_url: str | None = None) -> ParsedArticle:
    """Decode and extract one page; refuses with a reason rather than raising parser errors.

    Pure, so it runs in worker processes.
    """
    return parse_decoded(decode_html(data), base_url=base_url)


def parse_decoded(html: str, *, base_url: str | None = None) -> ParsedArticle:
    """``parse_page`` for a page already decoded with ``decode_html``."""
    try:
        parsed = parse_article(html, base_url=base_url)
    except UnparseableDocument as error:
        raise ImportRefused(str(error)) from error
    parsed = _cleaned(parsed)
    if parsed.source_url.startswith("file:"):
        parsed = replace(parsed, source_url="")
    return parsed


def _cleaned(value):
    """Text fields without control characters, which character references can bring back."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, tuple):
        return tuple(_cleaned(item) for item in value)
    if isinstance(value, ParsedArticle | ParsedImage):
        return replace(value, **{f.name: _cleaned(getattr(value, f.name)) for f in fields(value)})
    return value


def page_stem(path: Path) -> str:
    """``story`` for ``story.html`` and ``story.html.gz``: its pictures are in ``story_files``."""
    name = path.name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def picture_checked(data: bytes, name: str) -> Picture:
    """``data`` as a Picture when Pillow reads it as an image; refused otherwise."""
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    if len(data) > limit:
        raise PictureRefused(f"over {filesizeformat(limit)}")
    try:
        with PILImage.open(io.BytesIO(data)) as image:
            image.verify()
            image_format = image.format or ""
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise PictureRefused(f"not a readable picture ({error})") from error
    if image_format not in IMAGE_FORMATS:
        raise PictureRefused("not a JPEG, PNG, WebP or GIF picture")
    name = PurePosixPath(name).name or "image"
    if not PurePosixPath(name).suffix:
        name += mimetypes.guess_extension(PILImage.MIME.get(image_format, "")) or ".jpg"
    return Picture(data=data, name=name, format=image_format)


class ReadPictures:
    """A page's own pictures, read ahead by the worker that parsed the page: each address its
    reader held, with the picture or the reason it was refused."""

    def __init__(self, found: dict[str, Picture | str]):
        self.found = found

    def holds(self, src: str) -> bool:
        return src in self.found

    def read(self, src: str) -> Picture:
        picture = self.found[src]
        if isinstance(picture, str):
            raise PictureRefused(picture)
        return picture

    def read_ahead(self) -> list[Picture]:
        return [picture for picture in self.found.values() if isinstance(picture, Picture)]


def read_ahead(parsed: ParsedArticle, pictures) -> ReadPictures:
    """Every picture of ``parsed`` that ``pictures`` (its page's reader) holds, read now."""
    found: dict[str, Picture | str] = {}
    for image in parsed.images:
        if image.src in found or not pictures.holds(image.src):
            continue
        try:
            found[image.src] = pictures.read(image.src)
        except PictureRefused as error:
            found[image.src] = str(error)
        except OSError:
            found[image.src] = "cannot be read"
    return ReadPictures(found)


class LocalPictures:
    """Pictures a saved page keeps in its own ``<page>_files`` folder, and nowhere else."""

    def __init__(self, page: Path):
        self.folder = page.resolve().parent / f"{page_stem(page)}_files"

    def holds(self, src: str) -> bool:
        """Local addresses are this reader's to judge (and usually refuse)."""
        return urlsplit(src).scheme == "file"

    def read(self, src: str) -> Picture:
        parts = urlsplit(src)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise PictureRefused("not a local file")
        # Links are resolved first, so a symlink inside the folder cannot point out of it.
        path = Path(unquote(parts.path)).resolve()
        # The same refusal whether or not the file exists: a page must not probe the disk.
        if not path.is_relative_to(self.folder.resolve()) or not path.is_file():
            raise PictureRefused("not in the page's own folder")
        if path.stat().st_size > settings.MAX_IMAGE_UPLOAD_BYTES:
            raise PictureRefused(f"over {filesizeformat(settings.MAX_IMAGE_UPLOAD_BYTES)}")
        return picture_checked(path.read_bytes(), path.name)


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def public_address(address: str) -> bool:
    """Whether ``address`` is on the public internet, not this host or a private network."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        # IPv4 addresses carried inside IPv6 ones (mapped, 6to4, NAT64) are judged as IPv4.
        embedded = ip.ipv4_mapped or ip.sixtofour
        if embedded is None and ip in _NAT64:
            embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if embedded is not None:
            return public_address(str(embedded))
        if ip.teredo is not None:
            return False
    return ip.is_global and not (
        ip.is_multicast
        or ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_unspecified
    )


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    # A stream socket's address is (host, port[, flow, scope]): its first item is a string.
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def system_connector(address: tuple[str, int], timeout: float) -> socket.socket:
    return socket.create_connection(address, timeout=timeout)


class RemotePictures:
    """Pictures fetched over HTTP(S) from public addresses only, within a size and time budget.

    The name is resolved once per hop and the connection goes to the address that was checked,
    so a name that resolves differently a second time cannot slip through.
    """

    def __init__(
        self,
        *,
        resolver: Resolver | None = None,
        connector: Connector | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ):
        self.resolver = resolver or system_resolver
        self.connector = connector or system_connector
        self.timeout = timeout if timeout is not None else settings.IMPORT_FETCH_TIMEOUT
        self.limit = limit if limit is not None else settings.MAX_IMAGE_UPLOAD_BYTES

    def read(self, src: str) -> Picture:
        deadline = time.monotonic() + self.timeout
        url = src
        for _hop in range(MAX_REDIRECTS + 1):
            status, location, content_type, data = self._get(url, deadline)
            if status in (301, 302, 303, 307, 308) and location:
                url = urljoin(url, location)
                continue
            if status != 200:
                raise PictureRefused(f"the server answered {status}")
            if content_type and not content_type.startswith(("image/", "application/octet-stream")):
                raise PictureRefused(f"not a picture ({content_type})")
            return picture_checked(data, PurePosixPath(urlsplit(url).path).name)
        raise PictureRefused("too many redirects")

    def _get(self, url: str, deadline: float) -> tuple[int, str, str, bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PictureRefused("only http and https addresses are fetched")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = self.resolver(host, port)
        except OSError as error:
            raise PictureRefused(f"cannot resolve {host}") from error
        if not addresses or not all(public_address(a) for a in addresses):
            raise PictureRefused(f"{host} is not a public address")
        connection = _PinnedConnection(
            host,
            port,
            address=addresses[0],
            connector=self.connector,
            timeout=_remaining(deadline),
            tls=parts.scheme == "https",
        )
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        try:
            connection.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
            response = connection.getresponse()
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > self.limit:
                raise PictureRefused(f"over {filesizeformat(self.limit)}")
            chunks, size = [], 0
            while response.status == 200 and not response.isclosed():
                connection.opened.settimeout(_remaining(deadline))
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                size += len(chunk)
                if size > self.limit:
                    raise PictureRefused(f"over {filesizeformat(self.limit)}")
                chunks.append(chunk)
            return (
                response.status,
                response.getheader("Location") or "",
                (response.getheader("Content-Type") or "").lower(),
                b"".join(chunks),
            )
        except (OSError, http.client.HTTPException) as error:
            raise PictureRefused(f"download failed ({type(error).__name__})") from error
        finally:
            connection.close()


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise PictureRefused("took too long")
    return left


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to an address already checked, sending the original host name."""

    def __init__(self, host, port, *, address, connector, timeout, tls):
        super().__init__(host, port, timeout=timeout)
        self.address = address
        self.connector = connector
        self.tls = tls

    def connect(self):
        sock = self.connector((self.address, self.port), self.timeout)
        if self.tls:
            sock = ssl.create_default_context().wrap_socket(sock, server_hostname=self.host)
        self.sock = self.opened = sock  # http.client forgets ``sock`` once a response is read
