"""The nomination workflow over REST: reads in the caller's scope, and the transitions.

The views translate HTTP and nothing else: every change goes through
nominations.domain.workflow (the same function the web pages call). Errors answer with the
user's-language message: 400 (a rule of the workflow), 403 (the role does not allow it),
404 (out of scope).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from vinhdanh.api.schema import BAD_REQUEST_SCHEMA, ErrorSerializer
from vinhdanh.api.versioning import Precondition, etag
from vinhdanh.api.workflow.serializers import (
    BulkNominateInputSerializer,
    BulkNominateResultSerializer,
    BulkResultSerializer,
    BulkTransitionInputSerializer,
    NominationDetailSerializer,
    NominationEditInputSerializer,
    NominationSerializer,
    NotificationSerializer,
    RoundSerializer,
    StaleEditSerializer,
    TransitionInputSerializer,
)
from vinhdanh.awards.domain.queries.catalogue import kind_by_code
from vinhdanh.common.versioning import StaleEdit
from vinhdanh.nominations.domain import workflow
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import (
    BulkRefused,
    create_nominations,
    update_nomination,
)
from vinhdanh.nominations.domain.notifications import mark_read
from vinhdanh.nominations.domain.queries.inbox import user_notifications
from vinhdanh.nominations.domain.queries.nominations import visible_nominations, visible_rounds
from vinhdanh.nominations.enums import NominationState
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.people.domain.queries.visibility import visible_people

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.common.models import Notification
    from vinhdanh.nominations.models import Nomination, Round

ERRORS = {
    400: OpenApiResponse(
        BAD_REQUEST_SCHEMA, description="A field is invalid, or a rule of the workflow refuses."
    ),
    403: OpenApiResponse(ErrorSerializer, description="The caller's roles do not allow it."),
    404: OpenApiResponse(ErrorSerializer, description="Not found in the caller's scope."),
}


# A refused bulk nomination: the usual 400 body, plus the problems of each refused item.
BULK_REFUSED_SCHEMA: dict[str, Any] = {
    **BAD_REQUEST_SCHEMA,
    "properties": {
        **BAD_REQUEST_SCHEMA["properties"],
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "person": {"type": "integer", "nullable": True},
                    "unit": {"type": "integer", "nullable": True},
                    "problems": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["person", "unit", "problems"],
            },
        },
    },
}


def _error(exc: Exception, http_status: int) -> Response:
    message = str(exc.args[0]) if exc.args else str(exc)
    code = getattr(exc, "code", "invalid")
    return Response({"detail": message, "code": code}, status=http_status)


class RoundViewSet(viewsets.ReadOnlyModelViewSet["Round"]):
    """Rounds whose nominating or deciding unit the caller's roles reach."""

    queryset = RoundSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = RoundSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["year", "owning_unit", "decider_unit"]

    def get_queryset(self) -> QuerySet[Round]:
        return visible_rounds(self.request.user).order_by("-year", "-id")

    @extend_schema(
        request=BulkTransitionInputSerializer,
        responses={200: BulkResultSerializer, **ERRORS},
        summary="Move every nomination of the round that can take this step",
    )
    @action(detail=True, methods=["post"], url_path="bulk-transition")
    def bulk_transition(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        round_ = self.get_object()
        data = BulkTransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            result = workflow.bulk_transition(
                round=round_,
                to=data.validated_data["to"],
                actor=request.user,
                reason=data.validated_data["reason"],
                number=data.validated_data["number"],
            )
        except WorkflowError as exc:  # the văn thư's number is taken: nothing was moved
            return _error(exc, status.HTTP_400_BAD_REQUEST)
        submission = result.submission
        return Response(
            {
                "done": [n.pk for n in result.done],
                "failed": [{"nomination": n.pk, "detail": m} for n, m in result.failed],
                "submission": submission.number_label if submission is not None else None,
            }
        )

    @extend_schema(
        request=BulkNominateInputSerializer,
        responses={
            201: BulkNominateResultSerializer,
            400: OpenApiResponse(
                description="Nothing was created: the problems of every refused item.",
            ),
            403: ERRORS[403],
            404: ERRORS[404],
        },
        summary="Nominate several people or collectives for one title (all or none)",
    )
    @action(detail=True, methods=["post"], url_path="bulk-nominate")
    def bulk_nominate(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        round_ = self.get_object()
        data = BulkNominateInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        kind = kind_by_code(values["kind"])
        if kind is None:
            raise ValidationError({"kind": f"unknown code {values['kind']!r}"})
        people = visible_people(request.user).in_bulk(values["people"])
        units = visible_units(request.user).in_bulk(values["units"])
        unknown = [
            {"person": i, "unit": None, "problems": [_("Not found in your units.")]}
            for i in values["people"]
            if i not in people
        ] + [
            {"person": None, "unit": i, "problems": [_("Not found in your units.")]}
            for i in values["units"]
            if i not in units
        ]
        if unknown:
            return Response(
                {
                    "detail": _("No nomination was created: %(count)s cannot be nominated.")
                    % {"count": len(unknown)},
                    "code": BulkRefused.code,
                    "errors": unknown,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            created = create_nominations(
                actor=request.user,
                round=round_,
                kind=kind,
                people=[people[i] for i in values["people"]],
                units=[units[i] for i in values["units"]],
            )
        except BulkRefused as exc:
            errors = [
                {
                    "person": line.person_id,
                    "unit": line.unit_id,
                    "problems": list(line.problems),
                }
                for line in exc.refused
            ]
            return Response(
                {"detail": str(exc), "code": exc.code, "errors": errors},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except NotPermitted as exc:
            return _error(exc, status.HTTP_403_FORBIDDEN)
        except WorkflowError as exc:
            return _error(exc, status.HTTP_400_BAD_REQUEST)
        return Response({"created": [n.pk for n in created]}, status=status.HTTP_201_CREATED)


class NominationViewSet(viewsets.ReadOnlyModelViewSet["Nomination"]):
    """Nominations in the caller's scope, with the engine's checks and the history."""

    queryset = NominationSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = NominationSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["round", "state", "period"]

    def get_queryset(self) -> QuerySet[Nomination]:
        qs = visible_nominations(self.request.user).order_by("round_id", "id")
        if self.action != "list":
            qs = qs.prefetch_related("events")
        return qs

    def get_serializer_class(self) -> type[BaseSerializer[Nomination]]:
        if self.action == "list":
            return NominationSerializer
        return NominationDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag(response.data)
        return response

    @extend_schema(
        request=NominationEditInputSerializer,
        responses={
            200: NominationDetailSerializer,
            **ERRORS,
            409: OpenApiResponse(
                StaleEditSerializer, description="Someone saved a newer version (body version)."
            ),
            412: OpenApiResponse(
                StaleEditSerializer, description="Someone saved a newer version (If-Match)."
            ),
            428: OpenApiResponse(ErrorSerializer, description="No version was named."),
        },
        summary="Edit a draft or returned nomination, naming the version read",
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        nomination = self.get_object()
        data = NominationEditInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        precondition = Precondition(request, values.pop("version", None))
        if precondition.refusal is not None:
            return precondition.refusal
        try:
            update_nomination(
                actor=request.user,
                nomination=nomination,
                version=precondition.version,
                **values,
            )
        except StaleEdit as exc:
            return Response(exc.as_data(), status=precondition.stale_status())
        except NotPermitted as exc:
            return _error(exc, status.HTTP_403_FORBIDDEN)
        except WorkflowError as exc:
            return _error(exc, status.HTTP_400_BAD_REQUEST)
        fresh = self.get_queryset().get(pk=nomination.pk)
        response = Response(NominationDetailSerializer(fresh, context={"request": request}).data)
        response["ETag"] = etag(fresh)
        return response

    @extend_schema(
        request=TransitionInputSerializer,
        responses={200: NominationDetailSerializer, **ERRORS},
        summary="Move the nomination to another state (the workflow's one entry point)",
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        nomination = self.get_object()
        data = TransitionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values: dict[str, Any] = dict(data.validated_data)
        try:
            workflow.transition(
                nomination=nomination,
                to=NominationState(values["to"]),
                actor=request.user,
                reason=values["reason"],
                override_reason=values["override_reason"],
                number=values["number"],
            )
        except NotPermitted as exc:
            return _error(exc, status.HTTP_403_FORBIDDEN)
        except WorkflowError as exc:
            return _error(exc, status.HTTP_400_BAD_REQUEST)
        fresh = self.get_queryset().get(pk=nomination.pk)
        return Response(NominationDetailSerializer(fresh, context={"request": request}).data)


class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet["Notification"]):
    """The caller's own notifications, newest first."""

    queryset = NotificationSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = NotificationSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Notification]:
        return user_notifications(self.request.user)

    @extend_schema(request=None, responses={204: None, 404: ERRORS[404]})
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        note = self.get_object()
        mark_read(user=request.user, notification_ids=[note.pk])
        return Response(status=status.HTTP_204_NO_CONTENT)
