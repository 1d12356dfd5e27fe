"""Forms of the council and decision pages: they parse input; the domain decides."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vinhdanh.awards.enums import DeciderRole, RevocationGround
from vinhdanh.awards.interfaces.fields import register_number_field
from vinhdanh.awards.models import Award, AwardKind
from vinhdanh.common.dates import validate_past_date
from vinhdanh.common.widgets import DateField
from vinhdanh.councils.enums import Choice, CouncilRole, DenominatorType, VotingMethod
from vinhdanh.councils.models import AgendaItem, CouncilMember
from vinhdanh.eligibility.core import VoteRule
from vinhdanh.eligibility.core.parameters import GENERAL
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.orgs.models import Unit
from vinhdanh.people.names import user_display_name


class NominationChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Nomination) -> str:
        return (
            f"{obj.subject_name} — {obj.kind.name} ({obj.period_label or obj.period}), {obj.round}"
        )


class MemberChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: CouncilMember) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class MemberChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: CouncilMember) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class CouncilForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), pick=UnitPick(capabilities=(Capability.OFFICE,)))
    name = forms.CharField(label=_("Name"), max_length=255)
    established_by = forms.CharField(
        label=_("Established by decision"), max_length=255, required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user, within=units)  # type: ignore[arg-type]


class UserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Users by the names of the people they are, never by their login names."""

    def label_from_instance(self, obj: Any) -> str:
        return user_display_name(obj)


