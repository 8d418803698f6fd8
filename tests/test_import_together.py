"""A batch's new pages saved together (``article_import_batch``): the same rows and history as
pages saved one by one, in a number of queries that does not grow with the pages."""

import hashlib
import re
from pathlib import Path, PurePosixPath

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage
from PIL import ImageFile as PILImageFile

from articles.importer.batch import Job, parse_job, renditions_made_once
from articles.importer.figures import body_with_library_figures, figure_slots
from articles.importer.reading import LocalPictures, parse_page
from articles.models import (
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
)
from articles.services import imports
from articles.services.images import RENDITION_FORMATS, image_store
from articles.services.imports import (
    ImportOptions,
    PageToImport,
    article_fingerprint,
    article_import,
    article_import_batch,
)
from tests.factories import jpeg_bytes
from tests.test_import_command import article_page, write

pytestmark = pytest.mark.django_db

CREDITED = (
    '<figure><img src="{stem}_files/quay.jpg" alt="Boats on the quay">'
    "<figcaption>Boats on the quay. Photograph: Niamh Kelly/Harbour Press</figcaption></figure>"
)
REMOTE = (
    '<figure><img src="https://pictures.example.net/{number}.jpg" alt="A remote picture">'
    "<figcaption>A remote picture.</figcaption></figure>"
)


def folder_of_pages(folder: Path, count: int, *, varied: bool = True) -> list[Path]:
    """Pages with a picture of their own (every third one the same picture as another page's),
    some with a remote picture, and every page's headline shared with one other page (so with
    the same slug wanted on the same day); not ``varied``: one picture for all, none remote."""
    paths = []
    for number in range(count):
        stem = f"page{number:03}"
        (folder / f"{stem}_files").mkdir(parents=True, exist_ok=True)
        colour = (10 * (number % 3 if number % 3 == 0 else number), 90, 160)
        if not varied:
            colour = (10, 90, 160)
        (folder / f"{stem}_files" / "quay.jpg").write_bytes(jpeg_bytes((90, 60), colour))
        images = CREDITED.format(stem=stem)
        if number % 4 == 1 and varied:
            images += REMOTE.format(number=number)
        html = article_page(
            headline=f"Harbour story {number // 2}",
            canonical=f"https://news.example.com/2023/05/04/{folder.name}-{number}",
            images=images,
        )
        paths.append(write(folder / f"{stem}.html", html))
    return paths


def parsed_pages(paths: list[Path]) -> list[PageToImport]:
    """The pages as the command hands them over: parsed, their pictures read by the worker."""
    pages = []
    for path in paths:
        page = parse_job(Job(label=str(path), path=str(path)))
        assert page.parsed is not None, page.error
        pages.append(
            PageToImport(
                data=page.data,
                parsed=page.parsed,
                original_filename=str(path),
                pictures=page.pictures,
                figures=page.figures,
            )
        )
    return pages


def import_one_by_one(paths: list[Path], options: ImportOptions) -> list[str]:
    outcomes = []
    for path in paths:
        data = path.read_bytes()
        result = article_import(
            data=data,
            parsed=parse_page(data, base_url=path.resolve().as_uri()),
            options=options,
            original_filename=str(path),
            pictures=LocalPictures(path),
        )
        outcomes.append(result.outcome)
    return outcomes


def import_together(paths: list[Path], options: ImportOptions) -> list[str]:
    results = article_import_batch(pages=parsed_pages(paths), options=options)
    return [getattr(result, "outcome", repr(result)) for result in results]


def snapshot() -> dict:
    """Every row an import makes, with library ids replaced by what the picture is."""
    pictures = {image.pk: image.file_sha256 or image.source_url for image in Image.objects.all()}

    def by_picture(html: str) -> str:
        return re.sub(r'data-image-id="(\d+)"', lambda m: pictures[int(m[1])], html)

    articles = []
    for article in Article.objects.order_by("source__source_url"):
        revision = ArticleRevision.objects.get(article=article)
        transition = ArticleTransition.objects.get(article=article)
        source = ArticleSource.objects.get(article=article)
        articles.append(
            {
                "article": (
                    article.headline,
                    article.slug,
                    article.standfirst,
                    by_picture(article.body),
                    pictures.get(article.hero_image_id),
                    article.section.name,
                    article.status,
                    article.published_at,
                    article.publication_date,
                    article.updated_at,
                    article.comments_enabled,
                    article.created_by,
                ),
                "authors": sorted(article.authors.values_list("name", flat=True)),
                "tags": sorted(article.tags.values_list("name", flat=True)),
                "inline": sorted(pictures[image.pk] for image in article.inline_images.all()),
                "revision": (
                    revision.number,
                    revision.headline,
                    revision.slug,
                    revision.standfirst,
                    by_picture(revision.body),
                    pictures.get(revision.hero_image_id),
                    revision.section_id == article.section_id,
                    sorted(Author.objects.filter(pk__in=revision.author_ids).values_list("name")),
                    sorted(Tag.objects.filter(pk__in=revision.tag_ids).values_list("name")),
                    revision.comments_enabled,
                    revision.note,
                ),
                "transition": (
                    transition.from_status,
                    transition.to_status,
                    re.sub(r"Image #\d+", "Image #", transition.note),
                    transition.published_at,
                ),
                "redirects": list(article.redirects.values_list("old_path", flat=True)),
                "source": (
                    source.source_url,
                    source.content_sha256,
                    source.original_filename,
                    source.original_html,
                    [re.sub(r"Image #\d+", "Image #", warning) for warning in source.warnings],
                    source.importer_version,
                    source.imported_fingerprint == article_fingerprint(article),
                ),
            }
        )
    images = sorted(
        (image.file_sha256, image.source_url, image.alt_text, image.caption, image.credit)
        for image in Image.objects.all()
    )
    return {
        "articles": articles,
        "images": images,
        "authors": sorted(Author.objects.values_list("name", "slug")),
        "tags": sorted(Tag.objects.values_list("name", "slug")),
        "sections": sorted(Section.objects.values_list("name", "slug")),
    }


