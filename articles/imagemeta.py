"""Read the caption and credit that agencies embed in their photos (IPTC and EXIF)."""

from dataclasses import dataclass

from PIL import ExifTags, ImageFile, IptcImagePlugin
from PIL import Image as PILImage

IPTC_BYLINE = (2, 80)
IPTC_CREDIT = (2, 110)
IPTC_SOURCE = (2, 115)
IPTC_CAPTION = (2, 120)


@dataclass(frozen=True)
class EmbeddedMetadata:
    caption: str = ""
    credit: str = ""


def _text(value) -> str:
    if isinstance(value, list):  # IPTC fields may repeat; agencies repeat bylines
        value = value[0] if value else b""
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    return " ".join(str(value or "").replace("\x00", " ").split())


def embedded_exif(image: PILImage.Image) -> PILImage.Exif:
    """The EXIF block found in the file's header, without decoding a pixel: Pillow's own
    ``getexif()`` decodes a whole PNG to look for one after the image data."""
    exif = PILImage.Exif()
    raw = image.info.get("exif")
    if raw:
        exif.load(raw)
    return exif


def read_embedded_metadata(image: ImageFile.ImageFile) -> EmbeddedMetadata:
    """Caption and credit from IPTC (Credit, By-line, Caption) or EXIF (Artist, Description)."""
    iptc = IptcImagePlugin.getiptcinfo(image) or {}
    exif = embedded_exif(image)
    byline = _text(iptc.get(IPTC_BYLINE)) or _text(exif.get(ExifTags.Base.Artist))
    agency = _text(iptc.get(IPTC_CREDIT)) or _text(iptc.get(IPTC_SOURCE))
    if byline and agency and agency.lower() not in byline.lower():
        credit = f"{byline}/{agency}"
    else:
        credit = byline or agency
    caption = _text(iptc.get(IPTC_CAPTION)) or _text(exif.get(ExifTags.Base.ImageDescription))
    return EmbeddedMetadata(caption=caption, credit=credit)
