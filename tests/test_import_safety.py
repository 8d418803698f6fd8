"""A page is hostile input: what it names must not reach the disk, the network or the database."""

import os

import pytest

from articles.importer import reading
from articles.importer.reading import PictureRefused, RemotePictures
from articles.models import Article, ArticleSource, Image
from tests.factories import jpeg_bytes
from tests.test_import_command import article_page, run, write

pytestmark = pytest.mark.django_db

PUBLIC = "93.184.216.34"


def figure(src: str) -> str:
    return (
        f'<figure><img src="{src}" alt="Quay"><figcaption>Photo: Jane Roe/AP</figcaption></figure>'
    )


def import_page(tmp_path, src: str, *args) -> ArticleSource:
    _out, err, error = run(
        *args, write(tmp_path / "page.html", article_page(body_extra=figure(src)))
    )
    assert error is None, err
    return ArticleSource.objects.get()


@pytest.fixture
def secret(tmp_path):
    """A picture outside the page's folder that a page must not be able to copy in."""
    path = tmp_path / "private" / "secret.jpg"
    path.parent.mkdir()
    path.write_bytes(jpeg_bytes((31, 17)))
    return path


@pytest.mark.parametrize(
    "src",
    [
        "file://{secret}",
        "../private/secret.jpg",
        "page_files/../private/secret.jpg",
        "private/secret.jpg",
        "/{secret}",
    ],
)
def test_a_page_cannot_copy_pictures_from_outside_its_own_folder(tmp_path, secret, src):
    (tmp_path / "page_files").mkdir()
    import_page(tmp_path, src.format(secret=secret))
    assert not Image.objects.exclude(file="").exists()


def test_a_link_inside_the_pages_folder_cannot_lead_out_of_it(tmp_path, secret):
    (tmp_path / "page_files").mkdir()
    os.symlink(secret, tmp_path / "page_files" / "quay.jpg")
    import_page(tmp_path, "page_files/quay.jpg")
    assert not Image.objects.exclude(file="").exists()


def test_the_warnings_do_not_tell_whether_a_file_exists(tmp_path, secret):
    existing = import_page(tmp_path, f"file://{secret}").warnings
    Article.objects.all().delete()
    missing = import_page(tmp_path, f"file://{secret.parent}/nothing-here.jpg").warnings
    assert [w.replace("nothing-here", "secret") for w in missing] == existing


def test_a_picture_in_the_pages_own_folder_is_imported(tmp_path):
    (tmp_path / "page_files" / "deeper").mkdir(parents=True)
    (tmp_path / "page_files" / "deeper" / "quay.jpg").write_bytes(jpeg_bytes((40, 20)))
    import_page(tmp_path, "page_files/deeper/quay.jpg")
    assert Image.objects.get().file


def test_a_file_that_is_not_a_picture_is_not_imported(tmp_path):
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "quay.jpg").write_bytes(b"#!/bin/sh\necho not a picture\n")
    source = import_page(tmp_path, "page_files/quay.jpg")
    assert not Image.objects.exclude(file="").exists()
    assert any("not a readable picture" in warning for warning in source.warnings)


def test_fetching_refuses_a_picture_on_this_host(tmp_path, picture_server):
    src = f"http://127.0.0.1:{picture_server.port}/quay.jpg"
    source = import_page(tmp_path, src, "--fetch-images")
    assert picture_server.requests == []
    assert not Image.objects.exclude(file="").exists()
    assert any("not a public address" in warning for warning in source.warnings)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "172.16.0.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "::1",
        "fe80::1",
        "fc00::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "2002:7f00:1::1",
        "64:ff9b::a9fe:a9fe",
        "2001:db8::1",
        "ff02::1",
    ],
)
def test_fetching_refuses_names_resolving_to_private_addresses(picture_server, address):
    remote = RemotePictures(
        resolver=lambda host, port: [address], connector=picture_server.connector
    )
    with pytest.raises(PictureRefused, match="not a public address"):
        remote.read("http://photos.example.com/quay.jpg")
    assert picture_server.connected_to == []


def test_fetching_refuses_a_name_with_any_private_address(picture_server):
    remote = RemotePictures(
        resolver=lambda host, port: [PUBLIC, "10.0.0.5"], connector=picture_server.connector
    )
    with pytest.raises(PictureRefused):
        remote.read("http://photos.example.com/quay.jpg")
    assert picture_server.connected_to == []


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://intranet.example/quay.jpg"]
)
def test_a_public_address_redirecting_to_a_private_one_is_refused(picture_server, target):
    picture_server.routes["/moved.jpg"] = (302, {"Location": target}, b"")
    addresses = {"photos.example.com": [PUBLIC], "intranet.example": ["10.0.0.5"]}
    remote = RemotePictures(
        resolver=lambda host, port: addresses.get(host, [host]),
        connector=picture_server.connector,
    )
    with pytest.raises(PictureRefused, match="not a public address"):
        remote.read("http://photos.example.com/moved.jpg")
    assert picture_server.requests == ["/moved.jpg"]
    assert picture_server.connected_to == [(PUBLIC, 80)]


