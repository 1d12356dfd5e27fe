"""Serializers of the programmes API: output shapes, and the inputs of the writes."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vinhdanh.programmes.models import Activity, ActivityKind, Indicator, PeriodReport, Programme


class IndicatorSerializer(serializers.ModelSerializer[Indicator]):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "code",
            "name",
            "measure",
            "value_type",
            "aggregation",
            "target",
            "source",
            "activity_kind",
        ]
        read_only_fields = fields


class ActivityKindSerializer(serializers.ModelSerializer[ActivityKind]):
    class Meta:
        model = ActivityKind
        fields = ["id", "name"]
        read_only_fields = fields


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    owner_unit_name = serializers.CharField(source="owner_unit.name", read_only=True)
    implementing_root_name = serializers.CharField(source="implementing_root.name", read_only=True)
    indicators = IndicatorSerializer(many=True, read_only=True)
    activity_kinds = ActivityKindSerializer(many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "legal_basis",
            "owner_unit",
            "owner_unit_name",
            "implementing_root",
            "implementing_root_name",
            "units_as_of",
            "starts_on",
            "ends_on",
            "period_kind",
            "report_due_days",
            "status",
            "indicators",
            "activity_kinds",
        ]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer[Activity]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    kind_name = serializers.CharField(source="kind.name", read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "programme",
            "kind",
            "kind_name",
            "unit",
            "unit_name",
            "date",
            "title",
            "participants",
            "note",
        ]
        read_only_fields = fields


class ActivityInputSerializer(serializers.Serializer[dict[str, Any]]):
    programme = serializers.IntegerField(min_value=1)
    kind = serializers.IntegerField(min_value=1)
    unit = serializers.IntegerField(min_value=1)
    date = serializers.DateField()
    title = serializers.CharField(max_length=255)
    # No lower bound here: the domain refuses a negative count with its own message.
    participants = serializers.IntegerField(required=False, default=0, max_value=10_000_000)
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=5000)


class PeriodReportSerializer(serializers.ModelSerializer[PeriodReport]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    values = serializers.SerializerMethodField()

    class Meta:
        model = PeriodReport
        fields = [
            "id",
            "programme",
            "unit",
            "unit_name",
            "period_code",
            "period_start",
            "period_end",
            "state",
            "narrative",
            "return_reason",
            "submitted_at",
            "decided_at",
            "values",
        ]
        read_only_fields = fields

    @extend_schema_field(
        {
            "type": "object",
            "additionalProperties": {"type": "string", "format": "decimal"},
            "description": "Indicator code → value (yes/no as 1/0).",
        }
    )
    def get_values(self, report: PeriodReport) -> dict[str, str]:
        return {v.indicator.code: f"{v.value.normalize():f}" for v in report.values.all()}


class PeriodReportInputSerializer(serializers.Serializer[dict[str, Any]]):
    programme = serializers.IntegerField(min_value=1)
    unit = serializers.IntegerField(min_value=1)
    period_code = serializers.CharField(max_length=10, help_text="e.g. 2025-Q3, 2025-M07, 2025")
    values = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Indicator code → value; a blank or null value is left empty.",
    )
    narrative = serializers.CharField(
        required=False, default="", allow_blank=True, max_length=20000
    )
    submit = serializers.BooleanField(required=False, default=False)


class ReasonInputSerializer(serializers.Serializer[dict[str, Any]]):
    reason = serializers.CharField(max_length=2000)
