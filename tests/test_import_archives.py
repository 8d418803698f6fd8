"""Web archives: WARC (.warc, .warc.gz) and WACZ files, built here with warcio from corpus pages."""

import io
from datetime import UTC, datetime

import pytest

from articles.importer.reading import parse_page
from articles.models import Article, ArticleSource, Image
from tests.factories import jpeg_bytes
from tests.importing import CORPUS, corpus_pages, write_wacz, write_warc
from tests.test_import_command import article_page, run

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"shared corpus not found at {CORPUS}"),
]

WHEN = "2021-03-04T05:06:07Z"


def corpus_records(count: int) -> list[tuple[str, str, bytes, str]]:
    """Response records for ``count`` corpus pages with a generated picture for each image."""
    records = []
    for number, (name, html) in enumerate(corpus_pages(count)):
        url = f"https://archive.example.org/{name}"
        records.append((url, "text/html; charset=utf-8", html, WHEN))
        for image_number, image in enumerate(parse_page(html, base_url=url).images):
            picture = jpeg_bytes((40 + number, 30 + image_number))
            records.append((image.src, "image/jpeg", picture, WHEN))
    return records


def archive_bytes(records, **kwargs) -> bytes:
    stream = io.BytesIO()
    write_warc(stream, records, **kwargs)
    return stream.getvalue()


@pytest.mark.parametrize(("suffix", "gzip"), [(".warc.gz", True), (".warc", False)])
def test_every_html_response_in_a_warc_is_a_page_with_its_pictures(tmp_path, suffix, gzip):
    records = corpus_records(4)
    archive = tmp_path / f"crawl{suffix}"
    archive.write_bytes(archive_bytes(records, gzip=gzip))
    _out, err, error = run(archive)
    assert error is None, err
    pages = [record for record in records if record[1].startswith("text/html")]
    assert Article.objects.count() == len(pages)
    archived_pictures = {record[0] for record in records if record[1] == "image/jpeg"}
    imported = Image.objects.filter(source_url__in=archived_pictures)
    assert imported.exists()
    assert all(image.file for image in imported)
    assert not Image.objects.filter(source_url__in=archived_pictures, file="").exists()


def test_the_capture_address_and_date_go_into_the_provenance(tmp_path):
    page = article_page(canonical="").encode()
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(
        archive_bytes([("http://old.example.com/news/7.html", "text/html", page, WHEN)])
    )
    run(archive)
    source = ArticleSource.objects.get()
    assert source.capture_url == "http://old.example.com/news/7.html"
    assert source.captured_at == datetime(2021, 3, 4, 5, 6, 7, tzinfo=UTC)
    assert source.original_filename == str(archive)
    assert source.article.redirects.get().old_path == "/news/7.html"


def test_a_wacz_package_is_read_like_its_warcs(tmp_path):
    records = corpus_records(2)
    archive = write_wacz(tmp_path / "crawl.wacz", archive_bytes(records))
    _out, err, error = run(archive)
    assert error is None, err
    assert Article.objects.count() == 2
    assert Image.objects.exclude(file="").exists()


def page_captured(headline: str) -> bytes:
    return article_page(headline=headline, canonical="").encode()


def test_a_url_captured_several_times_imports_once_as_its_latest_capture(tmp_path):
    url = "https://news.example.com/harbour"
    records = [
        (url, "text/html", page_captured("First version"), "2020-01-01T00:00:00Z"),
        (url, "text/html", page_captured("Latest version"), "2022-01-01T00:00:00Z"),
        (url, "text/html", page_captured("Middle version"), "2021-01-01T00:00:00Z"),
    ]
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(archive_bytes(records))
    run(archive)
    assert list(Article.objects.values_list("headline", flat=True)) == ["Latest version"]


def test_as_of_picks_the_capture_current_at_that_date(tmp_path):
    url = "https://news.example.com/harbour"
    records = [
        (url, "text/html", page_captured("First version"), "2020-01-01T00:00:00Z"),
        (url, "text/html", page_captured("Latest version"), "2022-01-01T00:00:00Z"),
    ]
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(archive_bytes(records))
    run("--as-of", "2021-06-01", archive)
    assert list(Article.objects.values_list("headline", flat=True)) == ["First version"]


def test_a_revisit_counts_as_a_capture_of_the_same_page(tmp_path):
    url = "https://news.example.com/harbour"
    records = [(url, "text/html", page_captured("Only version"), "2020-01-01T00:00:00Z")]
    revisits = [(url, "2023-01-01T00:00:00Z", url, "2020-01-01T00:00:00Z")]
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(archive_bytes(records, revisits=revisits))
    _out, err, error = run(archive)
    assert error is None, err
    article = Article.objects.get()
    assert article.headline == "Only version"
    assert article.source.captured_at.year == 2023


def test_pictures_come_from_the_archive_without_the_network(tmp_path, monkeypatch):
    from articles.importer import reading

    def no_network(*args):
        raise AssertionError("the network was used")

    monkeypatch.setattr(reading, "system_resolver", no_network)
    picture = "https://cdn.example.com/quay.jpg"
    figure = f'<figure><img src="{picture}" alt="Quay"><figcaption>Photo: AP</figcaption></figure>'
    records = [
        ("https://news.example.com/a", "text/html", article_page(body_extra=figure).encode(), WHEN),
        (picture, "image/jpeg", jpeg_bytes((70, 50)), WHEN),
    ]
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(archive_bytes(records))
    run("--fetch-images", archive)
    image = Image.objects.get(source_url=picture)
    assert (image.width, image.height) == (70, 50)


def test_a_damaged_archive_fails_with_a_reason(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(b"\x1f\x8b\x08\x00 this is not a warc at all" * 10)
    _out, err, error = run(archive)
    assert error is not None
    assert f"FAILED {archive}" in err


def test_a_directory_of_archives_and_pages_is_walked(tmp_path):
    (tmp_path / "a.html").write_text(article_page(canonical="https://news.example.com/a"))
    page = article_page(headline="From the archive", canonical="").encode()
    (tmp_path / "crawl.warc.gz").write_bytes(
        archive_bytes([("https://news.example.com/b", "text/html", page, WHEN)])
    )
    out, err, error = run(tmp_path)
    assert error is None, err
    assert "2 imported" in out
