"""Saving parsed archive pages as articles, with their pictures, credits and provenance."""

import gzip
import hashlib
import io
import mimetypes
import urllib.request
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage

from articles.importer import ParsedArticle, ParsedImage, UnparseableDocument, decode_html
from articles.importer import parse_article as parse_html
from articles.models import (
    LIVE_STATUSES,
    Article,
    ArticleSource,
    ArticleStatus,
    Author,
    Image,
    Section,
    Tag,
)
from articles.models.images import IMAGE_FORMATS
from articles.search import refresh_search_vectors
from articles.services.images import ImageStorageError, UnreadableImage, image_store

IMPORTER_VERSION = "1.0"
GZIP_MAGIC = b"\x1f\x8b"
FETCH_TIMEOUT_SECONDS = 15


class ImportRefused(Exception):
    """A page that cannot be imported; the message says why, for the per-file report."""


@dataclass(frozen=True)
class ImportOptions:
    publish: bool = False
    section: Section | None = None
    overwrite: bool = False
    fetch_images: bool = False


@dataclass
class ImportResult:
    outcome: str  # imported, updated, unchanged or skipped
    article: Article | None
    parsed: ParsedArticle
    detail: str = ""
    warnings: list[str] = field(default_factory=list)


def read_page(path: Path) -> bytes:
    """The page's bytes, gunzipped when compressed, refused when over the size limit."""
    limit = settings.IMPORT_MAX_BYTES
    if path.stat().st_size > limit:
        raise ImportRefused(
            f"file is {filesizeformat(path.stat().st_size)}; the limit is {filesizeformat(limit)}"
        )
    data = path.read_bytes()
    if data.startswith(GZIP_MAGIC):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
                data = stream.read(limit + 1)
        except (OSError, EOFError) as error:
            raise ImportRefused(f"damaged gzip file ({error})") from error
        if len(data) > limit:
            raise ImportRefused(f"page is over {filesizeformat(limit)} once decompressed")
    return data


def page_parse(data: bytes, *, base_url: str | None = None) -> ParsedArticle:
    """Decode and extract one page; refuses with a reason rather than raising parser errors."""
    try:
        parsed = parse_html(decode_html(data), base_url=base_url)
    except UnparseableDocument as error:
        raise ImportRefused(str(error)) from error
    if parsed.source_url.startswith("file:"):
        parsed = replace(parsed, source_url="")
    return parsed


def article_fingerprint(article: Article) -> str:
    """A hash of what editors change, to tell whether a story was edited after its import."""
    fields = [
        article.headline,
        article.standfirst,
        article.body,
        str(article.hero_image_id),
        article.hero_caption,
    ]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def find_import_source(*, source_url: str, content_sha256: str) -> ArticleSource | None:
    """The earlier import of the same page: by canonical URL, else by the original's hash."""
    sources = ArticleSource.objects.select_related("article")
    if source_url:
        match = sources.filter(source_url=source_url).first()
        if match:
            return match
    return sources.filter(content_sha256=content_sha256).first()


