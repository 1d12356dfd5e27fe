"""The eligibility engine over the API: the same services as the pages."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from vinhdanh.api.parsers import JSONBodyParser
from vinhdanh.eligibility import services
from vinhdanh.eligibility.core import (
    CANDIDATE_CODES,
    CaseError,
    Outcome,
    evaluate_case,
    load_cases,
)
from vinhdanh.eligibility.domain.queries.candidates import (
    COLLECTIVE_LIST_CODES,
    candidate_list,
    collective_candidate_list,
)
from vinhdanh.eligibility.rules import may_list_candidates
from vinhdanh.nominations.domain.quotas import candidate_list_quotas
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.people.domain.queries.visibility import visible_people


class CheckSerializer(serializers.Serializer[Any]):
    rule = serializers.CharField()
    ok = serializers.BooleanField()
    cite = serializers.CharField()
    message = serializers.CharField()


class ResultSerializer(serializers.Serializer[Any]):
    id = serializers.CharField()
    code = serializers.CharField(required=False)
    outcome = serializers.ChoiceField(choices=[o.value for o in Outcome])
    regime = serializers.CharField()
    checks = CheckSerializer(many=True)
    suggestions = serializers.ListField(child=serializers.CharField(), required=False)


class CandidateSerializer(serializers.Serializer[Any]):
    person = serializers.IntegerField()
    full_name = serializers.CharField()
    unit = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    within_quota = serializers.BooleanField(allow_null=True)


class UnitQuotaSerializer(serializers.Serializer[Any]):
    """One unit's CSTĐCS quota for the year ("Trong tỷ lệ") and its use."""

    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    percent = serializers.CharField(help_text="the share of LĐTT, in percent")
    ldtt = serializers.IntegerField(help_text="the unit's LĐTT for the year, held or eligible")
    quota = serializers.IntegerField()
    awarded = serializers.IntegerField(help_text="already awarded for the year")
    proposed = serializers.IntegerField(
        help_text="in dossiers under way: a live nomination, not yet awarded (drafts included)"
    )
    remaining = serializers.IntegerField(
        help_text="quota - awarded - proposed, never below 0 (see over_by)"
    )
    over_by = serializers.IntegerField(help_text="awarded + proposed - quota when over, else 0")
    over = serializers.BooleanField()


class CandidateListSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    year = serializers.IntegerField()
    code = serializers.CharField()
    decision_date = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    quota = serializers.IntegerField(allow_null=True)
    quotas = UnitQuotaSerializer(many=True)
    candidates = CandidateSerializer(many=True)


class CollectiveCandidateSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    level = serializers.CharField()
    outcome = serializers.ChoiceField(choices=[o.value for o in Outcome])


class CollectiveCandidateListSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    year = serializers.IntegerField()
    code = serializers.CharField()
    outcome = serializers.ChoiceField(choices=[o.value for o in Outcome])
    decision_date = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    candidates = CollectiveCandidateSerializer(many=True)


YEAR = OpenApiParameter(
    "year",
    int,
    description="achievement year (default: last year); a year no regime of the rules covers "
    "answers 400",
)


def _year(request: Request) -> int:
    default = timezone.localdate().year - 1
    raw = request.query_params.get("year")
    if raw is None:
        return default
    try:
        year = int(raw)
    except ValueError:
        raise ValidationError({"year": "expected a year such as 2025"}) from None
    if not 2000 <= year <= default + 1:
        raise ValidationError({"year": f"the year must be between 2000 and {default + 1}"})
    if not services.year_is_covered(year):
        raise ValidationError({"year": _("No regime of the rules covers this year.")})
    return year


DECISION_DATE = OpenApiParameter(
    "decision_date",
    OpenApiTypes.DATE,
    description="The hypothetical decision date (selects the regime and the authority); by "
    "default the year-end review of the next year, or today when later.",
)


def _decision_date(request: Request, year: int) -> dt.date:
    raw = request.query_params.get("decision_date")
    if not raw:
        return services.default_decision_date(year)
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError(
            {"decision_date": _("“%(value)s” is not a date.") % {"value": raw}}
        ) from None
    problem = services.decision_date_problem(year, day)
    if problem is not None:
        raise ValidationError({"decision_date": problem})
    return day


def _result(result: Any) -> dict[str, Any]:
    return {**result.to_dict(services.reader_lang(), suggestions=True), "code": result.code}


