"""Output serializers for the catalogue, awards and decisions."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vinhdanh.api.serializers.fields import blank_or_choice
from vinhdanh.api.serializers.orgs import UnitRefSerializer
from vinhdanh.api.serializers.people import PersonRefSerializer
from vinhdanh.awards.enums import AwardType, SubjectType
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.documents.domain.queries.scans import current_scan
from vinhdanh.documents.models import SignedScan


class AwardKindSerializer(serializers.ModelSerializer[AwardKind]):
    subject_types = serializers.ListField(
        child=serializers.ChoiceField(choices=SubjectType.choices), read_only=True
    )
    award_types = serializers.ListField(
        child=serializers.ChoiceField(choices=AwardType.choices), read_only=True
    )

    class Meta:
        model = AwardKind
        fields = [
            "id",
            "code",
            "name_vi",
            "name_en",
            "short_vi",
            "category",
            "level",
            "subject_types",
            "award_types",
            "is_annual",
            "class_rank",
            "legal_basis",
            "is_active",
        ]
        read_only_fields = fields


class DecisionRefSerializer(serializers.ModelSerializer[Decision]):
    """A decision mentioned inside an award."""

    number_label = serializers.CharField(read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "number", "symbol", "number_label", "year", "signed_on", "issuing_body"]
        read_only_fields = fields


class AwardSerializer(serializers.ModelSerializer[Award]):
    kind: serializers.SlugRelatedField[AwardKind] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    kind_name = serializers.CharField(source="kind.name_vi", read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    decision = DecisionRefSerializer(read_only=True)
    is_revoked = serializers.BooleanField(read_only=True)
    revoked_by = DecisionRefSerializer(read_only=True, allow_null=True)
    revocation_ground = blank_or_choice(Award, "revocation_ground")

    class Meta:
        model = Award
        fields = [
            "id",
            "kind",
            "kind_name",
            "person",
            "unit",
            "period",
            "period_label",
            "award_type",
            "decision",
            "is_revoked",
            "revoked_by",
            "revocation_ground",
            "revocation_reason",
            "needs_review",
            "note",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer[Decision]):
    number_label = serializers.CharField(read_only=True)
    issuing_unit = UnitRefSerializer(read_only=True, allow_null=True)
    decider_role = blank_or_choice(Decision, "decider_role")

    class Meta:
        model = Decision
        fields = [
            "id",
            "kind",
            "status",
            "number",
            "symbol",
            "number_label",
            "series",
            "number_entered",
            "year",
            "signed_on",
            "issuing_body",
            "issuing_unit",
            "signer_name",
            "signer_title",
            "decider_role",
            "subject",
            "revokes",
        ]
        read_only_fields = fields


class SignedScanSerializer(serializers.ModelSerializer[SignedScan]):
    """The current signed scan; the file itself is at `decisions/{id}/scan/`."""

    class Meta:
        model = SignedScan
        fields = ["original_name", "pages", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class DecisionDetailSerializer(DecisionSerializer):
    """A decision with the awards it made that the caller may see.

    The view passes the visible awards in the context (`awards`): a clerk reading a provincial
    decision sees the awards of their own unit's people, not the whole province's list.
    """

    awards = serializers.SerializerMethodField()
    signed_scan = serializers.SerializerMethodField()

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "legal_bases", "awards", "signed_scan"]
        read_only_fields = fields

    @extend_schema_field(SignedScanSerializer(allow_null=True))
    def get_signed_scan(self, decision: Decision) -> dict[str, Any] | None:
        scan = current_scan(decision)
        return dict(SignedScanSerializer(scan).data) if scan is not None else None

    @extend_schema_field(AwardSerializer(many=True))
    def get_awards(self, decision: Decision) -> list[dict[str, Any]]:
        awards: QuerySet[Award] = self.context["awards"].filter(decision=decision)
        return list(AwardSerializer(awards, many=True, context=self.context).data)
