"""Saving parsed archive pages as articles, with their pictures, credits, history and provenance.

Reading pages and pictures (files, HTTP, archives) lives in ``articles.importer.reading``;
this module only decides what to save and saves it, through the workflow's own services.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from articles.caching.store import invalidate
from articles.caching.tags import FRONTS, article_tag
from articles.context_processors import NEXT_SCHEDULED_CACHE_KEY
from articles.importer import ParsedArticle, ParsedImage, decode_html
from articles.importer.figures import FigureSlots, body_with_library_figures
from articles.importer.reading import (
    ImportRefused,
    Picture,
    PictureRefused,
    RemotePictures,
    parse_page,
)
from articles.models import (
    LIVE_STATUSES,
    Article,
    ArticleRedirect,
    ArticleRevision,
    ArticleSource,
    ArticleStatus,
    ArticleTransition,
    Author,
    Image,
    Section,
    Tag,
    User,
)
from articles.models.compiled import server_bound_cursor
from articles.models.imports import old_path
from articles.sanitizer import sanitize_body
from articles.search import refresh_search_vectors
from articles.services.images import ImageStorageError, UnreadableImage, image_store
from articles.services.workflow import article_save_revision, publishing_problems
from articles.text import strip_on_save

IMPORTER_VERSION = "1.1"

logger = logging.getLogger(__name__)

# Kept importable from here: the command and older callers read pages through the service.
page_parse = parse_page
__all__ = [
    "ImportOptions",
    "ImportRefused",
    "ImportResult",
    "PageToImport",
    "article_import",
    "article_import_batch",
    "page_parse",
]


class PagePictures(Protocol):
    """Where a page's own pictures are: its ``*_files`` folder, or the archive it came from."""

    def holds(self, src: str) -> bool: ...

    def read(self, src: str) -> Picture: ...


@dataclass(frozen=True)
class ImportOptions:
    publish: bool = False
    publish_despite_problems: bool = False
    section: Section | None = None
    overwrite: bool = False
    fetch_images: bool = False
    by: User | None = None


@dataclass(frozen=True)
class Capture:
    """Where and when a web archive's crawler fetched the page."""

    url: str
    captured_at: datetime | None = None


@dataclass
class ImportResult:
    outcome: str  # imported, updated, unchanged or skipped
    article: Article | None
    parsed: ParsedArticle
    detail: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why --publish left it a draft


def fit(model: type[models.Model], name: str, value: str) -> str:
    """``value`` cut to the model field's ``max_length``."""
    model_field = model._meta.get_field(name)
    assert isinstance(model_field, models.Field)  # ``name`` is a column, never a reverse relation
    max_length = model_field.max_length
    return value[:max_length] if max_length else value


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
    match = Q(content_sha256=content_sha256)
    if source_url:
        match |= Q(source_url=source_url)
    found = list(ArticleSource.objects.filter(match).order_by("pk")[:20])
    return next((s for s in found if source_url and s.source_url == source_url), None) or next(
        iter(found), None
    )