class PersonEligibilityView(APIView):
    """Every annual and chain title for one person and year, with the reasons."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[YEAR, DECISION_DATE], responses=ResultSerializer(many=True))
    def get(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(visible_people(request.user), pk=pk)
        period = _year(request)
        year = services.person_year(person, period, _decision_date(request, period))
        return Response([_result(r) for r in year.results])


class UnitCandidatesView(APIView):
    """The candidate list of a unit (and its sub-units) for one title and year."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            YEAR,
            DECISION_DATE,
            OpenApiParameter("code", str, enum=list(services.PERSON_CODES)),
        ],
        responses=CandidateListSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        unit = get_object_or_404(visible_units(request.user), pk=pk)
        if not may_list_candidates(request.user, unit):
            raise NotFound
        code = request.query_params.get("code", "LDTT")
        if code not in services.PERSON_CODES:
            raise ValidationError({"code": f"expected one of {', '.join(services.PERSON_CODES)}"})
        year = _year(request)
        lst = candidate_list(
            unit=unit,
            period=year,
            scope=unit_scope(request.user),
            decision_date=_decision_date(request, year),
        )
        rows = lst.rows(code, Outcome.ELIGIBLE.value, limit=1000)
        return Response(
            {
                "unit": unit.pk,
                "year": year,
                "code": code,
                "decision_date": lst.decision_date,
                "counts": lst.counts.get(code, {}),
                "quota": sum(lst.quota.values()) if code == "CSTDCS" and lst.quota else None,
                "quotas": [
                    {
                        "unit": q.unit.pk,
                        "unit_name": q.unit.name,
                        "percent": q.percent,
                        "ldtt": q.base_count,
                        "quota": q.allowed,
                        "awarded": q.awarded,
                        "proposed": q.proposed,
                        "remaining": q.remaining,
                        "over_by": q.over_by,
                        "over": q.over,
                    }
                    for q in candidate_list_quotas(lst)
                ],
                "candidates": [
                    {
                        "person": r.person.pk,
                        "full_name": r.person.full_name,
                        "unit": r.person.current_unit.name if r.person.current_unit else None,
                        "rank": r.rank,
                        "within_quota": r.within_quota,
                    }
                    for r in rows
                ],
            }
        )


class UnitCollectiveCandidatesView(APIView):
    """The collectives of a unit's subtree for one collective title and year, with outcomes
    (the reasons of each: the unit's own eligibility endpoint)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            YEAR,
            DECISION_DATE,
            OpenApiParameter("code", str, enum=list(COLLECTIVE_LIST_CODES)),
            OpenApiParameter(
                "outcome",
                str,
                enum=[o.value for o in Outcome],
                description="the outcome listed (default ELIGIBLE)",
            ),
        ],
        responses=CollectiveCandidateListSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        unit = get_object_or_404(visible_units(request.user), pk=pk)
        if not may_list_candidates(request.user, unit):
            raise NotFound
        code = request.query_params.get("code", COLLECTIVE_LIST_CODES[0])
        if code not in COLLECTIVE_LIST_CODES:
            raise ValidationError({"code": f"expected one of {', '.join(COLLECTIVE_LIST_CODES)}"})
        outcome = request.query_params.get("outcome", Outcome.ELIGIBLE.value)
        if outcome not in {o.value for o in Outcome}:
            raise ValidationError({"outcome": f"expected one of {', '.join(Outcome)}"})
        year = _year(request)
        lst = collective_candidate_list(
            unit=unit,
            period=year,
            scope=unit_scope(request.user),
            decision_date=_decision_date(request, year),
        )
        return Response(
            {
                "unit": unit.pk,
                "year": year,
                "code": code,
                "outcome": outcome,
                "decision_date": lst.decision_date,
                "counts": lst.counts.get(code, {}),
                "candidates": [
                    {
                        "unit": r.unit.pk,
                        "code": r.unit.code,
                        "name": r.unit.name,
                        "level": r.unit.level,
                        "outcome": r.outcome,
                    }
                    for r in lst.rows(code, outcome, limit=5000)
                ],
            }
        )


class UnitCollectiveEligibilityView(APIView):
    """One collective against one collective title, with every check and its article."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            YEAR,
            DECISION_DATE,
            OpenApiParameter("code", str, enum=list(COLLECTIVE_LIST_CODES)),
        ],
        responses=ResultSerializer,
    )
    def get(self, request: Request, pk: int) -> Response:
        unit = get_object_or_404(visible_units(request.user), pk=pk)
        if not may_list_candidates(request.user, unit):
            raise NotFound
        code = request.query_params.get("code", COLLECTIVE_LIST_CODES[0])
        if code not in COLLECTIVE_LIST_CODES:
            raise ValidationError({"code": f"expected one of {', '.join(COLLECTIVE_LIST_CODES)}"})
        year = _year(request)
        result = services.evaluate_subject(
            unit=unit, code=code, period=year, decision_date=_decision_date(request, year)
        )
        return Response(_result(result))


CASE = {"type": "object", "additionalProperties": {}}
CASES = {
    "oneOf": [CASE, {"type": "array", "items": CASE}],
    "description": "One case, or a list of cases, in the case format (docs/case-format.md).",
}


class CaseEvaluationView(APIView):
    """Evaluate cases in the case format (docs/case-format.md): a what-if with no database."""

    permission_classes = [IsAuthenticated]
    parser_classes = [JSONBodyParser]  # the case format nests: a form cannot carry it

    @extend_schema(request={"application/json": CASES}, responses=ResultSerializer(many=True))
    def post(self, request: Request) -> Response:
        try:
            cases = load_cases(json.dumps(request.data, ensure_ascii=False, default=str))
        except CaseError as exc:
            raise ValidationError({"case": exc.problems}) from None
        return Response(
            [
                evaluate_case(c, services.reader_lang()).to_dict(services.reader_lang(), True)
                for c in cases
            ]
        )


__all__ = [
    "CANDIDATE_CODES",
    "CaseEvaluationView",
    "PersonEligibilityView",
    "UnitCandidatesView",
    "UnitCollectiveCandidatesView",
    "UnitCollectiveEligibilityView",
]
