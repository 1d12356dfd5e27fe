from __future__ import annotations

from typing import TYPE_CHECKING, Any

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import ReadOnlyModelViewSet

from vinhdanh.api.filters import AwardFilter, PersonFilter
from vinhdanh.api.pagination import KeysetPagination, PagePagination
from vinhdanh.api.permissions import SignedInReadOnly
from vinhdanh.api.serializers import AwardSerializer, PersonSerializer
from vinhdanh.api.views.awards import award_rows
from vinhdanh.awards.domain.queries.awards import visible_awards
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.people.domain.reads import record_people_read, record_person_read

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.people.models import Person


class PersonViewSet(ReadOnlyModelViewSet["Person"]):
    """People whose current unit the caller's roles reach, in Vietnamese order.

    Sorted by given name, then middle name, then family name; paged with an opaque cursor
    so that a list of a million people stays as fast on its last page as on its first.
    """

    # The model, for the schema (named by the serializer, an interface); get_queryset scopes.
    queryset = PersonSerializer.Meta.model.objects.none()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    pagination_class = KeysetPagination
    permission_classes = [SignedInReadOnly]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Person]:
        return visible_people(self.request.user).select_related("current_unit")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        person = self.get_object()
        record_person_read(person, channel="api")
        return Response(self.get_serializer(person).data)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        rows = response.data.get("results", []) if isinstance(response.data, dict) else []
        record_people_read((row["id"] for row in rows), channel="api", what="people list")
        return response

    @extend_schema(responses=AwardSerializer(many=True), filters=True)
    @action(
        detail=True,
        methods=["get"],
        serializer_class=AwardSerializer,
        filterset_class=AwardFilter,
        # What this action lists, for filters and the schema.
        queryset=AwardSerializer.Meta.model.objects.none(),
        pagination_class=PagePagination,
    )
    def awards(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        """The awards of one person, newest first."""
        # Not get_object(): that would run this action's award filters on the people list.
        person = get_object_or_404(self.get_queryset(), pk=pk)
        self.check_object_permissions(request, person)
        awards = award_rows(visible_awards(request.user).filter(person=person))
        filterset = AwardFilter(request.query_params, queryset=awards, request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.qs)
        serializer = AwardSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)