@transaction.atomic
def article_import(
    *,
    data: bytes,
    parsed: ParsedArticle,
    options: ImportOptions = ImportOptions(),
    original_filename: str = "",
    pictures: PagePictures | None = None,
    capture: Capture | None = None,
    remote: RemotePictures | None = None,
) -> ImportResult:
    """Save one parsed page as an article (new, updated or left alone), with its first revision,
    its workflow step, its old address and its provenance."""
    content_sha256 = hashlib.sha256(data).hexdigest()
    source_url = fit(
        ArticleSource, "source_url", parsed.source_url or (capture.url if capture else "")
    )
    source = find_import_source(source_url=source_url, content_sha256=content_sha256)
    if source is not None:
        article = Article.objects.select_for_update().get(pk=source.article_id)
        if source.content_sha256 == content_sha256 and not options.overwrite:
            fetched = _pictures_filled_in(article, remote or _fetcher(options), source.warnings)
            if fetched:
                source.save(update_fields=["warnings"])
            detail = "same page as the earlier import"
            if fetched:
                detail += f"; {fetched} picture(s) fetched"
            return ImportResult("unchanged", article, parsed, detail)
        if article_fingerprint(article) != source.imported_fingerprint and not options.overwrite:
            return ImportResult(
                "skipped",
                article,
                parsed,
                "edited in the newsroom since it was imported; use --overwrite to replace it",
            )
    else:
        article = Article(created_by=options.by)
    warnings = list(parsed.warnings)
    outcome = "updated" if article.pk else "imported"
    from_status = article.status if article.pk else None

    fetcher = remote or _fetcher(options)
    images = _library_images(parsed.images, pictures=pictures, remote=fetcher, warnings=warnings)
    hero = images.get(parsed.images[0].src) if parsed.images else None
    article.headline = fit(Article, "headline", parsed.headline)
    article.standfirst = parsed.standfirst
    article.body = body_with_library_figures(
        parsed.body_html,
        {src: image.pk for src, image in images.items()},
        hero.pk if hero else None,
    )
    article.hero_image = hero
    article.section = options.section or _section_named(parsed.section) or article.section
    if article.pk is None:
        article.comments_enabled = False  # archive stories arrive with comments closed
    published_at = _published_at(parsed.published)
    if published_at is None:
        warnings.append("date not found")
    if article.status not in LIVE_STATUSES:
        article.published_at = published_at
        article.slug = _free_slug(parsed.headline, published_at, exclude=article.pk)
    article.updated_at = published_at or timezone.now()
    # The related rows were just read or made here: checking that they exist is a query each.
    article.full_clean(exclude=["hero_image", "section", "created_by"])
    article.save()
    article.authors.set(_authors_named(parsed.authors))
    article.tags.set(_tags_named(parsed.tags))
    article.sync_inline_images()

    origin = (capture.url if capture else "") or parsed.source_url or original_filename
    problems, overridden = (
        _publish(article, published_at, options, warnings) if options.publish else ([], [])
    )
    refresh_search_vectors([article.pk])
    note = _("Imported from %(origin)s (importer %(version)s)") % {
        "origin": origin or _("an unnamed page"),
        "version": IMPORTER_VERSION,
    }
    article_save_revision(article=article, by=options.by, note=fit(ArticleRevision, "note", note))
    if from_status != article.status:
        if overridden:
            note += "\n" + _("Published despite the rules: %(problems)s") % {
                "problems": " ".join(overridden)
            }
        ArticleTransition.objects.create(
            article=article,
            from_status=from_status or ArticleStatus.DRAFT,
            to_status=article.status,
            note=note,
            published_at=article.published_at,
            created_by=options.by,
        )
    _remember_old_addresses(article, [capture.url if capture else "", parsed.source_url], warnings)

    source = source or ArticleSource(article=article)
    source.source_url = source_url
    source.content_sha256 = content_sha256
    source.original_filename = fit(ArticleSource, "original_filename", original_filename)
    source.original_html = decode_html(data)
    source.capture_url = fit(ArticleSource, "capture_url", capture.url if capture else "")
    source.captured_at = capture.captured_at if capture else None
    source.imported_at = timezone.now()
    source.importer_version = IMPORTER_VERSION
    source.warnings = warnings
    source.imported_fingerprint = article_fingerprint(article)
    source.full_clean(exclude=["article"])
    source.save()
    return ImportResult(outcome, article, parsed, warnings=warnings, problems=problems)


@dataclass(frozen=True)
class PageToImport:
    """One parsed page of a batch, with what ``article_import`` takes besides the options."""

    data: bytes
    parsed: ParsedArticle
    original_filename: str = ""
    pictures: PagePictures | None = None
    capture: Capture | None = None
    figures: FigureSlots | None = None  # the body's figures as slots, made by a worker
    html: str | None = None  # ``decode_html(data)``, when a worker has done it already


