"""Councils, sessions and decisions over REST: the same domain functions as the web pages.

Errors answer with the message in the user's language: 400 (a rule refuses), 403 (the role
does not allow it), 404 (outside the caller's scope). A session's detail never carries anyone's
choice; the tally exists only once the session is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from vinhdanh.api.councils.serializers import (
    AgendaInput,
    AttendanceInput,
    BallotInput,
    CloseSessionInput,
    CouncilDetailSerializer,
    CouncilSerializer,
    HandCountInput,
    IssuedDecisionSerializer,
    IssueDecisionInput,
    RecusalInput,
    RevokeInput,
    SessionCreateInput,
    SessionDetailSerializer,
    SessionSerializer,
    ThresholdSerializer,
    VoteResultSerializer,
    WrittenVoteInput,
)
from vinhdanh.api.parsers import JSONBodyParser
from vinhdanh.api.schema import BAD_REQUEST_SCHEMA, ErrorSerializer
from vinhdanh.awards.domain.decisions import DecisionError, revoke_awards
from vinhdanh.awards.domain.queries.awards import decision_awards
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.councils.domain import sessions as domain
from vinhdanh.councils.domain.common import CouncilError
from vinhdanh.councils.domain.queries.councils import members_on, visible_councils, visible_sessions
from vinhdanh.councils.domain.queries.sessions import (
    agenda_candidates,
    agenda_nominations,
    council_rounds,
    session_view,
)
from vinhdanh.councils.domain.queries.tally import session_results
from vinhdanh.councils.enums import SessionStatus
from vinhdanh.councils.interfaces.minutes import minutes_file
from vinhdanh.eligibility.domain.queries.parameters import vote_rules_in_force
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.issuing import issue_decision, proposed_for_decider
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import units_in_scope, visible_units
from vinhdanh.orgs.enums import Capability

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from vinhdanh.councils.models import Council, CouncilSession
    from vinhdanh.orgs.models import Unit

ERRORS = {
    400: OpenApiResponse(BAD_REQUEST_SCHEMA, description="A field is invalid, or a rule refuses."),
    403: OpenApiResponse(ErrorSerializer, description="The caller's roles do not allow it."),
    404: OpenApiResponse(ErrorSerializer, description="Not found in the caller's scope."),
}
RULE_ERRORS = (CouncilError, DecisionError, WorkflowError)


def _error(exc: Exception, http_status: int) -> Response:
    message = str(exc.args[0]) if exc.args else str(exc)
    return Response({"detail": message}, status=http_status)


def _run(call: Callable[[], Any]) -> Response | None:
    """Call the domain; a refusal becomes a 400/403 answer, success None."""
    try:
        call()
    except PermissionDenied as exc:
        return _error(exc, status.HTTP_403_FORBIDDEN)
    except RULE_ERRORS as exc:
        return _error(exc, status.HTTP_400_BAD_REQUEST)
    return None


def _bad(message: str) -> Response:
    return Response({"detail": message}, status=status.HTTP_400_BAD_REQUEST)


def _forbidden() -> Response:
    return Response({"detail": _("You may not do this.")}, status=status.HTTP_403_FORBIDDEN)


class CouncilViewSet(viewsets.ReadOnlyModelViewSet["Council"]):
    """Councils of the caller's units, and those the caller sits on."""

    queryset = CouncilSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = CouncilSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"

    def get_queryset(self) -> QuerySet[Council]:
        return visible_councils(self.request.user).order_by("unit__path", "name")

    def get_serializer_class(self) -> type[BaseSerializer[Council]]:
        return CouncilDetailSerializer if self.action == "retrieve" else CouncilSerializer

    @extend_schema(
        request=SessionCreateInput,
        responses={201: SessionSerializer, **ERRORS},
        summary="Convene a session of the council",
    )
    @action(detail=True, methods=["post"])
    def sessions(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        council = self.get_object()
        data = SessionCreateInput(data=request.data)
        data.is_valid(raise_exception=True)
        created: list[CouncilSession] = []
        refused = _run(
            lambda: created.append(
                domain.create_session(council=council, actor=request.user, **data.validated_data)
            )
        )
        if refused is not None:
            return refused
        return Response(SessionSerializer(created[0]).data, status=status.HTTP_201_CREATED)


class SessionViewSet(viewsets.ReadOnlyModelViewSet["CouncilSession"]):
    """Council sessions: agenda, attendance, recusals, ballots, closing, tally, minutes."""

    queryset = SessionSerializer.Meta.model.objects.none()  # the model, for the schema
    serializer_class = SessionSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = r"\d+"
    filterset_fields = ["council", "status"]

    def get_queryset(self) -> QuerySet[CouncilSession]:
        return (
            visible_sessions(self.request.user)
            .select_related("minutes_entry")
            .order_by("-date", "-id")
        )

    def get_serializer_class(self) -> type[BaseSerializer[CouncilSession]]:
        return SessionDetailSerializer if self.action == "retrieve" else SessionSerializer

    def _session(self) -> CouncilSession:
        session = self.get_object()
        if not self.request.user.has_perm("councils.view_session", session):
            raise PermissionDenied
        return session

    def _detail(self, session: CouncilSession) -> Response:
        session.refresh_from_db()
        view = session_view(session, self.request.user)
        return Response(SessionDetailSerializer(session, context={"view_data": view}).data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._detail(self._session())

    def _act(self, call: Callable[[CouncilSession], Any]) -> Response:
        session = self._session()
        refused = _run(lambda: call(session))
        return refused if refused is not None else self._detail(session)

    @extend_schema(request=AgendaInput, responses={200: SessionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def agenda(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        data = AgendaInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = self._session()
        if not request.user.has_perm("councils.run_session", session):
            return _forbidden()
        ids = set(data.validated_data["nominations"])
        nominations = list(agenda_candidates(session).filter(pk__in=ids))
        if len(nominations) != len(ids):
            return _bad(_("A nomination is not among those this session can take."))
        round_ids = set(data.validated_data["rounds"])
        rounds = list(council_rounds(session).filter(pk__in=round_ids))
        if len(rounds) != len(round_ids):
            return _bad(_("A round is not decided in this council's unit."))
        return self._act(
            lambda s: domain.add_to_agenda(
                session=s, nominations=nominations, rounds=rounds, actor=request.user
            )
        )

    @extend_schema(request=AttendanceInput, responses={200: SessionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def attendance(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        data = AttendanceInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = self._session()
        members = {m.pk: m for m in members_on(session.council, session.date)}
        wanted = set(data.validated_data["present"])
        if wanted - set(members):
            return _bad(_("Not a member of the council on the session date."))
        return self._act(
            lambda s: domain.set_attendance(
                session=s, present=[members[i] for i in wanted], actor=request.user
            )
        )

    @extend_schema(request=RecusalInput, responses={200: SessionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def recusals(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        data = RecusalInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = self._session()
        values = data.validated_data
        member = next(
            (m for m in members_on(session.council, session.date) if m.pk == values["member"]),
            None,
        )
        nomination = agenda_nominations(session).filter(pk=values["nomination"]).first()
        if member is None or nomination is None:
            return _bad(_("Unknown member, or a nomination not on the agenda."))
        return self._act(
            lambda s: domain.recuse(
                session=s,
                member=member,
                nomination=nomination,
                reason=values["reason"],
                actor=request.user,
            )
        )

    @extend_schema(request=None, responses={200: SessionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        return self._act(lambda s: domain.open_session(session=s, actor=request.user))

    @extend_schema(
        request=BallotInput,
        responses={200: SessionDetailSerializer, **ERRORS},
        summary="Cast the caller's secret ballot (stored without the voter's identity)",
    )
    # A list of objects: a form cannot carry it, so the schema must not offer one.
    @action(detail=True, methods=["post"], parser_classes=[JSONBodyParser])
    def vote(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        self._session()  # 404/403 first: the body is read only for a session the caller sees
        data = BallotInput(data=request.data)
        data.is_valid(raise_exception=True)
        choices = {c["nomination"]: c["choice"] for c in data.validated_data["choices"]}
        return self._act(
            lambda s: domain.cast_ballots(session=s, voter=request.user, choices=choices)
        )

    @extend_schema(
        request=WrittenVoteInput,
        responses={200: SessionDetailSerializer, **ERRORS},
        summary="Record the written vote of an absent member (secretary)",
    )
    @action(
        detail=True, methods=["post"], url_path="written-votes", parser_classes=[JSONBodyParser]
    )
    def written_votes(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        session = self._session()  # 404/403 before the body is read, as for `vote`
        data = WrittenVoteInput(data=request.data)
        data.is_valid(raise_exception=True)
        member = next(
            (
                m
                for m in members_on(session.council, session.date)
                if m.pk == data.validated_data["member"]
            ),
            None,
        )
        if member is None:
            return _bad(_("Not a member of the council on the session date."))
        choices = {c["nomination"]: c["choice"] for c in data.validated_data["choices"]}
        return self._act(
            lambda s: domain.record_written_votes(
                session=s, member=member, choices=choices, actor=request.user
            )
        )

    @extend_schema(request=HandCountInput, responses={200: SessionDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def hands(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        data = HandCountInput(data=request.data)
        data.is_valid(raise_exception=True)
        session = self._session()
        values = data.validated_data
        nomination = agenda_nominations(session).filter(pk=values["nomination"]).first()
        if nomination is None:
            return _bad(_("A nomination is not among those this session can take."))
        return self._act(
            lambda s: domain.record_hand_count(
                session=s,
                nomination=nomination,
                for_votes=values["for_votes"],
                against_votes=values["against_votes"],
                abstain_votes=values["abstain_votes"],
                actor=request.user,
            )
        )

    @extend_schema(
        request=CloseSessionInput,
        responses={200: SessionDetailSerializer, **ERRORS},
        summary="Close the session: freeze the tally, seal the ballots, write the minutes "
        "and number them in the register of outgoing documents",
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        data = CloseSessionInput(data=request.data)
        data.is_valid(raise_exception=True)
        number = data.validated_data["number"]
        return self._act(
            lambda s: domain.close_session(session=s, actor=request.user, number=number)
        )

    @extend_schema(
        responses={200: VoteResultSerializer(many=True), **ERRORS},
        summary="The tally per nomination (closed sessions only; empty before)",
    )
    # One list per session, whole: neither paged nor filtered like the list of sessions.
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def tally(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        session = self._session()
        results = [result for _item, result in session_results(session)]
        return Response(VoteResultSerializer(results, many=True).data)

    @extend_schema(
        responses={(200, "application/json"): OpenApiTypes.OBJECT, **ERRORS},
        summary="The minutes as structured data (closed sessions only)",
    )
    @action(detail=True, methods=["get"])
    def minutes(self, request: Request, pk: str | None = None, **kwargs: Any) -> Response:
        session = self._session()
        if session.status != SessionStatus.CLOSED or not session.minutes:
            return _bad(_("The minutes exist once the session is closed."))
        return Response(session.minutes)

    @extend_schema(
        responses={
            (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): (
                OpenApiTypes.BINARY
            ),
            **ERRORS,
        },
        summary="The minutes as a .docx (closed sessions only)",
    )
    @action(detail=True, methods=["get"], url_path="minutes-docx")
    def minutes_docx(
        self, request: Request, pk: str | None = None, **kwargs: Any
    ) -> HttpResponse | Response:
        session = self._session()
        if session.status != SessionStatus.CLOSED or not session.minutes:
            return _bad(_("The minutes exist once the session is closed."))
        name, content = minutes_file(session)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ThresholdListView(APIView):
    """Vote rules in force today (one source with the eligibility engine): for a jurisdiction
    given by `?unit=<id>` among the caller's visible units, else for every jurisdiction."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("unit", int, required=False)],
        responses={
            200: ThresholdSerializer(many=True),
            400: OpenApiResponse(BAD_REQUEST_SCHEMA, description="`unit` is not an id."),
            404: ErrorSerializer,
        },
    )
    def get(self, request: Request) -> Response:
        unit = None
        raw = request.query_params.get("unit")
        if raw is not None:
            if not raw.isdigit():
                raise ValidationError({"unit": _("Expected a unit id.")})
            unit = visible_units(request.user).filter(pk=int(raw)).first()
            if unit is None:
                raise NotFound
        rules = vote_rules_in_force(dt.date.today(), unit)
        return Response(ThresholdSerializer(rules, many=True).data)


def _decider_unit(user: Any, pk: int) -> Unit | None:
    return units_in_scope(unit_scope(user, Capability.DECIDER)).filter(pk=pk).first()


class IssueDecisionView(APIView):
    """Issue a numbered decision for proposed nominations (deciders only)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=IssueDecisionInput,
        responses={201: IssuedDecisionSerializer, **ERRORS},
        summary="Issue a decision (numbered per issuing body and year)",
    )
    def post(self, request: Request, **kwargs: Any) -> Response:
        data = IssueDecisionInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _decider_unit(request.user, values.pop("issuing_unit"))
        if unit is None:
            return _forbidden()
        ids = set(values.pop("nominations"))
        nominations = list(proposed_for_decider(request.user).filter(pk__in=ids))
        if len(nominations) != len(ids):
            return _bad(_("A nomination is not proposed to you."))
        issued: list[Any] = []
        refused = _run(
            lambda: issued.append(
                issue_decision(
                    issuing_unit=unit, nominations=nominations, actor=request.user, **values
                )
            )
        )
        if refused is not None:
            return refused
        return Response(IssuedDecisionSerializer(issued[0]).data, status=status.HTTP_201_CREATED)


class RevokeAwardsView(APIView):
    """Revoke awards of a decision by a new, numbered revocation decision (Art. 93)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RevokeInput,
        responses={201: IssuedDecisionSerializer, **ERRORS},
        summary="Revoke awards (a numbered revocation decision)",
    )
    def post(self, request: Request, pk: int, **kwargs: Any) -> Response:
        decision = visible_decisions(request.user).filter(pk=pk).first()
        if decision is None:
            return Response({"detail": _("Not found.")}, status=status.HTTP_404_NOT_FOUND)
        data = RevokeInput(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        unit = _decider_unit(request.user, values.pop("issuing_unit"))
        if unit is None:
            return _forbidden()
        values["ground"] = values.pop("revocation_ground")
        ids = set(values.pop("awards"))
        awards = list(decision_awards(decision).filter(pk__in=ids))
        if len(awards) != len(ids):
            return _bad(_("An award is not part of this decision."))
        issued: list[Any] = []
        refused = _run(
            lambda: issued.append(
                revoke_awards(awards=awards, issuing_unit=unit, actor=request.user, **values)
            )
        )
        if refused is not None:
            return refused
        return Response(IssuedDecisionSerializer(issued[0]).data, status=status.HTTP_201_CREATED)
