import io
import struct
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from tests.factories import ImageFactory, UserFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def iptc_jpeg(**fields: str) -> bytes:
    """A JPEG carrying an IPTC block (APP13 Photoshop resource 0x0404), as agencies send."""
    numbers = {"byline": 80, "credit": 110, "caption": 120}
    records = b"".join(
        b"\x1c\x02"
        + bytes([numbers[name]])
        + struct.pack(">H", len(value.encode()))
        + value.encode()
        for name, value in fields.items()
    )
    if len(records) % 2:
        records += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(records)) + records
    segment = b"Photoshop 3.0\x00" + resource
    app13 = b"\xff\xed" + struct.pack(">H", len(segment) + 2) + segment
    plain = jpeg_bytes()
    return plain[:2] + app13 + plain[2:]


def exif_jpeg(artist: str) -> bytes:
    exif = PILImage.Exif()
    exif[0x013B] = artist
    return jpeg_bytes(exif=exif.tobytes())


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    return client


def upload(client, data: bytes, name="photo.jpg", **fields):
    form = {"alt_text": "Crowds on the quay", "caption": "", "credit": "", **fields}
    form["file"] = SimpleUploadedFile(name, data, content_type="image/jpeg")
    return client.post(reverse("admin:articles_image_add"), form)


def test_upload_fills_width_height_and_a_generated_file_name(editor_client):
    response = upload(
        editor_client, jpeg_bytes((120, 80)), name="../../etc/passwd.jpg", credit="PA"
    )
    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert (image.width, image.height) == (120, 80)
    assert "passwd" not in image.file.name
    assert image.file.name.startswith("images/")


def test_iptc_credit_and_caption_prefill_an_empty_form(editor_client):
    data = iptc_jpeg(byline="Niamh Kelly", credit="Harbour Press", caption="Crowds on the quay")
    response = upload(editor_client, data)
    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert image.credit == "Niamh Kelly/Harbour Press"
    assert image.caption == "Crowds on the quay"


def test_exif_artist_prefills_the_credit(editor_client):
    assert upload(editor_client, exif_jpeg("Tom Walsh")).status_code == HTTPStatus.FOUND
    assert Image.objects.get().credit == "Tom Walsh"


def test_typed_credit_wins_over_embedded_metadata(editor_client):
    upload(editor_client, iptc_jpeg(credit="Agency"), credit="Alamy Stock Photo")
    assert Image.objects.get().credit == "Alamy Stock Photo"


def test_upload_without_any_credit_is_refused_with_a_field_error(editor_client):
    response = upload(editor_client, jpeg_bytes())
    assert response.status_code == HTTPStatus.OK
    assert "Every picture needs a credit" in response.content.decode()
    assert not Image.objects.exists()