def forget_everything() -> None:
    for model in (Article, Image, Author, Tag, Section):
        model.objects.all().delete()


@pytest.mark.parametrize(
    "options",
    [
        ImportOptions(),
        ImportOptions(publish=True),
        ImportOptions(publish=True, publish_despite_problems=True),
    ],
    ids=["draft", "publish", "publish-anyway"],
)
def test_pages_saved_together_get_the_same_rows_as_pages_saved_one_by_one(tmp_path, options):
    paths = folder_of_pages(tmp_path / "pages", 8)
    assert import_one_by_one(paths, options) == ["imported"] * 8
    one_by_one = snapshot()
    forget_everything()
    assert import_together(paths, options) == ["imported"] * 8
    assert snapshot() == one_by_one
    assert len(one_by_one["articles"]) == 8


def test_the_publishing_rules_still_hold_page_by_page_in_a_batch(tmp_path):
    paths = folder_of_pages(tmp_path / "pages", 4)
    results = article_import_batch(pages=parsed_pages(paths), options=ImportOptions(publish=True))
    # Page 1 shows a remote picture with no credit: it alone stays a draft, with the reason.
    assert [result.article.status for result in results] == [
        ArticleStatus.PUBLISHED,
        ArticleStatus.DRAFT,
        ArticleStatus.PUBLISHED,
        ArticleStatus.PUBLISHED,
    ]
    assert [bool(result.problems) for result in results] == [False, True, False, False]
    assert any("credit" in problem for problem in results[1].problems)
    # Pages 0 and 1 share a headline and a day: the second gets a slug of its own.
    assert [result.article.slug for result in results] == [
        "harbour-story-0",
        "harbour-story-0-2",
        "harbour-story-1",
        "harbour-story-1-2",
    ]


def test_new_pages_of_a_batch_take_no_queries_of_their_own(tmp_path, django_assert_max_num_queries):
    few = parsed_pages(folder_of_pages(tmp_path / "few", 3, varied=False))
    many = parsed_pages(folder_of_pages(tmp_path / "many", 30, varied=False))
    # One by one, a page like these took about 40 queries.
    with CaptureQueriesContext(connection) as queries_for_few:
        article_import_batch(pages=few, options=ImportOptions())
    with django_assert_max_num_queries(len(queries_for_few)):
        article_import_batch(pages=many, options=ImportOptions())
    assert Article.objects.count() == 33


def test_pages_seen_before_or_twice_in_a_batch_import_once(tmp_path):
    paths = folder_of_pages(tmp_path / "pages", 3)
    import_one_by_one(paths[:1], ImportOptions())
    outcomes = import_together([paths[0], paths[1], paths[2], paths[1]], ImportOptions())
    assert outcomes == ["unchanged", "imported", "imported", "unchanged"]
    assert Article.objects.count() == ArticleSource.objects.count() == 3
    assert ArticleRevision.objects.count() == ArticleTransition.objects.count() == 3


def test_an_old_address_already_taken_is_kept_and_reported(tmp_path):
    paths = folder_of_pages(tmp_path / "pages", 2)
    other = import_one_by_one(paths[:1], ImportOptions()) and Article.objects.get()
    ArticleRedirect.objects.filter(article=other).update(old_path="/2023/05/04/pages-1")
    results = article_import_batch(pages=parsed_pages(paths[1:]), options=ImportOptions())
    assert ArticleRedirect.objects.get(old_path="/2023/05/04/pages-1").article == other
    assert f"old address /2023/05/04/pages-1 already leads to story #{other.pk}" in (
        results[0].warnings
    )


