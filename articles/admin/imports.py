from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles.models import ArticleRedirect, ArticleSource

SOURCE_FIELDS = (
    "article",
    "source_url",
    "original_filename",
    "content_sha256",
    "imported_at",
    "importer_version",
    "warning_list",
    "original_html",
)


@admin.register(ArticleSource)
class ArticleSourceAdmin(admin.ModelAdmin):
    """Provenance of imported stories: read-only, the original kept for reference."""

    list_display = ["article", "source_url", "imported_at", "importer_version", "warning_count"]
    list_filter = ["imported_at", "importer_version"]
    search_fields = ["source_url", "original_filename", "article__headline", "content_sha256"]
    date_hierarchy = "imported_at"
    list_select_related = ["article"]
    fields = SOURCE_FIELDS
    readonly_fields = SOURCE_FIELDS

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("warnings"))
    def warning_count(self, source):
        return len(source.warnings)

    @admin.display(description=_("warnings"))
    def warning_list(self, source):
        if not source.warnings:
            return _("None")
        return format_html(
            "<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((w,) for w in source.warnings))
        )


@admin.register(ArticleRedirect)
class ArticleRedirectAdmin(admin.ModelAdmin):
    """Imported stories' old addresses: readers following one land on the story while it is live."""

    list_display = ["old_path", "article", "is_followed", "created_at"]
    list_filter = ["article__status"]
    search_fields = ["old_path", "article__headline"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    date_hierarchy = "created_at"
    fields = ["old_path", "article", "created_at"]
    readonly_fields = ["created_at"]

    @admin.display(description=_("followed"), boolean=True)
    def is_followed(self, redirect):
        """Only a live story is redirected to."""
        return redirect.article.is_live
