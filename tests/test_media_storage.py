"""Media on S3-compatible object storage, for real: moto's S3 server on 127.0.0.1, the storage
built by settings.py from the environment, the real admin upload, importer and commands."""

import contextlib
import io
import runpy
import uuid
from http import HTTPStatus
from io import StringIO
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from moto.server import ThreadedMotoServer
from PIL import Image as PILImage
from storages.backends.s3 import S3Storage

from articles.models import Article, Image
from articles.services.images import image_create_renditions
from tests.factories import ArticleFactory, ImageFactory, UserFactory, jpeg_bytes
from tests.test_images import iptc_jpeg, upload
from tests.test_import_command import article_page, write

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
CUSTOM_DOMAIN = "media.news.example.com"


class S3Server:
    """moto's S3 server in a thread on a free port; stop() closes the socket (refused)."""

    def __init__(self):
        self.server = None
        self.start()

    def start(self):
        self.server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        self.server.start()
        host, port = self.server.get_host_and_port()
        self.endpoint = f"http://{host}:{port}"

    def stop(self):
        if self.server is not None:
            self.server.stop()
            self.server._server.server_close()
            self.server = None

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )


def storage_from_settings(environment: dict[str, str], monkeypatch) -> dict:
    """STORAGES["default"] exactly as newsarchive/settings.py builds it from the environment."""
    for name, value in {"DEBUG": "true", **environment}.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "newsarchive" / "settings.py"))["STORAGES"]["default"]


@pytest.fixture
def s3(settings, monkeypatch):
    """A bucket on a fresh S3 server, and the media storage pointed at it."""
    server = S3Server()
    bucket = f"media-{uuid.uuid4().hex[:12]}"
    server.client().create_bucket(Bucket=bucket)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": storage_from_settings(
            {
                "AWS_STORAGE_BUCKET_NAME": bucket,
                "AWS_S3_ENDPOINT_URL": server.endpoint,
                "AWS_S3_REGION_NAME": "us-east-1",
                "AWS_ACCESS_KEY_ID": "testing",
                "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_S3_CUSTOM_DOMAIN": CUSTOM_DOMAIN,
                "AWS_S3_MAX_ATTEMPTS": "1",
                "AWS_S3_CONNECT_TIMEOUT": "2",
            },
            monkeypatch,
        ),
    }
    server.bucket = bucket
    # Nothing may ask object storage for a local path (S3 has none).
    local_paths = []
    monkeypatch.setattr(S3Storage, "path", lambda storage, name: local_paths.append(name))
    yield server
    server.stop()
    assert local_paths == [], "something read a local path"


def keys(server: S3Server, prefix: str = "") -> list[str]:
    listing = server.client().list_objects_v2(Bucket=server.bucket, Prefix=prefix)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def head(server: S3Server, key: str) -> dict:
    return server.client().head_object(Bucket=server.bucket, Key=key)


