from django.contrib import admin

from vinhdanh.documents.models import OfficeSettings


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "issuing_body", "place", "signer_title", "signer_name")
    search_fields = ("unit__name", "issuing_body")
    raw_id_fields = ("unit",)