def article_import_batch(
    *, pages: list[PageToImport], options: ImportOptions = ImportOptions()
) -> list[ImportResult | Exception]:
    """Save a batch of parsed pages, with the same rows and history as ``article_import``: a
    result per page, or the error that kept it out (the other pages are saved all the same).

    Pages never imported before are saved together, in a few queries for the whole batch;
    pages seen before (or twice in the batch) go one by one through ``article_import``, as do
    all of them if saving them together fails, so a bad page fails alone."""
    results: list[ImportResult | Exception | None] = [None] * len(pages)
    digests = [hashlib.sha256(page.data).hexdigest() for page in pages]
    urls = [_source_url(page.parsed, page.capture) for page in pages]
    known = ArticleSource.objects.filter(
        Q(content_sha256__in=digests) | Q(source_url__in=[url for url in urls if url])
    ).values_list("source_url", "content_sha256")
    seen_urls = {url for url, _digest in known if url}
    seen_digests = {digest for _url, digest in known}
    new, again = [], []
    for number, (url, digest) in enumerate(zip(urls, digests, strict=True)):
        if (url and url in seen_urls) or digest in seen_digests:
            again.append(number)
        else:
            new.append(number)
            seen_urls.add(url)
            seen_digests.add(digest)
    if new:
        try:
            with transaction.atomic():
                saved = _imported_together(
                    [pages[n] for n in new],
                    digests=[digests[n] for n in new],
                    urls=[urls[n] for n in new],
                    options=options,
                )
        except Exception:
            logger.exception(
                "Saving %d new pages together failed; saving them one by one", len(new)
            )
            again = sorted(again + new)
        else:
            for number, result in zip(new, saved, strict=True):
                results[number] = result
    for number in again:
        page = pages[number]
        try:
            results[number] = article_import(
                data=page.data,
                parsed=page.parsed,
                options=options,
                original_filename=page.original_filename,
                pictures=page.pictures,
                capture=page.capture,
            )
        except Exception as error:  # one broken page must not stop the batch
            logger.exception("Import of %s failed", page.original_filename or urls[number])
            results[number] = error
    return [result for result in results if result is not None]


def _source_url(parsed: ParsedArticle, capture: Capture | None) -> str:
    return fit(ArticleSource, "source_url", parsed.source_url or (capture.url if capture else ""))


