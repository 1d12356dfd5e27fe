from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vinhdanh.common.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["time", "username", "action", "object_type", "object_repr", "request_id"]
    list_filter = ["action", "object_type", "source"]
    search_fields = ["object_repr", "username", "request_id", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