class MemberForm(forms.Form):
    user = UserChoice(queryset=get_user_model().objects.none(), label=_("Person"))
    role = forms.ChoiceField(choices=CouncilRole.choices, label=_("Role in the council"))
    title = forms.CharField(
        label=pgettext_lazy("job title", "Title"), max_length=160, required=False
    )
    valid_from = DateField(label=_("Valid from"), required=False)
    valid_to = DateField(label=_("Valid until"), required=False)

    def __init__(self, *args: Any, users: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class EndMembershipForm(forms.Form):
    last_day = DateField(label=_("Last day of the membership"), initial=dt.date.today)


class QuorumForm(forms.Form):
    numerator = forms.IntegerField(label=_("Numerator"), min_value=1, initial=2)
    denominator = forms.IntegerField(label=_("Denominator"), min_value=1, initial=3)
    valid_from = DateField(label=_("Effective from"))


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    date = DateField(label=_("Date"), initial=dt.date.today)
    place = forms.CharField(label=_("Place"), max_length=255, required=False)
    method = forms.ChoiceField(
        label=_("Voting method"), choices=VotingMethod.choices, initial=VotingMethod.SECRET_BALLOT
    )


class CloseSessionForm(forms.Form):
    confirm = forms.BooleanField(
        label=_(
            "I understand that closing counts the votes and locks every ballot and the "
            "attendance: it cannot be undone."
        )
    )
    number = register_number_field()


class AgendaForm(forms.Form):
    nominations = NominationChoices(
        queryset=Nomination.objects.none(), label=_("Appraised nominations"), required=False
    )
    rounds = forms.ModelMultipleChoiceField(
        queryset=Round.objects.none(),
        label=_("Every appraised nomination of the rounds"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, nominations: QuerySet[Nomination], rounds: QuerySet[Round], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations  # type: ignore[attr-defined]
        self.fields["rounds"].queryset = rounds  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    present = MemberChoices(
        queryset=CouncilMember.objects.none(), label=_("Present"), required=False
    )

    def __init__(self, *args: Any, members: Iterable[CouncilMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [m.pk for m in members]
        self.fields["present"].queryset = CouncilMember.objects.filter(pk__in=ids).select_related(  # type: ignore[attr-defined]
            "person", "user"
        )


class RecusalForm(forms.Form):
    member = MemberChoice(queryset=CouncilMember.objects.none(), label=_("Member"))
    nomination = forms.ModelChoiceField(queryset=Nomination.objects.none(), label=_("Nomination"))
    reason = forms.CharField(
        label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        members: Iterable[CouncilMember],
        items: Iterable[AgendaItem],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = CouncilMember.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in members]
        ).select_related("person", "user")
        self.fields["nomination"].queryset = Nomination.objects.filter(  # type: ignore[attr-defined]
            pk__in=[i.nomination_id for i in items]
        ).select_related("kind", "person", "unit")


BALLOT_CHOICES = [("", _("— not now —")), *Choice.choices]


class BallotForm(forms.Form):
    """One field per nomination: for / against / abstain. Carries no voter field."""

    def __init__(
        self, *args: Any, items: Iterable[AgendaItem], required: bool = False, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for item in items:
            nomination = item.nomination
            self.fields[f"n{nomination.pk}"] = forms.ChoiceField(
                label=f"{nomination.subject_name} — {nomination.kind.name} ({nomination.period})",
                choices=BALLOT_CHOICES,
                required=False,
                widget=forms.RadioSelect,
                initial="",
            )

    def choices(self) -> dict[int, str]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("n") and value
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(v for k, v in data.items() if k.startswith("n")):
            raise forms.ValidationError(_("Mark at least one nomination."))
        return data


class WrittenVoteForm(BallotForm):
    member = MemberChoice(queryset=CouncilMember.objects.none(), label=_("Absent member"))

    def __init__(self, *args: Any, absent: Iterable[CouncilMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = CouncilMember.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in absent]
        ).select_related("person", "user")
        self.order_fields(["member"])


class HandCountForm(forms.Form):
    nomination = forms.IntegerField(widget=forms.HiddenInput)
    for_votes = forms.IntegerField(label=_("For"), min_value=0)
    against_votes = forms.IntegerField(label=_("Against"), min_value=0)
    abstain_votes = forms.IntegerField(label=_("Abstain"), min_value=0)


class ThresholdForm(forms.Form):
    """One vote rule (R-VOTE-1/2) of a jurisdiction, in force from a date."""

    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Jurisdiction"),
        required=False,
        empty_label=_("Every jurisdiction"),
    )
    award_code = forms.ChoiceField(label=_("Award code"))
    numerator = forms.IntegerField(label=_("Threshold numerator"), min_value=0)
    denominator = forms.IntegerField(label=_("Threshold denominator"), min_value=1)
    inclusive = forms.BooleanField(
        label=_("Inclusive (at least)"),
        required=False,
        initial=True,
        help_text=_("Off: the ratio must be strictly greater (e.g. more than half)."),
    )
    denominator_type = forms.ChoiceField(label=_("Counted over"), choices=DenominatorType.choices)
    quorum_numerator = forms.IntegerField(label=_("Quorum numerator"), min_value=0, required=False)
    quorum_denominator = forms.IntegerField(
        label=_("Quorum denominator"), min_value=1, required=False
    )
    method = forms.ChoiceField(
        label=_("Voting method"),
        choices=[("", _("The session's method")), *VotingMethod.choices],
        required=False,
    )
    valid_from = DateField(label=_("In force from"))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=255, required=False)

    def __init__(
        self, *args: Any, units: QuerySet[Unit], every: bool, codes: list[str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        unit_field.queryset = units  # type: ignore[attr-defined]
        unit_field.required = not every
        # Stored as codes; chosen by name.
        names = {k.code: k.name for k in AwardKind.objects.filter(code__in=codes)}
        self.fields["award_code"].choices = [  # type: ignore[attr-defined]
            (GENERAL, _("Every award code without its own rule (*)")),
            *((c, names.get(c, c)) for c in codes),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        num, den = data.get("numerator"), data.get("denominator")
        if num is not None and den is not None and num > den:
            self.add_error("numerator", _("A threshold cannot exceed 100%."))
        q_num, q_den = data.get("quorum_numerator"), data.get("quorum_denominator")
        if (q_num is None) != (q_den is None):
            self.add_error("quorum_denominator", _("Give both parts of the quorum, or neither."))
        elif q_num is not None and q_den is not None and q_num > q_den:
            self.add_error("quorum_numerator", _("A quorum cannot exceed 100%."))
        return data

    def rule(self) -> VoteRule:
        data = self.cleaned_data
        quorum = (
            Fraction(data["quorum_numerator"], data["quorum_denominator"])
            if data.get("quorum_numerator") is not None
            else None
        )
        return VoteRule(
            code=data["award_code"],
            threshold=Fraction(data["numerator"], data["denominator"]),
            denominator=(
                "total_members"
                if data["denominator_type"] == DenominatorType.TOTAL_MEMBERS
                else "present_members"
            ),
            quorum=quorum,
            inclusive=bool(data["inclusive"]),
            method=(
                "secret_ballot"
                if data["method"] == VotingMethod.SECRET_BALLOT
                else "show_of_hands"
                if data["method"] == VotingMethod.SHOW_OF_HANDS
                else ""
            ),
        )


class DecisionHeaderForm(forms.Form):
    issuing_unit = UnitChoiceField(
        label=_("Issuing unit"), pick=UnitPick(capabilities=(Capability.DECIDER,))
    )
    issuing_body = forms.CharField(label=_("Issuing body"), max_length=255)
    symbol = forms.CharField(label=_("Symbol"), max_length=40, initial="QĐ-UBND")
    signed_on = DateField(
        label=_("Date signed"), initial=dt.date.today, validators=[validate_past_date]
    )
    signer_name = forms.CharField(label=_("Signed by"), max_length=120)
    signer_title = forms.CharField(label=_("Signer's title"), max_length=120, required=False)
    # Blank first: an authority nobody chose must not silently be the first one (the President).
    decider_role = forms.ChoiceField(
        label=_("Authority"), choices=[("", _("— choose the authority —")), *DeciderRole.choices]
    )
    subject = forms.CharField(label=_("On the matter of"), max_length=500, required=False)
    legal_bases = forms.CharField(
        label=_("Legal bases"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["issuing_unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user, within=units)  # type: ignore[arg-type]


class IssueDecisionForm(DecisionHeaderForm):
    nominations = NominationChoices(queryset=Nomination.objects.none(), label=_("Nominations"))
    number = register_number_field()
    notice_override_reason = forms.CharField(
        label=_("Reason for deciding before the public notice closes"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only if a nominee's public notice is still open; the reason is recorded."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that an issued decision cannot be changed or deleted: "
            "it can only be revoked by a new decision."
        )
    )

    def __init__(
        self,
        *args: Any,
        nominations: QuerySet[Nomination],
        notice_open: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nominations"].queryset = nominations  # type: ignore[attr-defined]
        if not notice_open:
            del self.fields["notice_override_reason"]


class AwardChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Award) -> str:
        subject = obj.person.full_name if obj.person else (obj.unit.name if obj.unit else "")
        return f"{subject} — {obj.kind.name} ({obj.period or obj.period_label})"


class RevokeForm(DecisionHeaderForm):
    awards = AwardChoices(queryset=Award.objects.none(), label=_("Awards to revoke"))
    ground = forms.ChoiceField(
        label=_("Legal ground (Law 06/2022 Art. 93(2))"), choices=RevocationGround.choices
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )
    confirm = forms.BooleanField(
        label=_("I understand that a revocation decision cannot be changed or deleted once issued.")
    )

    def __init__(self, *args: Any, awards: QuerySet[Award], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["awards"].queryset = awards  # type: ignore[attr-defined]
        self.fields["symbol"].initial = "QĐ-UBND"
        self.order_fields(["awards", "ground", "reason"])
