"""Who may call the API (personal fields: vinhdanh.people.domain.queries.privacy)."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView


class SignedInReadOnly(BasePermission):
    """Any active, signed-in user may read; what they see is narrowed by the scoped querysets.

    Declared on every view so that the API stays closed even if the project default changes.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and user.is_active and request.method in SAFE_METHODS
        )