def test_a_redirect_between_public_addresses_is_followed(picture_server):
    picture_server.routes["/moved.jpg"] = (301, {"Location": "/quay.jpg"}, b"")
    remote = RemotePictures(resolver=lambda h, p: [PUBLIC], connector=picture_server.connector)
    assert remote.read("http://photos.example.com/moved.jpg").format == "JPEG"
    assert picture_server.requests == ["/moved.jpg", "/quay.jpg"]


def test_fetching_gives_up_after_a_few_redirects(picture_server):
    picture_server.routes["/loop.jpg"] = (302, {"Location": "/loop.jpg"}, b"")
    remote = RemotePictures(resolver=lambda h, p: [PUBLIC], connector=picture_server.connector)
    with pytest.raises(PictureRefused, match="too many redirects"):
        remote.read("http://photos.example.com/loop.jpg")
    assert len(picture_server.requests) == reading.MAX_REDIRECTS + 1


def test_fetching_refuses_what_is_not_a_picture(picture_server):
    picture_server.routes["/page.jpg"] = (200, {"Content-Type": "text/html"}, b"<html></html>")
    picture_server.routes["/fake.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"<html></html>")
    remote = RemotePictures(resolver=lambda h, p: [PUBLIC], connector=picture_server.connector)
    with pytest.raises(PictureRefused, match="not a picture"):
        remote.read("http://photos.example.com/page.jpg")
    with pytest.raises(PictureRefused, match="not a readable picture"):
        remote.read("http://photos.example.com/fake.jpg")


def test_fetching_refuses_a_picture_over_the_size_limit(picture_server):
    picture_server.routes["/big.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"x" * 5000)
    remote = RemotePictures(
        resolver=lambda h, p: [PUBLIC], connector=picture_server.connector, limit=1000
    )
    with pytest.raises(PictureRefused, match="over"):
        remote.read("http://photos.example.com/big.jpg")


def test_fetching_refuses_other_schemes():
    with pytest.raises(PictureRefused, match="only http and https"):
        RemotePictures().read("ftp://photos.example.com/quay.jpg")


def test_fetching_is_cut_off_after_its_time(picture_server):
    remote = RemotePictures(
        resolver=lambda h, p: [PUBLIC], connector=picture_server.connector, timeout=0
    )
    with pytest.raises(PictureRefused, match="took too long"):
        remote.read("http://photos.example.com/quay.jpg")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda page: page.replace("The harbour at", "The\x00 harbour at"), id="nul"),
        pytest.param(lambda page: page.replace("<h1>", "<h1>\x00\x00"), id="nul-in-headline"),
        pytest.param(
            lambda page: page.replace("<meta charset", "\x00<meta charset"), id="nul-head"
        ),
        pytest.param(
            lambda page: page.replace('<p class="byline">', '<p cla\x01ss="byline" x\x1fy=1>'),
            id="control-in-attribute-name",
        ),
        pytest.param(lambda page: page.replace("Skippers", "&#0;&#1;&#x1f;Skippers"), id="refs"),
    ],
)
def test_control_characters_are_cleaned_and_the_page_imported(tmp_path, damage):
    page = tmp_path / "page.html"
    page.write_bytes(damage(article_page()).encode())
    _out, err, error = run(page)
    assert error is None, err
    article = Article.objects.get()
    stored = [article.headline, article.body, article.source.original_html]
    assert not any(character in text for text in stored for character in ("\x00", "\x01", "\x1f"))
    assert article.headline == "Harbour reopens after the storm"
    assert "harbour at Port Ardan" in article.body.replace("The harbour", "harbour")


def test_fetching_after_an_import_without_fetching_reuses_the_image_row(
    tmp_path, public_picture_server
):
    page = write(
        tmp_path / "page.html",
        article_page(body_extra=figure("http://photos.example.com/quay.jpg")),
    )
    run(page)
    recorded = Image.objects.get()
    assert not recorded.file
    _out, err, error = run("--fetch-images", "--overwrite", page)
    assert error is None, err
    image = Image.objects.get()
    assert image.pk == recorded.pk
    assert image.file and (image.width, image.height) == (50, 30)


def test_the_default_page_size_limit_bounds_a_workers_memory(settings):
    # Parsing takes about 20 times a page's size; a worker must stay well under 300 MB.
    assert settings.IMPORT_MAX_BYTES * 20 <= 150 * 1024 * 1024


def test_importing_an_unchanged_page_again_with_fetching_fills_in_the_same_row(
    tmp_path, public_picture_server
):
    page = write(
        tmp_path / "page.html",
        article_page(body_extra=figure("http://photos.example.com/quay.jpg")),
    )
    run(page)
    out, err, error = run("--fetch-images", page)
    assert error is None, err
    assert "1 unchanged" in out
    image = Image.objects.get()
    assert image.file and (image.width, image.height) == (50, 30)
    assert Article.objects.get().hero_image == image
