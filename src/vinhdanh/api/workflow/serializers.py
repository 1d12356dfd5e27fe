"""Serializers of the workflow API: output shapes, and input serializers for the actions."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vinhdanh.api.serializers.fields import blank_or_choice, register_number
from vinhdanh.awards.enums import AwardType
from vinhdanh.common.models import Notification
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, NominationEvent, Round


class RoundSerializer(serializers.ModelSerializer[Round]):
    owning_unit_name = serializers.CharField(source="owning_unit.name", read_only=True)
    decider_unit_name = serializers.CharField(source="decider_unit.name", read_only=True)
    decider_role = blank_or_choice(Round, "decider_role")

    class Meta:
        model = Round
        fields = [
            "id",
            "name",
            "owning_unit",
            "owning_unit_name",
            "decider_unit",
            "decider_unit_name",
            "decider_role",
            "year",
            "period_label",
            "award_type",
            "movement",
            "submission_deadline",
            "appraisal_deadline",
            "planned_decision_date",
            "quota_override_reason",
        ]
        read_only_fields = fields


class EligibilityCheckSerializer(serializers.Serializer[dict[str, Any]]):
    rule = serializers.CharField()
    ok = serializers.BooleanField(allow_null=True)
    cite = serializers.CharField(allow_blank=True)
    message = serializers.CharField(allow_blank=True)


class NominationOverrideSerializer(serializers.Serializer[Nomination]):
    reason = serializers.CharField(source="override_reason")
    outcome = serializers.CharField(source="override_outcome")
    by = serializers.CharField(source="override_by.username", default="")
    at = serializers.DateTimeField(source="override_at")


class NominationSerializer(serializers.ModelSerializer[Nomination]):
    kind: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    subject_name = serializers.CharField(read_only=True)
    override = serializers.SerializerMethodField()
    eligibility_outcome = blank_or_choice(Nomination, "eligibility_outcome")

    class Meta:
        model = Nomination
        fields = [
            "id",
            "round",
            "person",
            "unit",
            "subject_name",
            "kind",
            "award_type",
            "period",
            "period_label",
            "state",
            "state_changed_at",
            "eligibility_outcome",
            "override",
            "decision",
            "award",
            "needs_review",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(NominationOverrideSerializer(allow_null=True))
    def get_override(self, obj: Nomination) -> dict[str, Any] | None:
        if not obj.has_override:
            return None
        return dict(NominationOverrideSerializer(obj).data)


class AllowedTransitionSerializer(serializers.Serializer[dict[str, Any]]):
    to = serializers.CharField()
    reason_required = serializers.BooleanField()


class NominationEventSerializer(serializers.ModelSerializer[NominationEvent]):
    from_state = blank_or_choice(NominationEvent, "from_state")

    class Meta:
        model = NominationEvent
        fields = ["from_state", "to_state", "actor_name", "reason", "time", "request_id"]
        read_only_fields = fields


class NominationDetailSerializer(NominationSerializer):
    eligibility_checks = EligibilityCheckSerializer(many=True, read_only=True)
    events = NominationEventSerializer(many=True, read_only=True)
    allowed_transitions = serializers.SerializerMethodField()

    class Meta(NominationSerializer.Meta):
        fields = [
            *NominationSerializer.Meta.fields,
            "achievement_summary",
            "eligibility_checks",
            "events",
            "allowed_transitions",
        ]
        read_only_fields = fields

    @extend_schema_field(AllowedTransitionSerializer(many=True))
    def get_allowed_transitions(self, obj: Nomination) -> list[dict[str, Any]]:
        from vinhdanh.nominations.domain.workflow import allowed_transitions

        request = self.context.get("request")
        user = getattr(request, "user", None)
        return [
            {"to": t.target, "reason_required": t.reason_required}
            for t in allowed_transitions(obj, user)
        ]


class NominationEditInputSerializer(serializers.Serializer[dict[str, Any]]):
    """An edit of a draft or returned dossier; send only what changes, with the version read
    (here, or as `If-Match` with the ETag of the detail)."""

    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="The `version` of the nomination as read; a newer saved version answers 409.",
    )
    award_type = serializers.ChoiceField(choices=AwardType.choices, required=False)
    period = serializers.IntegerField(min_value=1990, max_value=2100, required=False)
    period_label = serializers.CharField(max_length=60, required=False, allow_blank=True)
    achievement_summary = serializers.CharField(
        max_length=20000, required=False, allow_blank=True, trim_whitespace=False
    )


class StaleChangeSerializer(serializers.Serializer[dict[str, Any]]):
    field = serializers.CharField()
    yours = serializers.CharField()
    current = serializers.CharField()


class StaleEditSerializer(serializers.Serializer[dict[str, Any]]):
    """A refused stale edit: what differs, and the version to send to save anyway."""

    detail = serializers.CharField()
    code = serializers.CharField()
    version = serializers.IntegerField()
    changes = StaleChangeSerializer(many=True)


class TransitionInputSerializer(serializers.Serializer[dict[str, Any]]):
    to = serializers.ChoiceField(choices=NominationState.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    override_reason = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=2000
    )
    number = register_number("the submission (tờ trình) a proposal sends up; proposing only")


class BulkTransitionInputSerializer(serializers.Serializer[dict[str, Any]]):
    to = serializers.ChoiceField(
        choices=[
            NominationState.SUBMITTED,
            NominationState.APPRAISED,
            NominationState.VOTED,
            NominationState.PROPOSED,
        ]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
    number = register_number("the submission (tờ trình) a proposal sends up; proposing only")


class BulkFailureSerializer(serializers.Serializer[dict[str, Any]]):
    nomination = serializers.IntegerField()
    detail = serializers.CharField()


class BulkResultSerializer(serializers.Serializer[dict[str, Any]]):
    done = serializers.ListField(child=serializers.IntegerField())
    failed = BulkFailureSerializer(many=True)
    submission = serializers.CharField(
        allow_null=True,
        help_text='Number and symbol of the submission a proposal sent up ("12/TTr-UBND"); '
        "null for the other steps.",
    )


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "nomination", "verb", "message", "url", "created_at", "read_at"]
        read_only_fields = fields


class BulkNominateInputSerializer(serializers.Serializer[dict[str, Any]]):
    """Nominate several people or collectives for one title in one step, all or none."""

    kind = serializers.CharField(help_text="the code of the title or form, e.g. LDTT, TTLDTT")
    people = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
    units = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs["people"] and not attrs["units"]:
            raise serializers.ValidationError("give at least one person or unit")
        return attrs


class BulkNominateResultSerializer(serializers.Serializer[dict[str, Any]]):
    created = serializers.ListField(child=serializers.IntegerField())