def _imported_together(
    pages: list[PageToImport], *, digests: list[str], urls: list[str], options: ImportOptions
) -> list[ImportResult]:
    """New articles for pages never imported before: the rows ``article_import`` makes for a
    new page (article, pictures, authors, tags, first revision, workflow step, old addresses,
    provenance), written with one INSERT per table for the whole batch."""
    now = timezone.now()
    fetcher = _fetcher(options)
    library = _Library()
    library.look_up(
        addresses=[fit(Image, "source_url", i.src) for page in pages for i in page.parsed.images],
        digests=[
            picture.digest or hashlib.sha256(picture.data).hexdigest()
            for page in pages
            for picture in _pictures_read(page)
        ],
    )
    sections = {} if options.section else _sections_named([p.parsed.section for p in pages])
    authors = _named_together(Author, [page.parsed.authors for page in pages])
    tags = _named_together(Tag, [page.parsed.tags for page in pages])
    published = [_published_at(page.parsed.published) for page in pages]
    slugs = _free_slugs([page.parsed.headline for page in pages], published)
    articles, all_warnings = [], []
    for page, published_at, slug in zip(pages, published, slugs, strict=True):
        parsed = page.parsed
        warnings = list(parsed.warnings)
        images = _library_images(
            parsed.images,
            pictures=page.pictures,
            remote=fetcher,
            warnings=warnings,
            library=library,
        )
        hero = images.get(parsed.images[0].src) if parsed.images else None
        image_ids = {src: image.pk for src, image in images.items()}
        hero_id = hero.pk if hero else None
        article = Article(
            created_by=options.by,
            headline=fit(Article, "headline", parsed.headline),
            standfirst=parsed.standfirst,
            body=page.figures.filled(image_ids, hero_id)
            if page.figures
            else body_with_library_figures(parsed.body_html, image_ids, hero_id),
            hero_image=hero,
            section=options.section or sections.get(parsed.section),
            comments_enabled=False,  # archive stories arrive with comments closed
            published_at=published_at,
            slug=slug,
            updated_at=published_at or now,
        )
        if published_at is None:
            warnings.append("date not found")
        article.full_clean(
            exclude=["hero_image", "section", "created_by"],
            validate_unique=False,  # a new draft: its slug is free that day (_free_slugs)
            validate_constraints=False,
        )
        # What Article.save() and the pre_save signal derive, since bulk_create skips both.
        article.body = sanitize_body(article.body)
        article.publication_date = timezone.localdate(published_at) if published_at else None
        strip_on_save(Article, article)
        articles.append(article)
        all_warnings.append(warnings)
    Article.objects.bulk_create(articles)

    _related_together(Article.authors.through, "author_id", articles, authors)
    _related_together(Article.tags.through, "tag_id", articles, tags)
    referenced = {pk for article in articles for pk in article.inline_image_ids()}
    existing = set(Image.objects.filter(pk__in=referenced).values_list("pk", flat=True))
    inline = [
        [Image(pk=pk) for pk in dict.fromkeys(article.inline_image_ids()) if pk in existing]
        for article in articles
    ]
    _related_together(Article.inline_images.through, "image_id", articles, inline)

    problems_of, overridden_of = [], []
    for article, published_at, warnings in zip(articles, published, all_warnings, strict=True):
        problems, overridden = (
            _publish(article, published_at, options, warnings) if options.publish else ([], [])
        )
        problems_of.append(problems)
        overridden_of.append(overridden)
    refresh_search_vectors([article.pk for article in articles])

    revisions, transitions, sources = [], [], []
    redirects = _redirects_together(articles, pages, all_warnings)
    for number, article in enumerate(articles):
        page = pages[number]
        capture = page.capture
        origin = (
            (capture.url if capture else "") or page.parsed.source_url or page.original_filename
        )
        note = _("Imported from %(origin)s (importer %(version)s)") % {
            "origin": origin or _("an unnamed page"),
            "version": IMPORTER_VERSION,
        }
        revisions.append(
            ArticleRevision.of(
                article,
                number=1,
                author_ids=[row.pk for row in authors[number]],
                tag_ids=[row.pk for row in tags[number]],
                note=fit(ArticleRevision, "note", note),
                by=options.by,
            )
        )
        if overridden_of[number]:
            note += "\n" + _("Published despite the rules: %(problems)s") % {
                "problems": " ".join(overridden_of[number])
            }
        transitions.append(
            ArticleTransition(
                article=article,
                from_status=ArticleStatus.DRAFT,
                to_status=article.status,
                note=note,
                published_at=article.published_at,
                created_by=options.by,
            )
        )
        sources.append(
            ArticleSource(
                article=article,
                source_url=urls[number],
                content_sha256=digests[number],
                original_filename=fit(ArticleSource, "original_filename", page.original_filename),
                original_html=decode_html(page.data) if page.html is None else page.html,
                capture_url=fit(ArticleSource, "capture_url", capture.url if capture else ""),
                captured_at=capture.captured_at if capture else None,
                imported_at=timezone.now(),
                importer_version=IMPORTER_VERSION,
                warnings=all_warnings[number],
                imported_fingerprint=article_fingerprint(article),
            )
        )
    every_table: tuple[list[Any], ...] = (revisions, transitions, sources, redirects)
    for rows in every_table:
        for row in rows:
            row.full_clean(
                exclude=["article", "hero_image", "section", "created_by"],
                validate_unique=False,  # a new article's rows: nothing of theirs exists yet
                validate_constraints=False,
            )
            strip_on_save(type(row), row)
        if rows and isinstance(rows[0], ArticleSource) and connection.vendor == "postgresql":
            _insert_each(rows)
        elif rows:
            type(rows[0]).objects.bulk_create(rows)
    # What the signals do when articles are saved one by one.
    cache.delete(NEXT_SCHEDULED_CACHE_KEY)
    invalidate(*(article_tag(article.pk) for article in articles), FRONTS)
    return [
        ImportResult(
            "imported",
            article,
            page.parsed,
            warnings=all_warnings[number],
            problems=problems_of[number],
        )
        for number, (article, page) in enumerate(zip(articles, pages, strict=True))
    ]


