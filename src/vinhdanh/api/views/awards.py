from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.viewsets import ReadOnlyModelViewSet

from vinhdanh.api.filters import AwardFilter, AwardKindFilter, DecisionFilter
from vinhdanh.api.permissions import SignedInReadOnly
from vinhdanh.api.serializers import (
    AwardKindSerializer,
    AwardSerializer,
    DecisionDetailSerializer,
    DecisionSerializer,
)
from vinhdanh.awards.domain.queries.awards import visible_awards
from vinhdanh.awards.domain.queries.catalogue import all_kinds
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.documents.domain.access import may_read_decision_paper
from vinhdanh.documents.domain.queries.scans import current_scan

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.awards.models import Award, AwardKind, Decision


def award_rows(awards: QuerySet[Award]) -> QuerySet[Award]:
    """What AwardSerializer reads, in one query."""
    return awards.select_related("kind", "person", "unit", "decision", "revoked_by").order_by(
        "-period", "-id"
    )


class AwardKindViewSet(ReadOnlyModelViewSet["AwardKind"]):
    """The award catalogue (rules.md §2–3): readable by every signed-in user."""

    # The model, for the schema (named by the serializer, an interface); get_queryset reads.
    queryset = AwardKindSerializer.Meta.model.objects.none()
    serializer_class = AwardKindSerializer
    filterset_class = AwardKindFilter
    permission_classes = [SignedInReadOnly]
    lookup_field = "code"
    lookup_value_regex = "[A-Za-z0-9_]+"

    def get_queryset(self) -> QuerySet[AwardKind]:
        return all_kinds()


class AwardViewSet(ReadOnlyModelViewSet["Award"]):
    """Awards whose person (by current unit) or collective the caller's roles reach."""

    queryset = AwardSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    permission_classes = [SignedInReadOnly]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Award]:
        return award_rows(visible_awards(self.request.user))


class DecisionViewSet(ReadOnlyModelViewSet["Decision"]):
    """The decisions the caller's pages show (issued in their units, awarding or revoking a
    subject there), with the awards to subjects they may see."""

    queryset = DecisionSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    permission_classes = [SignedInReadOnly]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Decision]:
        return visible_decisions(self.request.user).select_related("issuing_unit")

    def get_serializer_class(self) -> type[BaseSerializer[Decision]]:
        if self.action == "retrieve":
            return DecisionDetailSerializer
        return DecisionSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        context = dict(super().get_serializer_context())
        if self.action == "retrieve":
            context["awards"] = award_rows(visible_awards(self.request.user))
        return context

    @extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The signed scan of an issued decision (PDF), as the văn thư recorded it",
    )
    @action(detail=True, methods=["get"], url_path="scan")
    def scan(
        self, request: Request, pk: str | None = None, **kwargs: Any
    ) -> FileResponse | Response:
        decision = self.get_object()
        if not may_read_decision_paper(request.user, decision):
            raise Http404
        scan = current_scan(decision)
        if scan is None:
            return Response(
                {"detail": _("No signed scan of this decision has been recorded yet.")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return FileResponse(
            scan.file.open("rb"),
            as_attachment=True,
            filename=f"ban-ky-{decision.number or decision.pk}-{decision.year}.pdf",
            content_type="application/pdf",
        )
