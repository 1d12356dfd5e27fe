"""Who may call the API, and which personal fields they may read."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit


class SignedInReadOnly(BasePermission):
    """Any active, signed-in user may read; what they see is narrowed by the scoped querysets.

    Declared on every view so that the API stays closed even if the project default changes.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and user.is_active and request.method in SAFE_METHODS
        )


def may_see_personal_data(user: Any, unit: Unit | None) -> bool:
    """Birth dates and the like: only the clerk or the emulation office over that unit.

    Personal data minimisation (Law on Personal Data Protection): a council member or a decider
    reads names and posts, not dates of birth.
    """
    if getattr(user, "is_superuser", False):
        return True
    if unit is None:
        return False
    return unit_scope(user, Capability.CLERK).contains(unit) or unit_scope(
        user, Capability.OFFICE
    ).contains(unit)