def _insert_each(rows: list[ArticleSource]) -> None:
    """Insert rows holding whole pages with an INSERT each, sent together (psycopg pipelines
    ``executemany``). One INSERT of many rows would send each column as an array, and psycopg
    quotes the strings of an array in Python, a substitution per quote mark: about 0.15 s for
    a page of HTML, more than the page's whole save. The values are bound by the server: with
    Django's default client-side binding, psycopg copies each page into the statement's text,
    escaped (0.5 ms of CPU a page)."""
    model = type(rows[0])
    fields = [f for f in model._meta.concrete_fields if f is not model._meta.pk]
    statements = []
    for row in rows:
        query = InsertQuery(model)
        query.insert_values(fields, [row])
        statements.extend(query.get_compiler(connection=connection).as_sql())
    with server_bound_cursor(connection) as cursor:
        cursor.executemany(statements[0][0], [params for _sql, params in statements])


def _pictures_read(page: PageToImport) -> list[Picture]:
    """The pictures a page's own reader already holds in memory (read by a worker)."""
    read = getattr(page.pictures, "read_ahead", None)
    return list(read()) if read else []


def _related_together(through, column: str, articles: list[Article], related: list[list]) -> None:
    rows = [
        through(article_id=article.pk, **{column: row.pk})
        for article, rows_of_article in zip(articles, related, strict=True)
        for row in rows_of_article
    ]
    through.objects.bulk_create(rows)


def _redirects_together(
    articles: list[Article], pages: list[PageToImport], warnings: list[list[str]]
) -> list[ArticleRedirect]:
    """The old addresses of new articles (as ``_remember_old_addresses``), looked up at once."""
    max_length = ArticleRedirect._meta.get_field("old_path").max_length
    assert max_length is not None  # old_path is a CharField, which always has one
    wanted: list[list[str]] = []
    for article, page in zip(articles, pages, strict=True):
        new_path = article.get_absolute_url() if article.published_at else ""
        addresses = [page.capture.url if page.capture else "", page.parsed.source_url]
        found = dict.fromkeys(old_path(address) for address in addresses if address)
        wanted.append([p for p in found if p and p != new_path and len(p) <= max_length])
    taken = dict(
        ArticleRedirect.objects.filter(
            old_path__in=[path for paths in wanted for path in paths]
        ).values_list("old_path", "article_id")
    )
    redirects = []
    for article, paths, warnings_of_page in zip(articles, wanted, warnings, strict=True):
        for path in paths:
            if path in taken:
                warnings_of_page.append(f"old address {path} already leads to story #{taken[path]}")
                continue
            taken[path] = article.pk
            redirects.append(ArticleRedirect(old_path=path, article=article))
    return redirects


def _free_slugs(headlines: list[str], published: list[datetime | None]) -> list[str]:
    """A slug for each new story that no other story uses on its day (as ``_free_slug``),
    nor any earlier story of the batch."""
    max_length = Article._meta.get_field("slug").max_length
    assert max_length is not None  # a SlugField always has one
    bases = [slugify(headline)[: max_length - 20].strip("-") or "article" for headline in headlines]
    days = [timezone.localdate(moment) if moment else None for moment in published]
    match = Q(pk__in=[])
    for base, day in zip(bases, days, strict=True):
        if day is not None:
            match |= Q(publication_date=day, slug__startswith=base)
    taken: set[tuple[date | None, str]] = set(
        Article.objects.filter(match).values_list("publication_date", "slug")
    )
    slugs = []
    for base, day in zip(bases, days, strict=True):
        if day is None:
            slugs.append(base)
            continue
        slug, counter = base, 2
        while (day, slug) in taken:
            slug, counter = f"{base}-{counter}", counter + 1
        taken.add((day, slug))
        slugs.append(slug)
    return slugs


