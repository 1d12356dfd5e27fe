"""Serializers of the councils and decisions API: output shapes and action inputs."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from vinhdanh.api.serializers.fields import blank_or_choice, register_number
from vinhdanh.awards.enums import DeciderRole, RevocationGround
from vinhdanh.awards.models import Decision, OutgoingDocument
from vinhdanh.common.dates import validate_past_date
from vinhdanh.councils.enums import Choice, VotingMethod
from vinhdanh.councils.models import Council, CouncilMember, CouncilSession

MAX_ID = 2**31 - 1


class CouncilMemberSerializer(serializers.ModelSerializer[CouncilMember]):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = CouncilMember
        fields = ["id", "user", "name", "role", "title", "valid_from", "valid_to"]
        read_only_fields = fields


class CouncilSerializer(serializers.ModelSerializer[Council]):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = Council
        fields = ["id", "name", "unit", "unit_name", "established_by", "valid_from", "valid_to"]
        read_only_fields = fields


class CouncilDetailSerializer(CouncilSerializer):
    members = serializers.SerializerMethodField()

    class Meta(CouncilSerializer.Meta):
        fields = [*CouncilSerializer.Meta.fields, "members"]
        read_only_fields = fields

    @extend_schema_field(CouncilMemberSerializer(many=True))
    def get_members(self, council: Council) -> list[dict[str, Any]]:
        members = council.members.select_related("person", "user").order_by("role", "id")
        return list(CouncilMemberSerializer(members, many=True).data)


class SessionSerializer(serializers.ModelSerializer[CouncilSession]):
    status = serializers.CharField(read_only=True, help_text="planned, open or closed")
    minutes_number = serializers.SerializerMethodField(
        help_text='Number and symbol of the minutes in the register ("03/BB-HĐTĐKT"), '
        "given when the session closed; null before."
    )

    class Meta:
        model = CouncilSession
        fields = [
            "id",
            "council",
            "title",
            "date",
            "place",
            "method",
            "status",
            "opened_at",
            "closed_at",
            "minutes_number",
        ]
        read_only_fields = fields

    def get_minutes_number(self, session: CouncilSession) -> str | None:
        try:
            entry = session.minutes_entry
        except OutgoingDocument.DoesNotExist:
            return None
        return entry.number_label


class CloseSessionInput(serializers.Serializer[dict[str, Any]]):
    number = register_number("the minutes")


class AgendaLineSerializer(serializers.Serializer[Any]):
    nomination = serializers.IntegerField(source="nomination_id")
    position = serializers.IntegerField()
    subject = serializers.CharField(source="nomination.subject_name")
    award_kind = serializers.CharField(source="nomination.kind.code")
    method = serializers.CharField()
    members_voted = serializers.IntegerField()


class RecusalLineSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(allow_null=True)
    member = serializers.IntegerField()
    nomination = serializers.IntegerField()
    reason = serializers.CharField()
    automatic = serializers.BooleanField()


class SessionDetailSerializer(SessionSerializer):
    """A session as a member or officer sees it: never anyone's choice, only who voted."""

    agenda = serializers.SerializerMethodField()
    present = serializers.SerializerMethodField()
    recusals = serializers.SerializerMethodField()
    my_votes = serializers.SerializerMethodField()

    class Meta(SessionSerializer.Meta):
        fields = [*SessionSerializer.Meta.fields, "agenda", "present", "recusals", "my_votes"]
        read_only_fields = fields

    def _view(self) -> Any:
        return self.context["view_data"]

    @extend_schema_field(AgendaLineSerializer(many=True))
    def get_agenda(self, session: CouncilSession) -> list[dict[str, Any]]:
        view = self._view()
        rows = [
            {
                "nomination_id": item.nomination_id,
                "position": item.position,
                "nomination": item.nomination,
                "method": item.method,
                "members_voted": view.cast_counts.get(item.nomination_id, 0),
            }
            for item in view.items
        ]
        return list(AgendaLineSerializer(rows, many=True).data)

    def get_present(self, session: CouncilSession) -> list[int]:
        return sorted(self._view().present_ids)

    @extend_schema_field(RecusalLineSerializer(many=True))
    def get_recusals(self, session: CouncilSession) -> list[dict[str, Any]]:
        rows = [
            {
                "id": line.recusal.pk if line.recusal else None,
                "member": line.member.pk,
                "nomination": line.nomination_id,
                "reason": line.reason,
                "automatic": line.automatic,
            }
            for line in self._view().recusals
        ]
        return list(RecusalLineSerializer(rows, many=True).data)

    def get_my_votes(self, session: CouncilSession) -> list[int]:
        return sorted(self._view().voted_ids)


class VoteResultSerializer(serializers.Serializer[Any]):
    nomination = serializers.IntegerField(source="nomination_id")
    method = serializers.CharField()
    passed = serializers.BooleanField()
    outcome = serializers.CharField()
    for_votes = serializers.IntegerField()
    against_votes = serializers.IntegerField()
    abstain_votes = serializers.IntegerField()
    written_votes = serializers.IntegerField()
    total_members = serializers.IntegerField()
    present_members = serializers.IntegerField()
    recused_members = serializers.IntegerField()
    eligible_voters = serializers.IntegerField()
    denominator = serializers.IntegerField()
    denominator_type = serializers.CharField()
    threshold = serializers.SerializerMethodField()
    inclusive = serializers.BooleanField()
    quorum_met = serializers.BooleanField()
    ratio = serializers.CharField(source="ratio_percent")
    explanation = serializers.CharField()

    def get_threshold(self, result: Any) -> str:
        return f"{result.threshold.numerator}/{result.threshold.denominator}"


