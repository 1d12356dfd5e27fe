"""Programmes, their activities and period reports over REST, scoped like the pages.

Reads go through the programmes domain's visibility queries; every write through the same
domain functions the pages call. Refusals carry the domain's message: 400 (a rule), 403 (the
role does not allow it), 404 (out of scope), 409 (the period is locked).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from vinhdanh.api.programmes.serializers import (
    ActivityInputSerializer,
    ActivitySerializer,
    PeriodReportInputSerializer,
    PeriodReportSerializer,
    ProgrammeSerializer,
    ReasonInputSerializer,
)
from vinhdanh.api.schema import BAD_REQUEST_SCHEMA, ErrorSerializer
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.programmes.domain import activities as activity_domain
from vinhdanh.programmes.domain import reports as report_domain
from vinhdanh.programmes.domain.errors import NotPermitted, PeriodLocked, ProgrammeError
from vinhdanh.programmes.domain.queries.activities import activities_visible_to, activity_kinds
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.domain.queries.reports import reports_visible_to, with_values

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.orgs.models import Unit
    from vinhdanh.programmes.models import Activity, PeriodReport, Programme

ERRORS = {
    400: OpenApiResponse(BAD_REQUEST_SCHEMA, description="A field is invalid, or a rule refuses."),
    403: OpenApiResponse(ErrorSerializer, description="The caller's roles do not allow it."),
    404: OpenApiResponse(ErrorSerializer, description="Not found in the caller's scope."),
    409: OpenApiResponse(ErrorSerializer, description="The period is locked."),
}


def _error(exc: Exception, http_status: int, code: str) -> Response:
    message = str(exc.args[0]) if exc.args else str(exc)
    return Response({"detail": message, "code": code}, status=http_status)


def _refusal(exc: Exception) -> Response:
    if isinstance(exc, NotPermitted):
        return _error(exc, status.HTTP_403_FORBIDDEN, "not_permitted")
    if isinstance(exc, PeriodLocked):
        return _error(exc, status.HTTP_409_CONFLICT, "period_locked")
    return _error(exc, status.HTTP_400_BAD_REQUEST, "invalid")


def _programme_and_unit(
    request: Request, values: dict[str, Any]
) -> tuple[Programme, Unit] | Response:
    """The programme and unit a write names, among those the caller sees: one outside their
    scope reads exactly like one that does not exist."""
    programme = visible_programmes(request.user).filter(pk=values["programme"]).first()
    if programme is None:
        return _field_error("programme", _("No such programme."))
    unit = visible_units(request.user).filter(pk=values["unit"]).first()
    if unit is None:
        return _field_error("unit", _("No such unit."))
    return programme, unit


def _field_error(field: str, message: str) -> Response:
    return Response({field: [message]}, status=status.HTTP_400_BAD_REQUEST)


class ProgrammeViewSet(viewsets.ReadOnlyModelViewSet["Programme"]):
    """Programmes the caller's units own or implement, with their indicators and kinds."""

    queryset = ProgrammeSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = ProgrammeSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["status", "owner_unit"]

    def get_queryset(self) -> QuerySet[Programme]:
        return (
            visible_programmes(self.request.user)
            .prefetch_related("indicators", "activity_kinds")
            .order_by("-starts_on", "id")
        )


class ActivityViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet["Activity"]):
    """Activities the caller may see; recording one is the unit's clerk's or head's."""

    queryset = ActivitySerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = ActivitySerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["programme", "unit", "kind"]

    def get_queryset(self) -> QuerySet[Activity]:
        return activities_visible_to(self.request.user).order_by("-date", "-id")

    @extend_schema(
        request=ActivityInputSerializer,
        responses={201: ActivitySerializer, **ERRORS},
        summary="Record an activity of a unit under a programme",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = ActivityInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = _programme_and_unit(request, values)
        if isinstance(found, Response):
            return found
        programme, unit = found
        kind = activity_kinds(programme).filter(pk=values["kind"]).first()
        if kind is None:
            return _field_error("kind", _("This kind of activity belongs to another programme."))
        try:
            activity = activity_domain.record_activity(
                actor=request.user,
                programme=programme,
                unit=unit,
                kind=kind,
                date=values["date"],
                title=values["title"],
                participants=values["participants"],
                note=values["note"],
            )
        except (NotPermitted, ProgrammeError) as exc:
            return _refusal(exc)
        return Response(ActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class PeriodReportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet["PeriodReport"]):
    """Period reports: a unit saves or submits its figures; the office approves or returns."""

    queryset = PeriodReportSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = PeriodReportSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["programme", "unit", "period_code", "state"]

    def get_queryset(self) -> QuerySet[PeriodReport]:
        return with_values(reports_visible_to(self.request.user)).order_by(
            "period_start", "unit_id", "id"
        )

    def _answer(self, report: PeriodReport, http_status: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().filter(pk=report.pk).first() or report
        return Response(PeriodReportSerializer(fresh).data, status=http_status)

    @extend_schema(
        request=PeriodReportInputSerializer,
        responses={200: PeriodReportSerializer, **ERRORS},
        summary="Save (and optionally submit) a unit's figures for a period",
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = PeriodReportInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        found = _programme_and_unit(request, values)
        if isinstance(found, Response):
            return found
        programme, unit = found
        try:
            report = report_domain.save_report(
                actor=request.user,
                programme=programme,
                unit=unit,
                period_code=values["period_code"],
                values=values["values"],
                narrative=values["narrative"],
                submit=values["submit"],
            )
        except (NotPermitted, ProgrammeError) as exc:
            return _refusal(exc)
        return self._answer(report)

    @extend_schema(
        request=None,
        responses={200: PeriodReportSerializer, **ERRORS},
        summary="Approve a submitted report (the programme's office)",
    )
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        report = self.get_object()
        try:
            report_domain.approve_report(actor=request.user, report=report)
        except (NotPermitted, ProgrammeError) as exc:
            return _refusal(exc)
        return self._answer(report)

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: PeriodReportSerializer, **ERRORS},
        summary="Return a report to its unit, saying why (the programme's office)",
    )
    @action(detail=True, methods=["post"], url_path="return")
    def return_report(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        report = self.get_object()
        data = ReasonInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            report_domain.return_report(
                actor=request.user, report=report, reason=data.validated_data["reason"]
            )
        except (NotPermitted, ProgrammeError) as exc:
            return _refusal(exc)
        return self._answer(report)

    def get_serializer_class(self) -> type[BaseSerializer[PeriodReport]]:
        return PeriodReportSerializer
