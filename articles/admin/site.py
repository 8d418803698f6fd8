from django.contrib import admin

from articles.models import AppealBanner


@admin.register(AppealBanner)
class AppealBannerAdmin(admin.ModelAdmin):
    list_display = ["button_label", "text", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["text", "button_label"]
