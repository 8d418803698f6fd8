from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from articles.models import Image
from articles.services.images import image_create_renditions, rendition_widths
from tests.factories import ArticleFactory, ImageFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def big_image(size=(2000, 1250)) -> Image:
    from django.core.files.base import ContentFile

    return ImageFactory(file=ContentFile(jpeg_bytes(size), name="big.jpg"))


def test_renditions_are_never_upscaled(settings):
    settings.IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
    assert rendition_widths(2000) == [480, 960, 1600]
    assert rendition_widths(1200) == [480, 960, 1200]
    assert rendition_widths(300) == [300]


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