def png_bytes(size=(600, 400)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def test_an_admin_upload_lands_in_the_bucket_under_its_generated_name(s3, editor_client):
    response = upload(editor_client, jpeg_bytes((900, 600)), name="../quay.jpg", credit="PA")
    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert image.file.name.startswith("images/") and "quay" not in image.file.name
    assert keys(s3, "images/") == [image.file.name]
    assert head(s3, image.file.name)["ContentType"] == "image/jpeg"
    assert (image.width, image.height) == (900, 600)


def test_renditions_are_made_from_the_stored_object_and_stored_beside_it(
    s3, editor_client, monkeypatch
):
    opened = []
    original_open = S3Storage._open
    monkeypatch.setattr(
        S3Storage,
        "_open",
        lambda storage, name, mode="rb": opened.append(name) or original_open(storage, name, mode),
    )
    upload(editor_client, jpeg_bytes((900, 600)), credit="PA")
    image = Image.objects.get()
    assert image.file.name in opened
    stem = Path(image.file.name).stem
    assert keys(s3, "renditions/") == [f"renditions/{stem}/480.jpg", f"renditions/{stem}/480.webp"]
    assert head(s3, f"renditions/{stem}/480.webp")["ContentType"] == "image/webp"
    assert image.renditions["480"] == {
        "jpeg": f"renditions/{stem}/480.jpg",
        "webp": f"renditions/{stem}/480.webp",
        "height": 320,
    }


def test_a_png_named_like_a_pdf_is_stored_and_served_as_png(s3, editor_client):
    response = upload(editor_client, png_bytes(), name="doc.pdf", credit="PA")
    assert response.status_code == HTTPStatus.FOUND
    name = Image.objects.get().file.name
    assert name.endswith(".png")
    assert head(s3, name)["ContentType"] == "image/png"


def test_the_upload_prefills_the_credit_from_its_iptc(s3, editor_client):
    upload(editor_client, iptc_jpeg(byline="Niamh Kelly", credit="Harbour Press"))
    assert Image.objects.get().credit == "Niamh Kelly/Harbour Press"


def test_an_empty_credit_is_prefilled_from_the_stored_file(s3, editor_client):
    image = ImageFactory(file=ContentFile(iptc_jpeg(credit="Harbour Press"), "x.jpg"), credit="")
    assert keys(s3, "images/") == [image.file.name]
    response = editor_client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {"alt_text": image.alt_text, "caption": image.caption, "credit": ""},
    )
    assert response.status_code == HTTPStatus.FOUND
    image.refresh_from_db()
    assert image.credit == "Harbour Press"


def test_the_public_page_points_picture_and_srcset_at_the_custom_domain(s3, client):
    hero = image_create_renditions(
        image=ImageFactory(file=ContentFile(jpeg_bytes((900, 600)), "a.jpg"))
    )
    article = ArticleFactory(hero_image=hero)
    html = client.get(article.get_absolute_url()).content.decode()
    picture = html[html.index("<picture>") : html.index("</picture>")]
    stem = Path(hero.file.name).stem
    assert f'srcset="https://{CUSTOM_DOMAIN}/renditions/{stem}/480.webp 480w"' in picture
    assert f'srcset="https://{CUSTOM_DOMAIN}/renditions/{stem}/480.jpg 480w"' in picture
    assert f'src="https://{CUSTOM_DOMAIN}/{hero.file.name}"' in picture


def test_make_renditions_backfills_from_the_bucket(s3):
    image = ImageFactory(file=ContentFile(jpeg_bytes((900, 600)), "a.jpg"))
    assert keys(s3, "renditions/") == []
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "1 images" in out.getvalue()
    image.refresh_from_db()
    stem = Path(image.file.name).stem
    assert keys(s3, "renditions/") == [f"renditions/{stem}/480.jpg", f"renditions/{stem}/480.webp"]