@transaction.atomic
def article_import(
    *,
    data: bytes,
    parsed: ParsedArticle,
    options: ImportOptions = ImportOptions(),
    original_filename: str = "",
) -> ImportResult:
    """Save one parsed page as an article (new, updated or left alone) with its provenance."""
    content_sha256 = hashlib.sha256(data).hexdigest()
    source = find_import_source(source_url=parsed.source_url, content_sha256=content_sha256)
    if source is not None:
        article = source.article
        if source.content_sha256 == content_sha256 and not options.overwrite:
            return ImportResult("unchanged", article, parsed, "same page as the earlier import")
        if article_fingerprint(article) != source.imported_fingerprint and not options.overwrite:
            return ImportResult(
                "skipped",
                article,
                parsed,
                "edited in the newsroom since it was imported; use --overwrite to replace it",
            )
    else:
        article = Article()
    warnings = list(parsed.warnings)
    outcome = "updated" if article.pk else "imported"

    images = _library_images(parsed.images, fetch=options.fetch_images, warnings=warnings)
    hero = images.get(parsed.images[0].src) if parsed.images else None
    article.headline = parsed.headline[:300]
    article.standfirst = parsed.standfirst
    article.body = _body_with_library_figures(parsed.body_html, images, hero, warnings)
    article.hero_image = hero
    article.section = options.section or _section_named(parsed.section) or article.section
    if article.pk is None:
        article.comments_enabled = False  # archive stories arrive with comments closed
    published_at = _published_at(parsed.published)
    if published_at is None:
        warnings.append("date not found")
    if article.status not in LIVE_STATUSES:
        article.published_at = published_at
        if options.publish and published_at is not None:
            article.status = ArticleStatus.PUBLISHED
        elif options.publish:
            warnings.append("not published: the page gives no date")
        article.slug = _free_slug(parsed.headline, published_at, exclude=article.pk)
    article.updated_at = published_at or timezone.now()
    article.full_clean()
    article.save()
    article.authors.set([_author_named(name) for name in parsed.authors])
    article.tags.set([_tag_named(name) for name in parsed.tags if name.strip()])
    article.sync_inline_images()
    refresh_search_vectors([article.pk])

    source = source or ArticleSource(article=article)
    source.source_url = parsed.source_url[:2000]
    source.content_sha256 = content_sha256
    source.original_filename = original_filename[:1000]
    source.original_html = decode_html(data)
    source.imported_at = timezone.now()
    source.importer_version = IMPORTER_VERSION
    source.warnings = warnings
    source.imported_fingerprint = article_fingerprint(article)
    source.full_clean(exclude=["article"])
    source.save()
    return ImportResult(outcome, article, parsed, warnings=warnings)


def _published_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value[:10]), time())
        except ValueError:
            return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _free_slug(headline: str, published_at: datetime | None, *, exclude: int | None) -> str:
    """A slug from the headline that no other story uses on the same day."""
    base = slugify(headline)[:180].strip("-") or "article"
    if published_at is None:
        return base
    day = timezone.localdate(published_at)
    same_day = Article.objects.filter(publication_date=day, slug__startswith=base)
    if exclude is not None:
        same_day = same_day.exclude(pk=exclude)
    taken = set(same_day.values_list("slug", flat=True))
    slug, counter = base, 2
    while slug in taken:
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _unique_slug(model, name: str, max_length: int) -> str:
    base = slugify(name)[: max_length - 6].strip("-") or model._meta.model_name
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _author_named(name: str) -> Author:
    author = Author.objects.filter(name__iexact=name).first()
    if author is None:
        author = Author.objects.create(name=name[:150], slug=_unique_slug(Author, name, 150))
    return author


def _tag_named(name: str) -> Tag:
    name = " ".join(name.split())[:100]
    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is None:
        tag = Tag.objects.create(name=name, slug=_unique_slug(Tag, name, 100))
    return tag


def section_name(declared: str) -> str:
    """A readable section name from page metadata: "news, politics" -> "news",
    "/world/middle_east" -> "Middle East"."""
    name = declared.split(",")[0].strip()
    if "/" in name:
        name = name.strip("/").rsplit("/", 1)[-1].replace("_", " ").replace("-", " ").title()
    return " ".join(name.split())[:100]


def _section_named(declared: str) -> Section | None:
    name = section_name(declared)
    if not name:
        return None
    section = (
        Section.objects.filter(name__iexact=name).first()
        or Section.objects.filter(slug=slugify(name)).first()
    )
    if section is None:
        section = Section.objects.create(name=name, slug=_unique_slug(Section, name, 100))
    return section


def _library_images(
    parsed_images: tuple[ParsedImage, ...], *, fetch: bool, warnings: list[str]
) -> dict[str, Image]:
    """Library records for the page's pictures, keyed by their ``src``."""
    images: dict[str, Image] = {}
    for parsed in parsed_images:
        if parsed.src in images:
            continue
        image = _library_image(parsed, fetch=fetch, warnings=warnings)
        if image is not None:
            images[parsed.src] = image
    return images