def test_upload_without_alt_text_is_refused(editor_client):
    response = upload(editor_client, jpeg_bytes(), alt_text="", credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["alt_text"]
    assert not Image.objects.exists()


def test_a_file_that_is_not_an_image_is_refused(editor_client):
    response = upload(editor_client, b"%PDF-1.4 not a picture", name="report.jpg", credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert "Upload a valid image" in response.content.decode()
    assert not Image.objects.exists()


def test_oversized_upload_is_refused(editor_client, settings):
    settings.MAX_IMAGE_UPLOAD_BYTES = 100
    response = upload(editor_client, jpeg_bytes((400, 400)), credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert "the limit is" in response.content.decode()
    assert not Image.objects.exists()


def test_image_changelist_shows_thumbnails_and_searches_credits(editor_client):
    ImageFactory(credit="Alamy Stock Photo", caption="Quayside")
    ImageFactory(credit="Reuters", caption="Parliament")
    response = editor_client.get(reverse("admin:articles_image_changelist"), {"q": "alamy"})
    html = response.content.decode()
    assert "Quayside" in html and "Parliament" not in html
    assert "<img src=" in html


def test_pillow_rejects_truncated_files_too():
    data = jpeg_bytes()[:40]
    with pytest.raises(OSError):
        PILImage.open(io.BytesIO(data)).load()


def picture_bytes(image_format: str, size=(60, 40), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    PILImage.new(mode, size, 200).save(buffer, image_format)
    return buffer.getvalue()


def test_a_png_named_like_a_pdf_is_stored_and_served_as_png(editor_client, settings):
    settings.SERVE_MEDIA = True
    response = upload(editor_client, picture_bytes("PNG"), name="doc.pdf", credit="PA")
    assert response.status_code == HTTPStatus.FOUND
    image = Image.objects.get()
    assert image.file.name.endswith(".png")
    served = editor_client.get(image.url)
    assert served["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("image_format", "extension"), [("JPEG", ".jpg"), ("WEBP", ".webp"), ("GIF", ".gif")]
)
def test_each_accepted_format_is_stored_under_its_own_extension(
    editor_client, image_format, extension
):
    upload(editor_client, picture_bytes(image_format), name="picture.png", credit="PA")
    assert Image.objects.get().file.name.endswith(extension)


def test_a_camera_jpeg_with_extra_frames_is_stored_as_jpeg(editor_client):
    buffer = io.BytesIO()
    frame = PILImage.new("RGB", (60, 40))
    frame.save(buffer, "MPO", save_all=True, append_images=[frame])
    response = upload(editor_client, buffer.getvalue(), name="DSCF0001.MPO", credit="PA")
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.get().file.name.endswith(".jpg")


@pytest.mark.parametrize("image_format", ["BMP", "TIFF", "PPM", "ICO", "PCX", "TGA"])
def test_pictures_in_other_formats_are_refused(editor_client, image_format):
    response = upload(editor_client, picture_bytes(image_format), name="photo.jpg", credit="PA")
    assert response.status_code == HTTPStatus.OK
    assert "Upload a JPEG, PNG, WebP or GIF picture." in response.content.decode()
    assert not Image.objects.exists()


def test_the_library_never_stores_other_formats_whatever_saves_them():
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile
    from django.db import transaction

    with pytest.raises(ValidationError), transaction.atomic():
        ImageFactory(file=ContentFile(picture_bytes("BMP"), name="photo.jpg"))
    assert not Image.objects.exists()


def test_every_stored_file_is_fingerprinted_so_imports_find_uploads(editor_client):
    import hashlib

    data = jpeg_bytes((64, 48))
    upload(editor_client, data, credit="PA")
    assert Image.objects.get().file_sha256 == hashlib.sha256(data).hexdigest()


def test_reading_embedded_metadata_decodes_no_pixels(monkeypatch):
    from PIL import PngImagePlugin

    from articles.imagemeta import read_embedded_metadata

    def decoded(self):
        raise AssertionError("pixels decoded to read metadata")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", decoded)
    with PILImage.open(io.BytesIO(picture_bytes("PNG", size=(3000, 3000)))) as picture:
        assert read_embedded_metadata(picture).credit == ""


def test_a_picture_taller_than_webp_allows_is_stored_without_renditions(editor_client):
    response = upload(editor_client, picture_bytes("PNG", size=(40, 17000), mode="L"), credit="PA")
    assert response.status_code == HTTPStatus.FOUND
    assert Image.objects.get().renditions == {}


def test_webp_pictures_get_a_quarter_of_the_pixel_limit(editor_client, settings):
    settings.MAX_IMAGE_PIXELS = 10_000  # WebP decoding holds four copies of the frame
    accepted = upload(editor_client, picture_bytes("PNG", size=(100, 100)), credit="PA")
    assert accepted.status_code == HTTPStatus.FOUND
    refused = upload(editor_client, picture_bytes("WEBP", size=(100, 100)), credit="PA")
    assert "the limit is 2,500 pixels" in refused.content.decode()
    assert Image.objects.count() == 1


def test_renditions_are_not_decoded_for_pictures_over_the_pixel_limit(settings):
    from django.core.files.base import ContentFile

    from articles.services.images import UnreadableImage, image_create_renditions

    image = ImageFactory(file=ContentFile(picture_bytes("PNG", size=(200, 100)), name="a.png"))
    settings.MAX_IMAGE_PIXELS = 10_000  # e.g. an import, which no form checked
    with pytest.raises(UnreadableImage, match="over 10,000 pixels"):
        image_create_renditions(image=image)
    image.refresh_from_db()
    assert image.renditions == {}


def test_a_damaged_picture_is_refused_with_a_form_error_and_nothing_kept(editor_client, settings):
    data = jpeg_bytes((400, 300))
    response = upload(editor_client, data[: len(data) // 2], credit="PA")  # passes verify()
    assert response.status_code == HTTPStatus.OK
    assert "This picture is damaged and could not be read" in response.content.decode()
    assert not Image.objects.exists()
    assert not [path for path in (settings.MEDIA_ROOT).rglob("*") if path.is_file()]


def test_an_import_skips_pictures_in_other_formats_with_a_warning(tmp_path):
    from articles.models import ArticleSource
    from tests.test_import_command import article_page, run, write

    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "quay.jpg").write_bytes(picture_bytes("BMP"))
    figure = '<figure><img src="page_files/quay.jpg" alt="Quay"><figcaption>Photo: AP'
    run(write(tmp_path / "page.html", article_page(body_extra=figure + "</figcaption></figure>")))
    assert not Image.objects.exists()
    warnings = ArticleSource.objects.get().warnings
    assert any("not a JPEG, PNG, WebP or GIF picture" in warning for warning in warnings)
