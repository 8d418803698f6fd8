"""Library images: storing an upload with its renditions, and the renditions themselves.

Everything goes through the media storage's own API (``open``, ``save``, ``delete``), so the
same code runs on the local disk and on an S3 bucket; nothing asks for a local path.
"""

import io
import logging
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

import boto3.exceptions
import botocore.exceptions
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import ExifTags
from PIL import Image as PILImage

from articles.imagemeta import embedded_exif
from articles.models import Image

logger = logging.getLogger(__name__)

RENDITION_FORMATS = {
    "jpeg": ("JPEG", ".jpg", {"quality": 82, "progressive": True, "optimize": True}),
    "webp": ("WEBP", ".webp", {"quality": 80, "method": 4}),
}
# WebP cannot be taller or wider than this; a rendition that would be is not made.
MAX_RENDITION_SIDE = 16383
# Nor one larger than this (a very tall picture's widest copies): it bounds the memory the
# encoders need, and no reader's screen wants more.
MAX_RENDITION_PIXELS = 12_000_000
# Renditions are resized a tile of the original at a time (this many source pixels a side,
# 4 MB), so no full-size copy of it (converted to RGB, or half-resized) is held beside it.
TILE_SIDE = 1024
# What a storage backend raises when it cannot be reached or refuses: the local disk raises
# OSError; S3 raises botocore's connection and client errors, boto3's transfer errors.
STORAGE_ERRORS = (
    OSError,
    botocore.exceptions.BotoCoreError,
    botocore.exceptions.ClientError,
    boto3.exceptions.Boto3Error,
)
# EXIF orientation -> the transposition that shows the picture upright.
UPRIGHT = {
    2: PILImage.Transpose.FLIP_LEFT_RIGHT,
    3: PILImage.Transpose.ROTATE_180,
    4: PILImage.Transpose.FLIP_TOP_BOTTOM,
    5: PILImage.Transpose.TRANSPOSE,
    6: PILImage.Transpose.ROTATE_270,
    7: PILImage.Transpose.TRANSVERSE,
    8: PILImage.Transpose.ROTATE_90,
}


def pixel_limit(image_format: str | None) -> int:
    """The most pixels a picture in ``image_format`` may have: decoding it must fit a worker.
    Pillow holds a decoded pixel in four bytes; its WebP decoder keeps three more copies of
    the frame while it decodes, so WebP gets a quarter of the limit."""
    if image_format == "WEBP":
        return settings.MAX_IMAGE_PIXELS // 4
    return settings.MAX_IMAGE_PIXELS


class ImageStorageError(Exception):
    """The media storage could not be reached, or refused to store or read a picture."""


class UnreadableImage(Exception):
    """The stored picture could not be decoded (truncated or damaged)."""


def rendition_widths(original_width: int, original_height: int = 0) -> list[int]:
    """The configured widths narrower than the original, plus the original when it is smaller
    than the widest, so no rendition is ever upscaled; none taller than WebP allows, nor
    larger than MAX_RENDITION_PIXELS."""
    widths = [width for width in settings.IMAGE_RENDITION_WIDTHS if width < original_width]
    if original_width <= max(settings.IMAGE_RENDITION_WIDTHS):
        widths.append(original_width)
    heights = {width: _scaled_height(original_width, original_height, width) for width in widths}
    return sorted(
        width
        for width, height in heights.items()
        if height <= MAX_RENDITION_SIDE and width * height <= MAX_RENDITION_PIXELS
    )


def _scaled_height(original_width: int, original_height: int, width: int) -> int:
    return max(1, round(original_height * width / original_width))


@dataclass(frozen=True)
class Rendition:
    """One rendition of a picture, encoded in every format of RENDITION_FORMATS."""

    width: int
    height: int
    files: dict[str, bytes]  # format key ("jpeg", "webp") -> the encoded file


def image_store(*, image: Image, rendered: Sequence[Rendition] | None = None) -> Image:
    """Save ``image``; a new file is stored with its renditions first, and the row, written
    last in one statement, records them: all of them, or none and no row.
    ``rendered``: the renditions already made from the file's bytes (``renditions_of``)."""
    # FieldFile sets _committed in __init__; django-stubs does not declare it.
    if not image.file or image.file._committed:  # type: ignore[attr-defined]
        image.save()
        return image
    assert image.file.name is not None  # a FieldFile without a name is falsy
    storage = image.file.storage
    renditions: dict = {}
    try:
        # What saving the row would do first (the field's pre_save): store the file.
        image.file.save(image.file.name, image.file.file, save=False)
        renditions = _renditions_stored(image, rendered)
        image.renditions = renditions
        image.save()
    except BaseException as error:
        if image.file._committed:  # type: ignore[attr-defined]  # as above: missing from the stubs
            _delete_quietly(storage, [image.file.name, *_rendition_names(renditions)])
        if isinstance(error, STORAGE_ERRORS):
            raise ImageStorageError(str(error)) from error
        raise
    return image


def renditions_of(original: IO[bytes]) -> list[Rendition]:
    """The renditions of the picture in ``original``, widest first, encoded: pure picture work
    (no storage, no database), so an import's worker processes can do it for the saving one."""
    renditions = []
    for width, resized in _resized(original):
        files = {}
        for key, (pil_format, _extension, options) in RENDITION_FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, pil_format, **options)
            files[key] = buffer.getvalue()
        renditions.append(Rendition(width, resized.height, files))
    return renditions


