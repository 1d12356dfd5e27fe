from django.contrib import admin

from vinhdanh.documents.models import CertificateBlank, OfficeSettings


@admin.register(OfficeSettings)
class OfficeSettingsAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "issuing_body", "place", "signer_title", "signer_name")
    search_fields = ("unit__name", "issuing_body")
    raw_id_fields = ("unit",)


@admin.register(CertificateBlank)
class CertificateBlankAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("unit", "kind", "scan_name", "updated_at")
    search_fields = ("unit__name", "kind__name_vi")
    raw_id_fields = ("unit",)
