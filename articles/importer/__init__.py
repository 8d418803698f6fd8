"""Turn a fetched news article page into structured fields for the archive."""

from .encoding import decode_html
from .model import ParsedArticle, ParsedImage, UnparseableDocument
from .parser import parse_article

__all__ = ["ParsedArticle", "ParsedImage", "UnparseableDocument", "decode_html", "parse_article"]