def import_pages(tmp_path: Path, *pages: str, fetch=False):
    paths = [write(tmp_path / f"page{number}.html", page) for number, page in enumerate(pages)]
    out, err = StringIO(), StringIO()
    arguments = ["--fetch-images"] if fetch else []
    with contextlib.suppress(CommandError):  # the report says what went wrong
        call_command("import_article", *arguments, *map(str, paths), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def figure(src: str) -> str:
    return f'<figure><img src="{src}" alt="Quay"><figcaption>Quay. Photo: AP</figcaption></figure>'


def test_an_import_stores_pictures_saved_beside_the_page_in_the_bucket_once(s3, tmp_path):
    (tmp_path / "page0_files").mkdir()
    (tmp_path / "page0_files" / "quay.jpg").write_bytes(jpeg_bytes((90, 60)))
    (tmp_path / "page1_files").mkdir()
    (tmp_path / "page1_files" / "same.jpg").write_bytes(jpeg_bytes((90, 60)))
    report = import_pages(
        tmp_path,
        article_page(body_extra=figure("page0_files/quay.jpg")),
        article_page(
            headline="Second story",
            canonical="https://n.example/2",
            body_extra=figure("page1_files/same.jpg"),
        ),
    )
    assert "2 imported" in report, report
    image = Image.objects.get()
    assert keys(s3, "images/") == [image.file.name]
    assert len(keys(s3, "renditions/")) == 2
    assert all(article.hero_image == image for article in Article.objects.all())


def test_an_import_with_fetch_images_stores_remote_pictures_in_the_bucket_once(
    s3, tmp_path, public_picture_server
):
    picture = jpeg_bytes((50, 30))
    for path in ("/a/quay.jpg", "/b/copy.jpg"):
        public_picture_server.routes[path] = (200, {"Content-Type": "image/jpeg"}, picture)
    base = "http://pictures.example"
    report = import_pages(
        tmp_path,
        article_page(body_extra=figure(f"{base}/a/quay.jpg")),
        article_page(
            headline="Second story",
            canonical="https://n.example/2",
            body_extra=figure(f"{base}/b/copy.jpg"),
        ),
        fetch=True,
    )
    assert "2 imported" in report, report
    image = Image.objects.get()
    assert image.source_url == f"{base}/a/quay.jpg"
    assert keys(s3, "images/") == [image.file.name]


# The storage unreachable


def test_storage_down_during_an_upload_is_a_form_error_and_saves_nothing(s3, editor_client):
    s3.stop()
    response = upload(editor_client, jpeg_bytes((900, 600)), credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert "could not be stored: the media storage did not answer" in response.content.decode()
    assert not Image.objects.exists()
    s3.start()
    assert keys(s3) == []


def test_storage_failing_after_the_original_was_stored_keeps_no_file_and_no_row(
    s3, editor_client, monkeypatch
):
    from botocore.exceptions import EndpointConnectionError

    original_save = S3Storage._save

    def renditions_fail(storage, name, content):
        if name.startswith("renditions/"):
            raise EndpointConnectionError(endpoint_url=s3.endpoint)
        return original_save(storage, name, content)

    monkeypatch.setattr(S3Storage, "_save", renditions_fail)
    response = upload(editor_client, jpeg_bytes((900, 600)), credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert "Nothing was saved" in response.content.decode()
    assert not Image.objects.exists()
    assert keys(s3) == []


def test_pages_showing_stored_pictures_still_render_with_the_storage_down(s3, client):
    hero = image_create_renditions(
        image=ImageFactory(file=ContentFile(jpeg_bytes((900, 600)), "a.jpg"))
    )
    inline = image_create_renditions(
        image=ImageFactory(file=ContentFile(jpeg_bytes((900, 600)), "b.jpg"))
    )
    article = ArticleFactory(hero_image=hero, body=f'<figure data-image-id="{inline.pk}"></figure>')
    article.sync_inline_images()
    s3.stop()
    for url in (article.get_absolute_url(), reverse("articles:home")):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count(f"https://{CUSTOM_DOMAIN}/renditions/") >= 4


def test_the_settings_build_an_s3_storage_that_fails_fast(monkeypatch):
    storage = storage_from_settings(
        {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_CONNECT_TIMEOUT": "3"}, monkeypatch
    )
    config = storage["OPTIONS"]["client_config"]
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert config.connect_timeout == 3 and config.retries["max_attempts"] == 3
    assert storage["OPTIONS"]["max_memory_size"] > 0  # large downloads spill to disk


def test_make_renditions_reports_each_image_it_could_not_read_and_fails(s3):
    image = ImageFactory(file=ContentFile(jpeg_bytes((900, 600)), "a.jpg"))
    s3.stop()
    err = StringIO()
    with pytest.raises(CommandError, match="1 images failed"):
        call_command("make_renditions", stdout=StringIO(), stderr=err)
    assert f"FAILED image {image.pk}" in err.getvalue()