def _named_together(
    model: type[Author] | type[Tag], names_of_pages: list[tuple[str, ...]]
) -> list[list]:
    """``_named`` for each page, with one query for the names of all of them."""
    rows = _named_rows(model, [name for names in names_of_pages for name in names])
    result = []
    for names in names_of_pages:
        cleaned = dict.fromkeys(fit(model, "name", " ".join(n.split())) for n in names if n.strip())
        result.append(list({rows[name].pk: rows[name] for name in cleaned}.values()))
    return result


def _fetcher(options: ImportOptions) -> RemotePictures | None:
    return RemotePictures() if options.fetch_images else None


def _pictures_filled_in(article: Article, remote: RemotePictures | None, warnings: list) -> int:
    """Fetch the pictures an earlier import only recorded by address, into the same rows."""
    if remote is None:
        return 0
    ids = [article.hero_image_id, *article.inline_image_ids()]
    fetched = 0
    for image in Image.objects.filter(pk__in=[pk for pk in ids if pk], file="").exclude(
        source_url=""
    ):
        try:
            picture = remote.read(image.source_url)
        except PictureRefused as error:
            warnings.append(f"image not fetched ({error}): {image.source_url[:120]}")
            continue
        parsed = ParsedImage(src=image.source_url, alt=image.alt_text)
        if (
            _stored_image(parsed, picture, warnings, source_url=image.source_url, row=image)
            == image
        ):
            fetched += 1
    return fetched


def _publish(
    article: Article, published_at: datetime | None, options: ImportOptions, warnings: list[str]
) -> tuple[list[str], list[str]]:
    """Publish under the newsroom's rules: the problems that kept the story a draft, and those
    overridden by ``publish_despite_problems``."""
    if article.status in LIVE_STATUSES:
        return [], []
    if published_at is None:
        problems = [_("The page gives no date.")]
    else:
        problems = publishing_problems(article, publish_at=published_at)
    if problems and not (options.publish_despite_problems and published_at is not None):
        warnings.extend(_("not published: %(problem)s") % {"problem": p} for p in problems)
        return problems, []
    article.status = ArticleStatus.PUBLISHED
    article.full_clean()
    article.save(update_fields=["status", "published_at", "publication_date"])
    return [], problems


def _remember_old_addresses(article: Article, addresses: list[str], warnings: list[str]) -> None:
    """Each address the story had before keeps leading to it (see OldAddressRedirectMiddleware)."""
    new_path = article.get_absolute_url() if article.published_at else ""
    max_length = ArticleRedirect._meta.get_field("old_path").max_length
    assert max_length is not None  # old_path is a CharField, which always has one
    for path in dict.fromkeys(old_path(address) for address in addresses if address):
        if not path or path == new_path or len(path) > max_length:
            continue
        redirect, created = ArticleRedirect.objects.get_or_create(
            old_path=path, defaults={"article": article}
        )
        if not created and redirect.article_id != article.pk:
            warnings.append(f"old address {path} already leads to story #{redirect.article_id}")


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
    max_length = Article._meta.get_field("slug").max_length
    assert max_length is not None  # a SlugField always has one
    base = slugify(headline)[: max_length - 20].strip("-") or "article"
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


def _unique_slug(model: type[Author] | type[Tag] | type[Section], name: str) -> str:
    max_length = model._meta.get_field("slug").max_length
    assert max_length is not None  # a SlugField always has one
    model_name = model._meta.model_name
    assert model_name is not None  # set for every concrete model
    base = slugify(name)[: max_length - 6].strip("-") or model_name
    slug, counter = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


def _named(model: type[Author] | type[Tag], names: tuple[str, ...]) -> list:
    """The rows called ``names`` (ignoring case), created when missing; one query when none is."""
    found = _named_rows(model, names)
    return list({row.pk: row for row in found.values()}.values())


