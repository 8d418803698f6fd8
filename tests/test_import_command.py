import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, ArticleSource, ArticleStatus, Image
from tests.factories import SectionFactory, jpeg_bytes

pytestmark = pytest.mark.django_db

CANONICAL = "https://news.example.com/2023/05/04/harbour-reopens"


def article_page(
    *,
    headline="Harbour reopens after the storm",
    canonical=CANONICAL,
    body_extra="",
    images="",
    charset="utf-8",
) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="{charset}">
<title>{headline} | The Example Times</title>
<link rel="canonical" href="{canonical}">
<meta property="og:title" content="{headline}">
<meta name="description" content="Fishing crews return a week after the floods.">
<meta property="article:published_time" content="2023-05-04T09:30:00+01:00">
<meta property="article:section" content="Regional">
<meta name="keywords" content="Harbours, Storms">
<meta name="author" content="Jane Doe">
</head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>{headline}</h1>
<p class="byline">By Jane Doe, Staff Writer</p>
{images}
<p>The harbour at Port Ardan reopened on Thursday, a week after the storm surge that flooded
the quay and left dozens of boats stranded on the slipway.</p>
<h2>Crews back at sea</h2>
<p>Skippers said the first catches of the season had been better than expected, and that the
repairs to the breakwater had been finished ahead of schedule by council engineers.</p>
<p>The council said a full review of the flood defences would be published in the autumn,
after consultation with residents and businesses along the waterfront.</p>
{body_extra}
</article>
<aside class="related-stories"><h3>Related</h3><a href="/x">Another story entirely</a></aside>
<footer class="site-footer">Copyright The Example Times</footer>
</body></html>"""


def write(path: Path, text: str, encoding="utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_article", *map(str, args), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_a_page_becomes_a_draft_with_its_metadata_and_provenance(tmp_path):
    page = write(tmp_path / "harbour.html", article_page())
    out, err, error = run(page)
    assert error is None, err
    assert "1 imported" in out
    article = Article.objects.get()
    assert article.status == ArticleStatus.DRAFT
    assert article.headline == "Harbour reopens after the storm"
    assert [a.name for a in article.authors.all()] == ["Jane Doe"]
    assert sorted(t.name for t in article.tags.all()) == ["Harbours", "Storms"]
    assert article.section.name == "Regional"
    assert "<h2>Crews back at sea</h2>" in article.body
    assert "Another story entirely" not in article.body
    source = article.source
    assert source.source_url == CANONICAL
    assert len(source.content_sha256) == 64
    assert source.importer_version
    assert source.original_html.startswith("<!doctype html>")
    assert source.original_filename == str(page)


def publishable_page(tmp_path: Path, **kwargs) -> Path:
    """A page that meets the publishing rules: byline, standfirst and a credited hero picture."""
    (tmp_path / "harbour_files").mkdir(exist_ok=True)
    (tmp_path / "harbour_files" / "quay.jpg").write_bytes(jpeg_bytes((90, 60)))
    figure = (
        '<figure><img src="harbour_files/quay.jpg" alt="Boats on the quay">'
        "<figcaption>Boats on the quay. Photograph: Niamh Kelly/Harbour Press</figcaption></figure>"
    )
    return write(tmp_path / "harbour.html", article_page(images=figure, **kwargs))


def test_publish_uses_the_pages_original_date(tmp_path):
    page = publishable_page(tmp_path)
    run("--publish", page)
    article = Article.objects.live().get()
    assert article.get_absolute_url().startswith("/2023/05/04/")
    assert article.published_at.isoformat() == "2023-05-04T08:30:00+00:00"


def test_importing_the_same_page_again_changes_nothing(tmp_path):
    page = write(tmp_path / "harbour.html", article_page())
    run(page)
    out, _, _ = run(page)
    assert "1 unchanged" in out
    assert Article.objects.count() == 1
    assert ArticleSource.objects.count() == 1


def test_a_changed_page_with_the_same_canonical_url_updates_the_same_article(tmp_path):
    run(write(tmp_path / "v1.html", article_page()))
    out, _, _ = run(write(tmp_path / "v2.html", article_page(headline="Harbour reopens at last")))
    assert "1 updated" in out
    assert Article.objects.get().headline == "Harbour reopens at last"


def test_pages_without_canonical_url_are_matched_by_content_hash(tmp_path):
    page = write(tmp_path / "a.html", article_page(canonical=""))
    run(page)
    copy = write(tmp_path / "copy" / "a.html", page.read_text())
    out, _, _ = run(copy)
    assert "1 unchanged" in out
    assert Article.objects.count() == 1


def test_newsroom_edits_are_kept_unless_overwrite(tmp_path):
    run(write(tmp_path / "v1.html", article_page()))
    article = Article.objects.get()
    article.headline = "Edited by the desk"
    article.save()
    v2 = write(tmp_path / "v2.html", article_page(headline="Harbour reopens at last"))
    out, _, _ = run(v2)
    assert "1 skipped" in out
    assert "--overwrite" in out
    assert Article.objects.get().headline == "Edited by the desk"
    out, _, _ = run("--overwrite", v2)
    assert "1 updated" in out
    assert Article.objects.get().headline == "Harbour reopens at last"


def test_dry_run_json_prints_one_object_per_page_and_saves_nothing(tmp_path):
    write(tmp_path / "a.html", article_page())
    write(tmp_path / "b.html", article_page(headline="Second story", canonical=CANONICAL + "-2"))
    out, _, error = run("--dry-run", "--json", tmp_path)
    assert error is None
    lines = out.strip().splitlines()
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert set(first) == {
        "headline", "byline", "published", "standfirst", "body_text", "body_html",
        "images", "section", "tags", "source_url", "warnings",
    }  # fmt: skip
    assert first["byline"] == "Jane Doe"
    assert first["published"].startswith("2023-05-04T09:30:00")
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "not HTML"),
        (b"<html><head></head><body></body></html>", "no article found"),
    ],
)
def test_bad_pages_fail_with_a_reason_and_the_batch_goes_on(tmp_path, content, reason):
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    good = write(tmp_path / "good.html", article_page())
    out, err, error = run(bad, good)
    assert f"FAILED {bad}: " in err
    assert reason in err
    assert "1 imported" in out and "1 failed" in out
    assert isinstance(error, CommandError)
    assert Article.objects.count() == 1


def test_a_page_with_a_headline_but_no_text_is_refused(tmp_path):
    empty = write(
        tmp_path / "empty.html",
        "<html><body><article><h1>Only a headline</h1></article></body></html>",
    )
    _, err, error = run(empty)
    assert "empty body" in err or "no article found" in err
    assert error is not None
    assert not Article.objects.exists()


def test_files_over_the_size_limit_are_refused(tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    _, err, error = run(write(tmp_path / "big.html", article_page()))
    assert "the limit is" in err
    assert error is not None
    assert not Article.objects.exists()


def test_missing_path_is_reported(tmp_path):
    _, err, error = run(tmp_path / "nowhere.html")
    assert "no such file" in err
    assert error is not None


def test_gzipped_pages_and_directories_are_walked(tmp_path):
    (tmp_path / "2019").mkdir()
    (tmp_path / "2019" / "a.html.gz").write_bytes(gzip.compress(article_page().encode()))
    write(
        tmp_path / "2019" / "deeper" / "b.htm",
        article_page(headline="Second", canonical=CANONICAL + "-b"),
    )
    write(tmp_path / "2019" / "b_files" / "frame.html", "<html><body>ad frame</body></html>")
    write(tmp_path / "notes.txt", "not a page")
    out, err, error = run(tmp_path)
    assert error is None, err
    assert "2 imported" in out
    assert Article.objects.count() == 2


def test_windows_1252_page_is_decoded(tmp_path):
    page = article_page(headline="Café owners count the cost", charset="windows-1252")
    _out, err, error = run(write(tmp_path / "cafe.html", page, encoding="cp1252"))
    assert error is None, err
    assert Article.objects.get().headline == "Café owners count the cost"


def test_local_images_beside_a_saved_page_are_copied_into_the_library(tmp_path):
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "quay.jpg").write_bytes(jpeg_bytes((90, 60)))
    figure = (
        '<figure><img src="page_files/quay.jpg" alt="Boats on the quay">'
        "<figcaption>Boats on the quay on Thursday. Photograph: Niamh Kelly/Harbour Press"
        "</figcaption></figure>"
    )
    page = article_page(body_extra=figure)
    run(write(tmp_path / "page.html", page))
    article = Article.objects.get()
    images = list(Image.objects.all())
    assert len(images) == 1
    image = images[0]
    assert image.file and (image.width, image.height) == (90, 60)
    assert image.credit == "Niamh Kelly/Harbour Press"
    assert image.caption.startswith("Boats on the quay")
    assert image in {article.hero_image, *article.inline_images.all()}


def test_remote_images_are_recorded_by_address_without_fetching(tmp_path):
    figure = (
        '<figure><img src="https://cdn.example.com/p/quay.jpg" alt="The quay">'
        "<figcaption>The quay. Photo: Jane Roe/Reuters</figcaption></figure>"
    )
    run(write(tmp_path / "page.html", article_page(body_extra=figure)))
    image = Image.objects.get()
    assert not image.file
    assert image.source_url == "https://cdn.example.com/p/quay.jpg"
    assert image.credit == "Jane Roe/Reuters"


def test_fetch_images_downloads_remote_pictures(tmp_path, public_picture_server):
    src = "http://photos.example.com/quay.jpg"
    figure = (
        f'<figure><img src="{src}" alt="Quay"><figcaption>Quay. Photo: AP</figcaption></figure>'
    )
    run("--fetch-images", write(tmp_path / "page.html", article_page(body_extra=figure)))
    image = Image.objects.get()
    assert image.file and (image.width, image.height) == (50, 30)
    assert public_picture_server.requests == ["/quay.jpg"]


def test_section_option_files_every_page_there(tmp_path):
    section = SectionFactory(slug="archive")
    run("--section", "archive", write(tmp_path / "a.html", article_page()))
    assert Article.objects.get().section == section


def test_unknown_section_option_is_an_error(tmp_path):
    _, _, error = run("--section", "nope", write(tmp_path / "a.html", article_page()))
    assert "No section" in str(error)


def test_a_failure_half_way_leaves_no_partial_article(tmp_path, monkeypatch):
    from articles.services import imports

    def broken(articles):
        raise RuntimeError("disk full")

    # Called once the article row is written, whether pages are saved together or one by one.
    monkeypatch.setattr(imports, "refresh_search_vectors", broken)
    _, err, error = run(write(tmp_path / "a.html", article_page()))
    assert "unexpected error" in err and "disk full" in err
    assert error is not None
    assert not Article.objects.exists()
    assert not ArticleSource.objects.exists()


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("Regional", "Regional"),
        ("Smart News, Smart News Science", "Smart News"),
        ("/world/middle_east", "Middle East"),
        ("  Local   News ", "Local News"),
        ("", ""),
    ],
)
def test_section_names_from_metadata_are_tidied(declared, expected):
    from articles.services.imports import section_name

    assert section_name(declared) == expected


def test_imported_articles_are_found_by_search_at_once(tmp_path, client):
    run("--publish", publishable_page(tmp_path))
    response = client.get("/search/", {"q": "breakwater"})
    assert "Harbour reopens after the storm" in response.content.decode()
