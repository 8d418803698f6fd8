from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles.forms import ImageForm
from articles.models import Image
from articles.services.images import image_create_renditions


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "__str__",
        "credit",
        "dimensions",
        "rights_expire_on",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "__str__"]
    search_fields = ["caption", "credit", "alt_text"]
    list_filter = ["uploaded_at", "rights_expire_on"]
    date_hierarchy = "uploaded_at"
    readonly_fields = ["preview", "width", "height", "uploaded_at", "uploaded_by"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "alt_text", "caption", "credit"]}),
        (_("Rights"), {"fields": ["source_url", "rights_note", "rights_expire_on"]}),
        (_("Record"), {"fields": ["width", "height", "uploaded_at", "uploaded_by"]}),
    ]

    @admin.display(description=_("image"))
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
        return f"{image.width} x {image.height}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if "file" in form.changed_data:
            image_create_renditions(image=obj)