def test_when_saving_together_fails_each_page_is_saved_alone(tmp_path, monkeypatch):
    paths = folder_of_pages(tmp_path / "pages", 3)

    def broken(*args):
        raise RuntimeError("lost the connection")

    monkeypatch.setattr(imports, "_redirects_together", broken)
    assert import_together(paths, ImportOptions()) == ["imported"] * 3
    assert Article.objects.count() == ArticleRevision.objects.count() == 3
    assert ArticleRedirect.objects.count() == 3


def test_a_page_that_fails_alone_does_not_keep_the_others_out(tmp_path, monkeypatch):
    paths = folder_of_pages(tmp_path / "pages", 3)
    save_revision = imports.article_save_revision

    def broken(*args):
        raise RuntimeError("lost the connection")

    def failing_for_one(*, article, **kwargs):
        if article.headline == "Harbour story 1":
            raise RuntimeError("disk full")
        return save_revision(article=article, **kwargs)

    monkeypatch.setattr(imports, "_redirects_together", broken)
    monkeypatch.setattr(imports, "article_save_revision", failing_for_one)
    results = article_import_batch(pages=parsed_pages(paths), options=ImportOptions())
    assert [getattr(result, "outcome", None) for result in results[:2]] == ["imported"] * 2
    assert isinstance(results[2], RuntimeError)
    assert sorted(Article.objects.values_list("slug", flat=True)) == [
        "harbour-story-0",
        "harbour-story-0-2",
    ]
    assert ArticleSource.objects.count() == 2


def test_a_picture_read_by_the_worker_is_refused_as_it_would_be_when_saving(tmp_path):
    outside = tmp_path / "secret.jpg"
    outside.write_bytes(jpeg_bytes())
    figure = f'<figure><img src="{outside.as_uri()}" alt="x"><figcaption>x</figcaption></figure>'
    path = write(tmp_path / "pages" / "page.html", article_page(images=figure))
    [result] = article_import_batch(pages=parsed_pages([path]), options=ImportOptions())
    assert not Image.objects.exists()
    assert any("not in the page's own folder" in warning for warning in result.warnings)


BODY = (
    "<p>Before &amp; after</p>"
    '<figure><img src="a.jpg"><figcaption>A</figcaption></figure>'
    '<p>Middle</p><figure class="wide"><img src="b.jpg"></figure>'
    '<figure><img src="hero.jpg"></figure><figure><p>No picture</p></figure>'
    '<figure><figure><img src="a.jpg"></figure></figure><p>End</p>'
)


@pytest.mark.parametrize(
    ("image_ids", "hero_id", "figures"),
    [
        ({"a.jpg": 1, "b.jpg": 2, "hero.jpg": 3}, 3, ["1", "2", "1"]),
        ({}, None, []),
        ({"b.jpg": 7}, None, ["7"]),
    ],
)
def test_a_bodys_figures_point_at_their_library_pictures_and_the_rest_is_kept(
    image_ids, hero_id, figures
):
    body = body_with_library_figures(BODY, image_ids, hero_id)
    assert re.findall(r'<figure data-image-id="(\d+)"></figure>', body) == figures
    assert re.sub(r"<figure[^>]*></figure>", "", body) == (
        "<p>Before &amp; after</p><p>Middle</p><p>End</p>"
    )
    assert figure_slots(BODY).filled(image_ids, hero_id) == body


def test_a_figure_is_found_by_its_tags_not_by_text_that_looks_like_one():
    body = (
        '<p>a &lt;figure&gt; b</p><figure><img alt="x > <figure>" src="a.jpg?x=1&amp;y=2">'
        "</figure><p>c</p>"
    )
    assert body_with_library_figures(body, {"a.jpg?x=1&y=2": 4}, None) == (
        '<p>a &lt;figure&gt; b</p><figure data-image-id="4"></figure><p>c</p>'
    )


def test_a_page_cannot_write_a_figure_slot_of_its_own():
    html = article_page(body_extra="<p>\x00figure 0\x00 and &#0;figure 0&#0;</p>").encode()
    body = parse_page(html).body_html
    assert figure_slots(body + "<figure></figure>").filled({"": 5}, None).count("<figure") == 1