def _named_rows(model: type[Author] | type[Tag], names: Iterable[str]) -> dict[str, models.Model]:
    """The rows called ``names`` by their names as cleaned (in order), created when missing."""
    names = tuple(
        dict.fromkeys(fit(model, "name", " ".join(n.split())) for n in names if n.strip())
    )
    wanted = {name.lower(): name for name in names}
    found: dict[str, models.Model] = {}
    if wanted:
        rows = model.objects.annotate(folded=Lower("name")).filter(folded__in=list(wanted))
        for row in rows.order_by("pk"):
            found.setdefault(row.folded, row)
    for key, name in wanted.items():
        if key not in found:
            found[key] = model.objects.create(name=name, slug=_unique_slug(model, name))
    return {name: found[name.lower()] for name in names}


def _authors_named(names: tuple[str, ...]) -> list[Author]:
    return _named(Author, names)


def _tags_named(names: tuple[str, ...]) -> list[Tag]:
    return _named(Tag, names)


def section_name(declared: str) -> str:
    """A readable section name from page metadata: "news, politics" -> "news",
    "/world/middle_east" -> "Middle East"."""
    name = declared.split(",")[0].strip()
    if "/" in name:
        name = name.strip("/").rsplit("/", 1)[-1].replace("_", " ").replace("-", " ").title()
    return fit(Section, "name", " ".join(name.split()))


def _section_named(declared: str) -> Section | None:
    name = section_name(declared)
    if not name:
        return None
    section = (
        Section.objects.filter(name__iexact=name).first()
        or Section.objects.filter(slug=slugify(name)).first()
    )
    if section is None:
        section = Section.objects.create(name=name, slug=_unique_slug(Section, name))
    return section


class _Library:
    """Library images already looked up, by address and by file hash: a batch of pages asks
    the database once for all of its pictures rather than once per picture."""

    def __init__(self) -> None:
        self.by_address: dict[str, Image] = {}
        self.by_digest: dict[str, Image | None] = {}

    def look_up(self, *, addresses: Iterable[str] = (), digests: Iterable[str] = ()) -> None:
        addresses = [a for a in dict.fromkeys(addresses) if a not in self.by_address]
        digests = [d for d in dict.fromkeys(digests) if d not in self.by_digest]
        if addresses:
            for image in Image.objects.filter(source_url__in=addresses).order_by("pk"):
                self.by_address.setdefault(image.source_url, image)
        if digests:
            self.by_digest.update(dict.fromkeys(digests))
            for image in Image.objects.filter(file_sha256__in=digests).order_by("-pk"):
                self.by_digest[image.file_sha256] = image  # the oldest one wins

    def with_digest(self, digest: str) -> Image | None:
        if digest not in self.by_digest:
            self.look_up(digests=[digest])
        return self.by_digest[digest]


def _sections_named(declared: list[str]) -> dict[str, Section | None]:
    """``_section_named`` for each declared section, with one query for those that exist."""
    names = {value: section_name(value) for value in dict.fromkeys(declared)}
    wanted = {name for name in names.values() if name}
    found: dict[str, Section | None] = {}
    if wanted:
        candidates = list(
            Section.objects.annotate(folded=Lower("name")).filter(
                Q(folded__in=[name.lower() for name in wanted])
                | Q(slug__in=[slugify(name) for name in wanted])
            )
        )
        for name in wanted:
            found[name] = next(
                (s for s in candidates if s.folded == name.lower()),
                None,
            ) or next((s for s in candidates if s.slug == slugify(name)), None)
    # A name not found here (new, or told apart differently by the database) is looked up alone.
    return {
        value: (found.get(name) or _section_named(value)) if name else None
        for value, name in names.items()
    }