class ThresholdSerializer(serializers.Serializer[Any]):
    """A vote rule in force (the engine's `vote_rules` parameter, R-VOTE-1/2)."""

    award_code = serializers.CharField(source="code")
    threshold = serializers.SerializerMethodField()
    inclusive = serializers.BooleanField()
    denominator_type = serializers.CharField(source="denominator")
    quorum = serializers.SerializerMethodField()
    method = serializers.ChoiceField(
        choices=VotingMethod.choices,
        allow_blank=True,
        read_only=True,
        help_text=_("Empty: the session's method."),
    )
    rule_id = serializers.CharField(source="rule")
    citation = serializers.CharField(source="cite")

    def get_threshold(self, rule: Any) -> str:
        return f"{rule.threshold.numerator}/{rule.threshold.denominator}"

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_quorum(self, rule: Any) -> str | None:
        return None if rule.quorum is None else f"{rule.quorum.numerator}/{rule.quorum.denominator}"


# --- inputs --------------------------------------------------------------------------------


class SessionCreateInput(serializers.Serializer[dict[str, Any]]):
    title = serializers.CharField(max_length=255)
    date = serializers.DateField()
    place = serializers.CharField(max_length=255, required=False, default="", allow_blank=True)
    method = serializers.ChoiceField(
        choices=VotingMethod.choices, default=VotingMethod.SECRET_BALLOT
    )


class AgendaInput(serializers.Serializer[dict[str, Any]]):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=1000,
    )
    rounds = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        max_length=100,
    )


class AttendanceInput(serializers.Serializer[dict[str, Any]]):
    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), max_length=500
    )


class RecusalInput(serializers.Serializer[dict[str, Any]]):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    nomination = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    reason = serializers.CharField(max_length=500)


class ChoiceInput(serializers.Serializer[dict[str, Any]]):
    nomination = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    choice = serializers.ChoiceField(choices=Choice.choices)


class BallotInput(serializers.Serializer[dict[str, Any]]):
    choices = serializers.ListField(child=ChoiceInput(), min_length=1, max_length=1000)

    def validate_choices(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [c["nomination"] for c in value]
        if len(set(ids)) != len(ids):
            raise serializers.ValidationError(_("A nomination has more than one choice."))
        return value


class WrittenVoteInput(BallotInput):
    member = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class HandCountInput(serializers.Serializer[dict[str, Any]]):
    nomination = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    for_votes = serializers.IntegerField(min_value=0, max_value=10_000)
    against_votes = serializers.IntegerField(min_value=0, max_value=10_000)
    abstain_votes = serializers.IntegerField(min_value=0, max_value=10_000)


class DecisionHeaderInput(serializers.Serializer[dict[str, Any]]):
    issuing_unit = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    issuing_body = serializers.CharField(max_length=255)
    symbol = serializers.CharField(max_length=40)
    signed_on = serializers.DateField(validators=[validate_past_date])
    signer_name = serializers.CharField(max_length=120)
    signer_title = serializers.CharField(
        max_length=120, required=False, default="", allow_blank=True
    )
    decider_role = serializers.ChoiceField(choices=DeciderRole.choices)
    subject = serializers.CharField(max_length=500, required=False, default="", allow_blank=True)
    legal_bases = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True
    )


class IssueDecisionInput(DecisionHeaderInput):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )
    notice_override_reason = serializers.CharField(
        max_length=2000,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the decision is issued before a nominee's public notice has closed "
        "(refused without it while a notice is open); recorded in the audit log.",
    )
    number = register_number("the decision")


class RevokeInput(DecisionHeaderInput):
    awards = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), min_length=1, max_length=1000
    )
    revocation_ground = serializers.ChoiceField(
        choices=RevocationGround.choices, help_text="Law 06/2022 Art. 93(2) a–d"
    )
    reason = serializers.CharField(max_length=500)


class IssuedDecisionSerializer(serializers.ModelSerializer[Decision]):
    number_label = serializers.CharField(read_only=True)
    awards = serializers.SerializerMethodField()
    revoked_awards = serializers.SerializerMethodField()
    decider_role = blank_or_choice(Decision, "decider_role")

    class Meta:
        model = Decision
        fields = [
            "id",
            "kind",
            "number",
            "symbol",
            "number_label",
            "series",
            "number_entered",
            "year",
            "issuing_body",
            "signed_on",
            "signer_name",
            "signer_title",
            "decider_role",
            "subject",
            "revokes",
            "awards",
            "revoked_awards",
        ]
        read_only_fields = fields

    def get_awards(self, decision: Decision) -> list[int]:
        return list(decision.awards.order_by("id").values_list("id", flat=True))

    def get_revoked_awards(self, decision: Decision) -> list[int]:
        return list(decision.revoked_awards.order_by("id").values_list("id", flat=True))
