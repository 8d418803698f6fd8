from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Section, Tag
from articles.search import refresh_search_vectors

CONTENT_FIELDS = {"headline", "standfirst", "body", "hero_image", "hero_caption"}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "comments_enabled_by_default"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "updated_at"]
    list_filter = ["status", "section", "published_at"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    list_select_related = ["section"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["hero_image", "section", "authors", "tags"]
    readonly_fields = ["created_at", "created_by", "updated_at"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (_("Pictures"), {"fields": ["hero_image", "hero_caption"]}),
        (_("Filing"), {"fields": ["section", "authors", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "comments_enabled"]}),
        (_("Record"), {"fields": ["created_at", "created_by", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        if change and CONTENT_FIELDS & set(form.changed_data):
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_inline_images()
        refresh_search_vectors([form.instance.pk])