def _library_images(
    parsed_images: tuple[ParsedImage, ...],
    *,
    pictures: PagePictures | None,
    remote: RemotePictures | None,
    warnings: list[str],
    library: _Library | None = None,
) -> dict[str, Image]:
    """Library records for the page's pictures, keyed by their ``src``."""
    if library is None:
        library = _Library()
        library.look_up(addresses=[fit(Image, "source_url", p.src) for p in parsed_images])
    images: dict[str, Image] = {}
    for parsed in parsed_images:
        if parsed.src in images:
            continue
        image = _library_image(
            parsed, pictures=pictures, remote=remote, library=library, warnings=warnings
        )
        if image is not None:
            images[parsed.src] = image
    return images


def _library_image(
    parsed: ParsedImage,
    *,
    pictures: PagePictures | None,
    remote: RemotePictures | None,
    library: _Library,
    warnings: list[str],
) -> Image | None:
    src = parsed.src
    label = src[:120]
    scheme = urlsplit(src).scheme
    if pictures is not None and pictures.holds(src):
        try:
            picture = pictures.read(src)
        except PictureRefused as error:
            warnings.append(f"image skipped ({error}): {label}")
            return None
        source_url = src if scheme in ("http", "https") else ""
        return _stored_image(parsed, picture, warnings, source_url=source_url, library=library)
    if scheme not in ("http", "https"):
        # Never say more than this about a local path: a page must not probe the disk.
        warnings.append(f"image skipped: not in the page's own folder or on the web: {label}")
        return None
    source_url = fit(Image, "source_url", src)
    existing = library.by_address.get(source_url)
    if existing is not None and existing.file:
        return existing
    if remote is not None:
        try:
            picture = remote.read(src)
        except PictureRefused as error:
            warnings.append(f"image not fetched ({error}): {label}")
        else:
            return _stored_image(
                parsed, picture, warnings, source_url=source_url, row=existing, library=library
            )
    if existing is None:
        existing = _new_image(parsed, warnings, source_url=source_url)
        if existing is not None:
            library.by_address[source_url] = existing  # a page naming it again reuses the row
    return existing


def _stored_image(
    parsed: ParsedImage,
    picture: Picture,
    warnings: list[str],
    *,
    source_url: str = "",
    row: Image | None = None,
    library: _Library | None = None,
) -> Image | None:
    """The library picture with these bytes: an existing one, ``row`` given the file, or new."""
    digest = picture.digest or hashlib.sha256(picture.data).hexdigest()
    library = library or _Library()
    existing = library.with_digest(digest)
    if existing is not None:
        return existing
    image = row or _new_image(parsed, warnings, source_url=source_url, save=False)
    if image is None:
        return None
    image.file_sha256 = digest
    image.file = ContentFile(picture.data, name=picture.name)  # stored through the storage
    # Its one constraint, a file or an address, holds now: checking it would be a query.
    image.full_clean(validate_constraints=False)
    try:
        if isinstance(picture.renditions, str):  # the worker could not decode it
            raise UnreadableImage(picture.renditions)
        stored = image_store(image=image, rendered=picture.renditions)
    except (ImageStorageError, UnreadableImage) as error:
        warnings.append(f"image not stored ({error}): {picture.name}")
        return None
    library.by_digest[digest] = stored
    if stored.source_url:
        library.by_address[stored.source_url] = stored
    return stored


def _new_image(
    parsed: ParsedImage, warnings: list[str], *, source_url: str, save: bool = True
) -> Image | None:
    alt_text = parsed.alt or parsed.caption
    if not alt_text:
        warnings.append(f"image without alt text: {parsed.src[:120]}")
        alt_text = "Photograph from the archive"
    image = Image(
        alt_text=fit(Image, "alt_text", alt_text),
        caption=parsed.caption,
        credit=fit(Image, "credit", parsed.credit),
        source_url=source_url,
    )
    try:
        # Its one constraint, a file or an address: the address is given, or the file follows.
        image.full_clean(exclude=["file"], validate_constraints=False)
    except ValidationError as error:
        warnings.append(f"image skipped ({'; '.join(error.messages)}): {parsed.src[:120]}")
        return None
    if save:
        image.save()
    return image
