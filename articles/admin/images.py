from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from articles.forms.images import ImageForm
from articles.models import Article, Image
from articles.services.images import ImageStorageError, UnreadableImage, image_store

RIGHTS_WARNING_DAYS = 30


class RightsFilter(admin.SimpleListFilter):
    title = _("usage rights")
    parameter_name = "rights"

    def lookups(self, request, model_admin):
        return [
            ("expired", _("Expired")),
            ("expiring", _("Expire within 30 days")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "expired":
            return queryset.rights_expired()
        if self.value() == "expiring":
            return queryset.rights_expiring(within_days=RIGHTS_WARNING_DAYS).filter(
                rights_expire_on__gt=today
            )
        return queryset


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "caption_text",
        "credit",
        "dimensions",
        "rights",
        "used_in",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "caption_text"]
    search_fields = ["caption", "credit", "alt_text"]
    list_filter = [RightsFilter, "uploaded_at", "rights_expire_on"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "usage", "width", "height", "uploaded_at", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit"]}),
        (_("Rights"), {"fields": ["source_url", "rights_note", "rights_expire_on"]}),
        (_("Where it is used"), {"fields": ["usage"]}),
        (_("Record"), {"fields": ["width", "height", "uploaded_at", "uploaded_by"]}),
    ]

    def get_queryset(self, request):
        uses = Article.objects.only(
            "pk", "headline", "status", "published_at", "hero_image"
        ).order_by("-pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("hero_of", queryset=uses), Prefetch("inline_in", queryset=uses)
            )
        )

    @staticmethod
    def articles_using(image) -> list[Article]:
        found = {article.pk: article for article in [*image.hero_of.all(), *image.inline_in.all()]}
        return sorted(found.values(), key=lambda article: -article.pk)

    @admin.display(description=_("rights"), ordering="rights_expire_on")
    def rights(self, image):
        if image.rights_expire_on is None:
            return "-"
        days = (image.rights_expire_on - timezone.localdate()).days
        if image.rights_expired():
            label = _("Expired %(date)s") % {"date": image.rights_expire_on}
        elif days <= RIGHTS_WARNING_DAYS:
            label = ngettext("Expires in %(days)d day", "Expires in %(days)d days", days) % {
                "days": days
            }
        else:
            return image.rights_expire_on
        live = [article for article in self.articles_using(image) if article.is_live]
        return format_html(
            '<strong class="rights-warning">{}</strong>{}',
            label,
            format_html(
                "<br>{} {}",
                _("Live in:"),
                format_html_join(", ", '<a href="{}">{}</a>', self._links(live)),
            )
            if live
            else "",
        )

    @staticmethod
    def _links(articles):
        return (
            (reverse("admin:articles_article_change", args=[article.pk]), article.headline)
            for article in articles
        )

    @admin.display(description=_("used in"))
    def used_in(self, image):
        articles = self.articles_using(image)
        if not articles:
            return "-"
        return format_html_join(mark_safe("<br>"), '<a href="{}">{}</a>', self._links(articles))

    @admin.display(description=_("articles using it"))
    def usage(self, image):
        if image.pk is None:
            return "-"
        articles = self.articles_using(image)
        if not articles:
            return _("Not used in any article.")
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a> ({})',
            (
                (url, headline, article.get_status_display())
                for (url, headline), article in zip(self._links(articles), articles, strict=True)
            ),
        )

    @admin.display(description=_("caption"), ordering="caption")
    def caption_text(self, image):
        return str(image)

    @admin.display(description=_("picture"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" style="width:80px;height:54px;object-fit:cover">', image.url
        )

    @admin.display(description=_("preview"))
    def preview(self, image):
        if not image.url:
            return "-"
        return format_html('<img src="{}" alt="" style="max-width:480px;height:auto">', image.url)

    @admin.display(description=_("size"))
    def dimensions(self, image):
        return _("%(width)s x %(height)s") % {"width": image.width, "height": image.height}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        image_store(image=obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ImageStorageError, UnreadableImage) as error:
            # Nothing was kept (the service undid it); show the form again with the reason.
            request.image_save_error = error
            for upload in request.FILES.values():
                upload.seek(0)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "image_save_error", None)
        if error is None:
            return form
        return type(form.__name__, (form,), {"save_error": error})