def test_an_imported_pictures_renditions_are_made_by_the_worker_as_an_upload_gets_them(
    tmp_path, monkeypatch, settings
):
    settings.IMAGE_RENDITION_WIDTHS = [320, 640, 1600]
    folder = tmp_path / "pages"
    (folder / "page_files").mkdir(parents=True)
    picture = jpeg_bytes((1000, 640), (200, 120, 40))
    (folder / "page_files" / "quay.jpg").write_bytes(picture)
    path = write(folder / "page.html", article_page(images=CREDITED.format(stem="page")))
    [page] = parsed_pages([path])  # the worker's side
    [read] = page.pictures.read_ahead()
    assert read.renditions, "the batch carries the renditions"
    assert read.digest == hashlib.sha256(picture).hexdigest()

    def no_pillow(*args, **kwargs):
        raise AssertionError("the saving process decoded or encoded a picture")

    # Only the ImageField's own reading of the width and height from the header is left.
    with monkeypatch.context() as patched:
        patched.setattr(PILImageFile.ImageFile, "load", no_pillow)
        patched.setattr(PILImage.Image, "load", no_pillow)
        patched.setattr(PILImage.Image, "save", no_pillow)
        [result] = article_import_batch(pages=[page], options=ImportOptions())
    assert result.outcome == "imported", result
    imported = Image.objects.get()
    upload = image_store(
        image=Image(file=ContentFile(picture, name="upload.jpg"), alt_text="x", credit="y")
    )
    assert (imported.width, imported.height) == (upload.width, upload.height) == (1000, 640)
    assert list(upload.renditions) == ["320", "640", "1000"]
    assert stored_renditions(imported) == stored_renditions(upload)


def test_a_picture_on_many_pages_is_rendered_for_the_first_only_and_stored_once(tmp_path, settings):
    settings.IMAGE_RENDITION_WIDTHS = [320, 640]
    folder = tmp_path / "pages"
    paths = []
    for number in range(3):
        (folder / f"page{number}_files").mkdir(parents=True)
        (folder / f"page{number}_files" / "quay.jpg").write_bytes(jpeg_bytes((800, 500)))
        html = article_page(
            headline=f"Harbour story {number}",
            canonical=f"https://news.example.com/2023/05/04/harbour-{number}",
            images=CREDITED.format(stem=f"page{number}"),
        )
        paths.append(write(folder / f"page{number}.html", html))
    with renditions_made_once():
        pages = parsed_pages(paths)
    carried = [page.pictures.read_ahead()[0].renditions for page in pages]
    assert carried[0] and carried[1:] == [None, None]
    results = article_import_batch(pages=pages, options=ImportOptions())
    assert [result.outcome for result in results] == ["imported"] * 3
    image = Image.objects.get()
    assert list(image.renditions) == ["320", "640"]
    assert {result.article.hero_image_id for result in results} == {image.pk}


def test_a_page_whose_picture_came_without_renditions_gets_them_from_the_saving_process(
    tmp_path, settings
):
    settings.IMAGE_RENDITION_WIDTHS = [320, 640]
    folder = tmp_path / "pages"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page_files" / "quay.jpg").write_bytes(jpeg_bytes((800, 500)))
    path = write(folder / "page.html", article_page(images=CREDITED.format(stem="page")))
    with renditions_made_once():
        parsed_pages([path])  # an earlier page of the run, which was not saved
        [page] = parsed_pages([path])
    assert page.pictures.read_ahead()[0].renditions is None
    [result] = article_import_batch(pages=[page], options=ImportOptions())
    assert result.outcome == "imported"
    assert list(Image.objects.get().renditions) == ["320", "640"]


def stored_renditions(image: Image) -> dict:
    """Each rendition's height and stored bytes, by width and format."""
    with_bytes = {}
    for width, files in image.renditions.items():
        for key in RENDITION_FORMATS:
            name = files[key]
            assert PurePosixPath(name).parent.name == PurePosixPath(image.file.name).stem
            assert PurePosixPath(name).name == f"{width}{RENDITION_FORMATS[key][1]}"
            with default_storage.open(name, "rb") as stored:
                with_bytes[width, key] = (files["height"], stored.read())
    return with_bytes


def test_a_picture_the_worker_cannot_decode_is_not_stored_as_when_saving_it_alone(
    tmp_path, settings
):
    settings.MAX_IMAGE_PIXELS = 1_000  # the picture reads as one, but is too large to decode
    folder = tmp_path / "pages"
    (folder / "page_files").mkdir(parents=True)
    (folder / "page_files" / "quay.jpg").write_bytes(jpeg_bytes((100, 60)))
    path = write(folder / "page.html", article_page(images=CREDITED.format(stem="page")))
    [page] = parsed_pages([path])
    assert page.pictures.read_ahead()[0].renditions == "100 x 60 is over 1,000 pixels"
    [together] = article_import_batch(pages=[page], options=ImportOptions())
    forget_everything()
    data = path.read_bytes()
    alone = article_import(
        data=data,
        parsed=parse_page(data, base_url=path.resolve().as_uri()),
        options=ImportOptions(),
        original_filename=str(path),
        pictures=LocalPictures(path),
    )
    warning = "image not stored (100 x 60 is over 1,000 pixels): quay.jpg"
    assert warning in together.warnings and warning in alone.warnings
    assert not Image.objects.exists()
    assert not [found for found in Path(settings.MEDIA_ROOT).rglob("*") if found.is_file()]
