"""Library images: responsive renditions made once per image and width."""

import io
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from articles.models import Image

RENDITION_FORMATS = {
    "jpeg": ("JPEG", ".jpg", {"quality": 82, "progressive": True, "optimize": True}),
    "webp": ("WEBP", ".webp", {"quality": 80, "method": 4}),
}


def rendition_widths(original_width: int) -> list[int]:
    """The configured widths narrower than the original, plus the original when it is smaller
    than the widest, so no rendition is ever upscaled."""
    widths = [width for width in settings.IMAGE_RENDITION_WIDTHS if width < original_width]
    if original_width <= max(settings.IMAGE_RENDITION_WIDTHS):
        widths.append(original_width)
    return sorted(set(widths))


def image_create_renditions(*, image: Image) -> Image:
    """Store JPEG and WebP copies of ``image`` at each rendition width and record them."""
    if not image.file:
        return image
    stem = PurePosixPath(image.file.name or "").stem
    with image.file.open("rb") as stored, PILImage.open(stored) as opened:
        picture = ImageOps.exif_transpose(opened).convert("RGB")
        renditions = {}
        for width in rendition_widths(picture.width):
            height = round(picture.height * width / picture.width)
            resized = (
                picture
                if width == picture.width
                else picture.resize((width, height), PILImage.Resampling.LANCZOS)
            )
            files = {}
            for key, (pil_format, extension, options) in RENDITION_FORMATS.items():
                buffer = io.BytesIO()
                resized.save(buffer, pil_format, **options)
                name = f"renditions/{stem}/{width}{extension}"
                if default_storage.exists(name):
                    default_storage.delete(name)
                files[key] = default_storage.save(name, ContentFile(buffer.getvalue()))
            renditions[str(width)] = {**files, "height": height}
    image.renditions = renditions
    image.save(update_fields=["renditions"])
    return image
