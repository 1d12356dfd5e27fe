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
from vinhdanh.eligibility.domain.queries.candidates import candidate_list
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.web.views.eligibility import _lang, may_list_candidates


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


class CandidateListSerializer(serializers.Serializer[Any]):
    unit = serializers.IntegerField()
    year = serializers.IntegerField()
    code = serializers.CharField()
    decision_date = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    quota = serializers.IntegerField(allow_null=True)
    candidates = CandidateSerializer(many=True)


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
    return {**result.to_dict(_lang(), suggestions=True), "code": result.code}


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
        return Response([evaluate_case(c, _lang()).to_dict(_lang(), True) for c in cases])


__all__ = ["CANDIDATE_CODES", "CaseEvaluationView", "PersonEligibilityView", "UnitCandidatesView"]
