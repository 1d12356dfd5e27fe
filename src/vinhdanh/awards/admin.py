"""Admin for decisions and awards: an issued decision is read-only (amend or revoke by a new
decision); new decisions are issued through awards.domain.decisions, never here, so the
numbering stays gapless."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vinhdanh.awards.models import Award, AwardKind, Decision, DecisionCounter


class AwardInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Award
    fk_name = "decision"
    extra = 0
    can_delete = False
    fields = ["kind", "person", "unit", "period", "award_type", "revoked_by", "needs_review"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["number_label", "issuing_body", "signed_on", "kind", "status"]
    list_filter = ["kind", "status", "year"]
    search_fields = ["issuing_body", "subject", "signer_name"]
    inlines = [AwardInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Decision | None = None) -> bool:
        if obj is not None and obj.is_issued:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Decision | None = None) -> bool:
        # No bulk delete at all (it would bypass Decision.delete); only a draft, one by one.
        if obj is None or obj.is_issued:
            return False
        return super().has_delete_permission(request, obj)


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["kind", "person", "unit", "period", "decision", "revoked_by", "needs_review"]
    list_filter = ["needs_review", "award_type"]
    search_fields = ["person__search_key", "unit__name", "kind__code"]
    raw_id_fields = ["decision", "person", "unit", "revoked_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Award | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Award | None = None) -> bool:
        return False


@admin.register(AwardKind)
class AwardKindAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["code", "name_vi", "category", "level", "is_active"]
    list_filter = ["category", "level", "is_active"]
    search_fields = ["code", "name_vi", "name_en"]


@admin.register(DecisionCounter)
class DecisionCounterAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["issuing_unit", "year", "series", "last_number"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
