from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.viewsets import ReadOnlyModelViewSet

from vinhdanh.api.filters import UnitFilter
from vinhdanh.api.permissions import SignedInReadOnly
from vinhdanh.api.serializers import UnitSerializer
from vinhdanh.orgs.domain.queries.units import visible_units

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.orgs.models import Unit


class UnitViewSet(ReadOnlyModelViewSet["Unit"]):
    """Units of the organisation tree that the caller's roles reach."""

    # The model, for the schema (named by the serializer, an interface); get_queryset scopes.
    queryset = UnitSerializer.Meta.model.objects.none()
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    permission_classes = [SignedInReadOnly]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Unit]:
        return visible_units(self.request.user).select_related("parent")
