"""The article body editor: django-prose-editor with a figure node for library images."""

from django.templatetags.static import static
from django.urls import reverse
from django_prose_editor.widgets import AdminProseEditorWidget

# Only what articles.sanitizer allows: the stored HTML passes the nh3 allow-list unchanged.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Strike": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "LibraryFigure": True,
    # The browser's spelling checker stays on in the body (the library turns it off by default).
    "NoSpellCheck": False,
}


class BodyEditorWidget(AdminProseEditorWidget):
    """Rich text for the body; the LibraryFigure node inserts ``<figure data-image-id>``."""

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, config={"extensions": BODY_EXTENSIONS}, preset="configurable")

    def get_config(self):
        config = super().get_config()
        config["js_modules"] = [*config["js_modules"], static("articles/admin/library-figure.js")]
        return config

    def get_context(self, name, value, attrs):
        attrs = {**(attrs or {}), "data-image-picker": reverse("admin:articles_article_images")}
        return super().get_context(name, value, attrs)