def image_create_renditions(*, image: Image, rendered: Sequence[Rendition] | None = None) -> Image:
    """Store JPEG and WebP copies of ``image`` at each rendition width, made from the stored
    file (or given already made, by ``renditions_of`` on the same bytes), and record them; on
    failure, the copies stored so far are removed."""
    if not image.file:
        return image
    image.renditions = _renditions_stored(image, rendered)
    image.save(update_fields=["renditions"])
    return image


def _renditions_stored(image: Image, rendered: Sequence[Rendition] | None) -> dict:
    """Store the renditions of ``image``'s stored file (made from it unless ``rendered``);
    what its ``renditions`` field records of them. On failure, none is left stored."""
    assert image.file.name is not None  # only called for an image with a file
    storage = image.file.storage
    stem = PurePosixPath(image.file.name).stem
    stored: list[str] = []
    renditions = {}
    try:
        if rendered is None:
            with storage.open(image.file.name, "rb") as original:
                rendered = renditions_of(original)
        for rendition in rendered:
            files = {}
            for key, (_pil_format, extension, _options) in RENDITION_FORMATS.items():
                name = f"renditions/{stem}/{rendition.width}{extension}"
                storage.delete(name)  # made again in place, under the same name
                files[key] = storage.save(name, ContentFile(rendition.files[key]))
                stored.append(files[key])
            renditions[rendition.width] = {**files, "height": rendition.height}
    except BaseException as error:
        _delete_quietly(storage, stored)
        if isinstance(error, UnreadableImage):
            raise
        if isinstance(error, STORAGE_ERRORS):
            raise ImageStorageError(str(error)) from error
        raise
    return {str(width): renditions[width] for width in sorted(renditions)}


def _rendition_names(renditions: dict) -> list[str]:
    return [
        files[key] for files in renditions.values() for key in RENDITION_FORMATS if key in files
    ]


def _resized(original) -> Iterator[tuple[int, PILImage.Image]]:
    """Each rendition of the picture in ``original``, upright and in RGB, widest first.

    Memory stays near one decoded original: JPEGs are decoded already reduced (draft mode),
    the widest rendition is resized a tile at a time, the original is released
    before any encoding, and the narrower renditions are made from the widest."""
    try:
        picture = PILImage.open(original)
    except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
        raise UnreadableImage(str(error)) from error
    with picture:
        limit = pixel_limit(picture.format)
        if picture.width * picture.height > limit:
            raise UnreadableImage(f"{picture.width} x {picture.height} is over {limit:,} pixels")
        orientation = embedded_exif(picture).get(ExifTags.Base.Orientation, 1)
        turned = orientation in (5, 6, 7, 8)
        upright_width, upright_height = picture.size[::-1] if turned else picture.size
        widths = rendition_widths(upright_width, upright_height)
        if not widths:
            return
        widest_width = widths[-1]
        widest_height = _scaled_height(upright_width, upright_height, widest_width)
        reduction = widest_width / upright_width
        picture.draft(
            "RGB", (math.ceil(picture.width * reduction), math.ceil(picture.height * reduction))
        )
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError, PILImage.DecompressionBombError) as error:
            raise UnreadableImage(str(error)) from error
        size = (widest_height, widest_width) if turned else (widest_width, widest_height)
        widest = _resize_in_tiles(picture, size)
        if widest is picture:
            widest = picture.copy()  # no larger than the widest rendition
    # The decoded original is released here, before the encoders need their memory.
    if orientation in UPRIGHT:
        widest = widest.transpose(UPRIGHT[orientation])
    yield widest_width, widest
    for width in reversed(widths[:-1]):
        height = _scaled_height(upright_width, upright_height, width)
        yield width, widest.resize((width, height), PILImage.Resampling.LANCZOS)


def _resize_in_tiles(picture: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    """``picture`` resized to ``size`` (Lanczos) in RGB, converting and resizing one tile at a
    time; each tile reads the neighbouring pixels the filter reaches into, so the result
    matches a resize of the whole picture, and no full-size copy is ever made."""
    if size == picture.size and picture.mode == "RGB":
        return picture
    resized = PILImage.new("RGB", size)
    rows = _spans(picture.height, size[1])
    for left, columns, source_left, source_right, crop_left, crop_right in _spans(
        picture.width, size[0]
    ):
        for top, height, source_top, source_bottom, crop_top, crop_bottom in rows:
            tile = picture.crop((crop_left, crop_top, crop_right, crop_bottom))
            if tile.mode != "RGB":
                tile = tile.convert("RGB")
            box = (
                source_left - crop_left,
                source_top - crop_top,
                source_right - crop_left,
                source_bottom - crop_top,
            )
            part = tile.resize((columns, height), PILImage.Resampling.LANCZOS, box=box)
            resized.paste(part, (left, top))
    return resized


def _spans(source_length: int, length: int) -> list[tuple[int, int, float, float, int, int]]:
    """Along one axis: each tile's output offset and length, the source span it resamples,
    and the source span to crop (with the margin Lanczos reaches: three pixels, scaled)."""
    scale = source_length / length
    margin = math.ceil(3 * max(scale, 1)) + 1
    step = max(1, int(TILE_SIDE / scale))
    spans = []
    for start in range(0, length, step):
        count = min(step, length - start)
        source_start, source_end = start * scale, (start + count) * scale
        crop_start = max(0, math.floor(source_start) - margin)
        crop_end = min(source_length, math.ceil(source_end) + margin)
        spans.append((start, count, source_start, source_end, crop_start, crop_end))
    return spans


def _delete_quietly(storage, names: list[str]) -> None:
    """Remove what a failed save stored; an unreachable storage keeps it, and the log says so."""
    for name in names:
        try:
            storage.delete(name)
        except STORAGE_ERRORS:
            logger.warning("Could not remove %s after a failed save; delete it by hand.", name)