def _library_image(parsed: ParsedImage, *, fetch: bool, warnings: list[str]) -> Image | None:
    scheme = urlparse(parsed.src).scheme
    if scheme == "file":
        path = Path(unquote(urlparse(parsed.src).path))
        if not path.is_file():
            warnings.append(f"image file missing: {path.name}")
            return None
        return _stored_image(parsed, path.read_bytes(), path.name, warnings)
    if scheme not in ("http", "https"):
        warnings.append(f"image skipped: unsupported address {parsed.src[:80]}")
        return None
    existing = Image.objects.filter(source_url=parsed.src[:2000]).first()
    if existing is not None and (existing.file or not fetch):
        return existing
    if fetch:
        try:
            data = _download(parsed.src)
        except (OSError, ValueError) as error:
            warnings.append(f"image not fetched ({error}): {parsed.src[:120]}")
        else:
            name = PurePosixPath(urlparse(parsed.src).path).name or "image"
            return _stored_image(parsed, data, name, warnings, source_url=parsed.src)
    if existing is not None:
        return existing
    return _new_image(parsed, warnings, source_url=parsed.src[:2000])


def _download(url: str) -> bytes:
    limit = settings.MAX_IMAGE_UPLOAD_BYTES
    request = urllib.request.Request(url, headers={"User-Agent": "newsarchive-importer"})
    with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"over {filesizeformat(limit)}")
    return data


def _stored_image(
    parsed: ParsedImage, data: bytes, name: str, warnings: list[str], *, source_url: str = ""
) -> Image | None:
    digest = hashlib.sha256(data).hexdigest()
    existing = Image.objects.filter(file_sha256=digest).first()
    if existing is not None:
        return existing
    try:
        with PILImage.open(io.BytesIO(data)) as picture:
            picture.verify()
    except (OSError, SyntaxError, PILImage.DecompressionBombError) as error:
        warnings.append(f"image skipped, not a readable picture ({error}): {name}")
        return None
    if picture.format not in IMAGE_FORMATS:
        warnings.append(f"image skipped, not a JPEG, PNG, WebP or GIF picture: {name}")
        return None
    if not PurePosixPath(name).suffix:
        name += mimetypes.guess_extension(PILImage.MIME.get(picture.format or "", "")) or ".jpg"
    image = _new_image(parsed, warnings, source_url=source_url[:2000], save=False)
    assert image is not None  # only saving can refuse it
    image.file = ContentFile(data, name=name)
    image.full_clean()
    try:
        return image_store(image=image)
    except (ImageStorageError, UnreadableImage) as error:
        warnings.append(f"image not stored ({error}): {name}")
        return None


def _new_image(
    parsed: ParsedImage, warnings: list[str], *, source_url: str, save=True
) -> Image | None:
    alt_text = parsed.alt or parsed.caption
    if not alt_text:
        warnings.append(f"image without alt text: {parsed.src[:120]}")
        alt_text = "Photograph from the archive"
    image = Image(
        alt_text=alt_text[:300],
        caption=parsed.caption,
        credit=parsed.credit[:200],
        source_url=source_url,
    )
    if save:
        try:
            image.full_clean()
        except ValidationError as error:
            warnings.append(f"image skipped ({'; '.join(error.messages)}): {parsed.src[:120]}")
            return None
        image.save()
    return image


def _body_with_library_figures(
    body_html: str, images: dict[str, Image], hero: Image | None, warnings: list[str]
) -> str:
    """Point each figure at its library image, so the page shows the library's credit."""
    soup = BeautifulSoup(body_html, "lxml")
    root = soup.body or soup
    for figure in root.find_all("figure"):
        picture = figure.find("img")
        image = images.get(str(picture.get("src") or "")) if picture else None
        if image is None:
            figure.decompose()
        elif image == hero:
            figure.decompose()  # the hero is shown above the headline, not again in the body
        else:
            figure.replace_with(soup.new_tag("figure", attrs={"data-image-id": str(image.pk)}))
    return "".join(str(child) for child in root.children)
