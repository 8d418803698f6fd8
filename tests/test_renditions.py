import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image as PILImage
from PIL import ImageChops

from articles.models import Image
from articles.services.images import image_create_renditions, rendition_widths
from tests.factories import ArticleFactory, ImageFactory, jpeg_bytes
from tests.test_settings import CONFIG_KEYS, REPO

pytestmark = pytest.mark.django_db


def big_image(size=(2000, 1250)) -> Image:
    return ImageFactory(file=ContentFile(jpeg_bytes(size), name="big.jpg"))


def test_renditions_are_never_upscaled(settings):
    settings.IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
    assert rendition_widths(2000) == [480, 960, 1600]
    assert rendition_widths(1200) == [480, 960, 1200]
    assert rendition_widths(300) == [300]


def test_no_rendition_is_taller_than_webp_allows_or_larger_than_the_bound(settings):
    settings.IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
    assert rendition_widths(1600, 24000) == [480]  # 960 x 14400 is over 12 megapixels
    assert rendition_widths(100, 20000) == []  # 16,384 pixels is past WebP's limit


def test_each_width_is_stored_as_jpeg_and_webp_once(settings):
    settings.IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
    image = image_create_renditions(image=big_image())
    assert sorted(image.renditions, key=int) == ["480", "960", "1600"]
    assert image.renditions["960"]["height"] == 600
    for files in image.renditions.values():
        assert default_storage.exists(files["jpeg"]) and files["jpeg"].endswith(".jpg")
        assert default_storage.exists(files["webp"]) and files["webp"].endswith(".webp")
    again = image_create_renditions(image=image)
    assert again.renditions == image.renditions  # same names: made again in place, not copied


def test_article_page_serves_srcset_with_webp_and_jpeg(client, settings):
    settings.IMAGE_RENDITION_WIDTHS = [480, 960]
    hero = image_create_renditions(image=big_image())
    inline = image_create_renditions(image=big_image())
    article = ArticleFactory(hero_image=hero, body=f'<figure data-image-id="{inline.pk}"></figure>')
    article.sync_inline_images()
    html = client.get(article.get_absolute_url()).content.decode()
    assert html.count('<source type="image/webp" srcset="') == 2
    assert "480w" in html and "960w" in html
    assert 'sizes="(min-width: 42rem) 40rem, 100vw"' in html
    hero_tag = html[html.index("figure--hero") :].split("</figure>")[0]
    assert 'fetchpriority="high"' in hero_tag and 'loading="lazy"' not in hero_tag
    inline_tag = html[html.index("article__body") :]
    assert 'loading="lazy"' in inline_tag
    assert f'width="{inline.width}" height="{inline.height}"' in inline_tag


def test_make_renditions_backfills_images_without_them(settings):
    settings.IMAGE_RENDITION_WIDTHS = [480]
    image = big_image()
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "1 images" in out.getvalue()
    image.refresh_from_db()
    assert list(image.renditions) == ["480"]


def gradient(size, mode="RGB") -> PILImage.Image:
    """A picture with detail in both directions, so resampling differences show."""
    small = PILImage.effect_mandelbrot((64, 48), (-2, -1.2, 1, 1.2), 60).convert(mode)
    return small.resize(size, PILImage.Resampling.BICUBIC)


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "P", "L"])
def test_resizing_in_tiles_matches_resizing_the_whole_picture(monkeypatch, mode):
    from articles.services import images

    monkeypatch.setattr(images, "TILE_SIDE", 50)  # many small tiles, each way
    picture = gradient((900, 700), mode)
    tiled = images._resize_in_tiles(picture, (480, 373))
    whole = picture.convert("RGB").resize((480, 373), PILImage.Resampling.LANCZOS)
    difference = ImageChops.difference(tiled, whole).getextrema()
    assert max(high for _low, high in difference) <= 2


def test_a_picture_a_few_pixels_high_is_resized_in_tiles_along_its_width(monkeypatch):
    from articles.services import images

    monkeypatch.setattr(images, "TILE_SIDE", 100)
    picture = gradient((20000, 3), "RGBA")
    cropped = []
    crop = PILImage.Image.crop
    monkeypatch.setattr(
        PILImage.Image, "crop", lambda image, box=None: cropped.append(box) or crop(image, box)
    )
    tiled = images._resize_in_tiles(picture, (480, 1))
    assert max(right - left for left, _top, right, _bottom in cropped) < 20000 / 4
    whole = picture.convert("RGB").resize((480, 1), PILImage.Resampling.LANCZOS)
    assert max(high for _low, high in ImageChops.difference(tiled, whole).getextrema()) <= 2


def test_renditions_are_upright_whatever_the_exif_orientation():
    exif = PILImage.Exif()
    exif[0x0112] = 6  # the camera was turned: stored sideways, shown rotated
    image = ImageFactory(file=ContentFile(jpeg_bytes((300, 200), exif=exif.tobytes()), "r.jpg"))
    image = image_create_renditions(image=image)
    assert list(image.renditions) == ["200"]
    assert image.renditions["200"]["height"] == 300
    with default_storage.open(image.renditions["200"]["jpeg"]) as stored:
        assert PILImage.open(stored).size == (200, 300)


def test_large_jpegs_are_decoded_already_reduced(monkeypatch):
    from articles.services import images

    decoded_sizes = []
    resize = images._resize_in_tiles
    monkeypatch.setattr(
        images,
        "_resize_in_tiles",
        lambda picture, size: decoded_sizes.append(picture.size) or resize(picture, size),
    )
    image_create_renditions(image=big_image((4000, 3000)))
    assert decoded_sizes and max(decoded_sizes)[0] < 1000  # 4000 wide, decoded at 1/4 or less


MEMORY_PROBE = """
import resource, sys, django
django.setup()
from django.core.files.storage import default_storage
from articles.models import Image
from articles.services.images import image_create_renditions
Image.save = lambda self, **kwargs: None  # no database here: only the renditions are measured
image = Image(file=sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
image_create_renditions(image=image)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) * 1024)
"""


def test_renditions_of_a_huge_picture_hold_one_decoded_copy_at_most(tmp_path):
    """The issue's PNG grew a worker by three decoded copies; one is all it may take."""
    size = (5000, 5000)
    (tmp_path / "images").mkdir()
    PILImage.new("RGBA", size, (20, 90, 160, 255)).save(tmp_path / "images" / "huge.png")
    environment = {
        **{key: value for key, value in os.environ.items() if not key.startswith(CONFIG_KEYS)},
        "DJANGO_SETTINGS_MODULE": "newsarchive.settings",
        "PYTHONPATH": str(REPO),
        "SECRET_KEY": "x",
        "MEDIA_ROOT": str(tmp_path),
        "IMAGE_RENDITION_WIDTHS": "480,960,1600",
        "MAX_IMAGE_PIXELS": "100000000",
    }
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, "images/huge.png"],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    decoded_bytes = size[0] * size[1] * 4
    assert int(result.stdout) < 1.4 * decoded_bytes  # the old code took 2.9 times
