"""Admin: councils, members, quorum and thresholds are editable; sessions and ballots are not.

Sessions change only through the domain functions (web and API), and a cast ballot or a
closed session never changes: their admin pages are read-only, with no add or delete.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from vinhdanh.councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    Council,
    CouncilMember,
    CouncilQuorum,
    CouncilSession,
    HandCount,
    Recusal,
)


class MemberInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]
    raw_id_fields = ["person", "unit"]


class QuorumInline(admin.TabularInline):  # type: ignore[type-arg]
    model = CouncilQuorum
    extra = 0


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "unit", "established_by", "valid_from", "valid_to"]
    search_fields = ["name", "unit__name"]
    raw_id_fields = ["unit"]
    inlines = [MemberInline, QuorumInline]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):  # type: ignore[type-arg]
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AgendaInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["position", "nomination", "method", "for_votes", "against_votes", "passed"]


class AttendanceInline(ReadOnlyInline):
    model = Attendance


class RecusalInline(ReadOnlyInline):
    model = Recusal


@admin.register(CouncilSession)
class CouncilSessionAdmin(ReadOnlyAdmin):
    list_display = ["title", "council", "date", "status", "closed_at"]
    list_filter = ["status", "method"]
    search_fields = ["title", "council__name"]
    inlines = [AgendaInline, AttendanceInline, RecusalInline]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["session", "nomination", "choice"]
    list_filter = ["choice"]


@admin.register(BallotCast)
class BallotCastAdmin(ReadOnlyAdmin):
    list_display = ["session", "nomination", "user", "written"]
    list_filter = ["written"]


@admin.register(HandCount)
class HandCountAdmin(ReadOnlyAdmin):
    list_display = ["session", "nomination", "for_votes", "against_votes", "abstain_votes"]
