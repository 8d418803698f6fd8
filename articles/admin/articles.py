from urllib.parse import urlsplit

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from articles.admin.bulk import run_in_bulk
from articles.admin.workflow import ArticleAdminForm, ArticleWorkflowMixin, MineFilter, StateFilter
from articles.models import Article, Author, Section, Tag
from articles.search import refresh_search_vectors
from articles.services.workflow import (
    article_archive,
    article_publish,
    article_save_revision,
    article_submit,
    can_edit_article,
)
from articles.templating.story import article_body

CONTENT_FIELDS = {"headline", "standfirst", "body", "hero_image", "hero_caption"}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "comments_enabled_by_default"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "bio"]
    autocomplete_fields = ["user"]
    list_select_related = ["user"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            refresh_search_vectors(obj.articles.all())  # bylines are searchable


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = [
        "headline",
        "section",
        "state",
        "byline",
        "created_by",
        "published_at",
        "updated_at",
    ]
    list_filter = [MineFilter, StateFilter, "section", "authors", "published_at"]
    search_fields = ["headline", "standfirst"]
    date_hierarchy = "published_at"
    list_select_related = ["section", "created_by"]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["hero_image", "section", "authors", "tags"]
    readonly_fields = ["status", "created_at", "created_by", "updated_at"]
    actions = ["submit_selected", "publish_selected", "archive_selected"]
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        (_("Pictures"), {"fields": ["hero_image", "hero_caption"]}),
        (_("Filing"), {"fields": ["section", "authors", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "comments_enabled"]}),
        (_("Record"), {"fields": ["created_at", "created_by", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def get_fieldsets(self, request, obj=None):
        """Read-only (a writer after submitting, a moderator): the body as the page shows it."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_as_published" if field == "body" else field
                        for field in options["fields"]
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("articles.publish_article"):
            return self.readonly_fields
        return [*self.readonly_fields, "published_at"]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author is not None:
            initial.setdefault("authors", [author.pk])
        return initial

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return can_edit_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # stories leave the site by unpublishing or archiving, never by deletion

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_article")

    def has_unpublish_permission(self, request):
        return request.user.has_perm("articles.unpublish_article")

    @admin.display(description=_("state"), ordering="status")
    def state(self, article):
        return format_html(
            '<span class="state state--{}">{}</span>', article.state, self.state_label(article)
        )

    @admin.display(description=_("body"))
    def body_as_published(self, article):
        return format_html('<div class="article-body-preview">{}</div>', article_body(article))

    @admin.display(description=_("byline"))
    def byline(self, article):
        return ", ".join(author.name for author in article.authors.all())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context = {**(extra_context or {}), **self.workflow_context(request, article)}
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        """After a save made on the way to a workflow step (unsaved-changes.js), go on to it."""
        if (step := workflow_step_url(request.POST.get("_then", ""), obj)) is not None:
            self.message_user(request, _("Your changes are saved."), messages.SUCCESS)
            return redirect(step)
        return super().response_change(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            if obj.section and not obj.section.comments_enabled_by_default:
                obj.comments_enabled = False  # e.g. court reports: an editor may turn them on later
        if change and CONTENT_FIELDS & set(form.changed_data):
            obj.updated_at = timezone.now()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.sync_inline_images()
        article_save_revision(article=form.instance, by=request.user)
        refresh_search_vectors([form.instance.pk])

    def _run_in_bulk(self, request, queryset, service, done):
        run_in_bulk(
            request,
            queryset,
            lambda article: service(article=article, by=request.user),
            done=done,
            describe=lambda article: article.headline,
        )

    @admin.action(permissions=["change"], description=_("Submit selected articles for review"))
    def submit_selected(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            article_submit,
            ngettext_lazy(
                "%(count)d article submitted for review.",
                "%(count)d articles submitted for review.",
                "count",
            ),
        )

    @admin.action(permissions=["publish"], description=_("Publish selected articles now"))
    def publish_selected(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            article_publish,
            ngettext_lazy("%(count)d article published.", "%(count)d articles published.", "count"),
        )

    @admin.action(permissions=["unpublish"], description=_("Archive selected articles"))
    def archive_selected(self, request, queryset):
        self._run_in_bulk(
            request,
            queryset,
            article_archive,
            ngettext_lazy("%(count)d article archived.", "%(count)d articles archived.", "count"),
        )


WORKFLOW_STEPS = {"articles_article_transition", "articles_article_correction"}


def workflow_step_url(url: str, article: Article) -> str | None:
    """``url`` if it is one of this article's workflow steps on this site, else None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    same_article = match.kwargs.get("object_id") == str(article.pk)
    return parts.path if match.url_name in WORKFLOW_STEPS and same_article else None
