"""Forms of the nomination workflow. They collect input; the domain functions decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.enums import AwardType, DeciderRole
from vinhdanh.awards.interfaces.fields import register_number_field
from vinhdanh.awards.models import AwardKind
from vinhdanh.common.versioning import VersionField
from vinhdanh.common.widgets import DateField, FileInput
from vinhdanh.movements.domain.queries.movements import visible_movements
from vinhdanh.movements.interfaces.forms import active_kinds
from vinhdanh.movements.models import Movement
from vinhdanh.nominations.enums import FINAL_TARGETS, AttachmentKind, NominationState
from vinhdanh.nominations.models import Round
from vinhdanh.nominations.rules import OWN_UNIT_ONLY
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

TEXTAREA = forms.Textarea(attrs={"rows": 3})
ROUND_MANAGERS = (Capability.CLERK, Capability.HEAD, Capability.OFFICE)


class RoundForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    owning_unit = UnitChoiceField(
        label=_("Nominating unit"),
        # a head opens rounds for their own unit only (rules.may_launch_rounds)
        pick=UnitPick(capabilities=tuple(ROUND_MANAGERS), own=tuple(OWN_UNIT_ONLY)),
    )
    decider_unit = UnitChoiceField(
        label=_("Deciding unit"),
        pick=UnitPick(capabilities=tuple(ROUND_MANAGERS), above=True),
        help_text=_("The nominating unit itself, or a unit above it."),
    )
    decider_role = forms.ChoiceField(
        label=_("Authority that decides"),
        choices=[("", "—"), *DeciderRole.choices],
        required=False,
        help_text=_("The nomination form then offers only the titles this authority may award."),
    )
    year = forms.IntegerField(label=_("Achievement year"), min_value=1990, max_value=2100)
    period_label = forms.CharField(label=_("Achievement period"), max_length=60, required=False)
    award_type = forms.ChoiceField(
        label=_("Award type"), choices=[("", "—"), *AwardType.choices], required=False
    )
    movement = forms.ModelChoiceField(
        label=_("Movement (thematic round)"), queryset=Movement.objects.none(), required=False
    )
    submission_deadline = DateField(label=_("Submission deadline"), required=False)
    appraisal_deadline = DateField(label=_("Appraisal deadline"), required=False)
    planned_decision_date = DateField(label=_("Planned decision date"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("owning_unit", "decider_unit"):
            unit_field = self.fields[name]
            assert isinstance(unit_field, UnitChoiceField)
            unit_field.bind(user)
        self.fields["movement"].queryset = visible_movements(user)  # type: ignore[attr-defined]


class NominationForm(forms.Form):
    """A person is picked by name (the search field below finds them, without diacritics);
    the titles offered are those the round's decider may award (nominations.domain.rounds)."""

    kind = forms.ModelChoiceField(label=_("Award kind"), queryset=AwardKind.objects.none())
    person_q = forms.CharField(
        label=_("Find the person by name"),
        required=False,
        max_length=120,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Person.objects.none(),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Choose a person of the nominating unit.")},
    )
    unit = UnitChoiceField(label=_("Collective"), pick=UnitPick(collective=True), required=False)
    award_type = forms.ChoiceField(
        label=_("Award type"), choices=[("", "—"), *AwardType.choices], required=False
    )
    period = forms.IntegerField(
        label=_("Achievement year"), min_value=1990, max_value=2100, required=False
    )
    period_label = forms.CharField(label=_("Achievement period"), max_length=60, required=False)
    achievement_summary = forms.CharField(
        label=_("Summary of achievements"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        from vinhdanh.nominations.domain.offers import offered_kinds

        super().__init__(*args, **kwargs)
        offered = [k.pk for k in offered_kinds(round, active_kinds())]
        self.fields["kind"].queryset = active_kinds().filter(pk__in=offered)  # type: ignore[attr-defined]
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            current_unit__path__startswith=round.owning_unit.path
        ).select_related("current_unit")
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        # The collectives of the nominating unit's subtree, valid today, by their path.
        unit_field.bind(
            None,
            within=Unit.objects.filter(path__startswith=round.owning_unit.path, is_collective=True),
        )
        self.fields["period"].initial = round.year

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "person" in self.errors:
            return data
        if bool(data.get("person")) == bool(data.get("unit")):
            raise forms.ValidationError(
                _("Choose either a person (search by name and tick one) or a collective.")
            )
        return data


class NominationEditForm(forms.Form):
    version = VersionField()
    award_type = forms.ChoiceField(label=_("Award type"), choices=AwardType.choices)
    period = forms.IntegerField(label=_("Achievement year"), min_value=1990, max_value=2100)
    period_label = forms.CharField(label=_("Achievement period"), max_length=60, required=False)
    achievement_summary = forms.CharField(
        label=_("Summary of achievements"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=NominationState.choices, widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000, widget=TEXTAREA)
    override_reason = forms.CharField(
        label=_("Reason for going forward although not found eligible"),
        required=False,
        max_length=2000,
        widget=TEXTAREA,
    )
    confirm = forms.BooleanField(required=False)
    # Proposing sends the submission up: its number (TTr) from the register.
    number = register_number_field()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("to") in FINAL_TARGETS and not data.get("confirm"):
            raise forms.ValidationError(
                _("Tick the box to confirm: a withdrawn or rejected nomination cannot be reopened.")
            )
        return data


class RoundEditForm(forms.Form):
    version = VersionField()
    name = forms.CharField(label=_("Name"), max_length=255)
    decider_role = forms.ChoiceField(
        label=_("Authority that decides"),
        choices=[("", "—"), *DeciderRole.choices],
        required=False,
        help_text=_("The nomination form then offers only the titles this authority may award."),
    )
    period_label = forms.CharField(label=_("Achievement period"), max_length=60, required=False)
    submission_deadline = DateField(label=_("Submission deadline"), required=False)
    appraisal_deadline = DateField(label=_("Appraisal deadline"), required=False)
    planned_decision_date = DateField(label=_("Planned decision date"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXTAREA)


class ConfirmReasonForm(forms.Form):
    """An irreversible step: a reason, and a box ticked to say the consequences were read."""

    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=TEXTAREA)
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))


BULK_TARGETS = (
    (NominationState.SUBMITTED, _("Submit all drafts")),
    (NominationState.APPRAISED, _("Appraise all submitted")),
    (NominationState.VOTED, _("Mark all that passed the council vote")),
    (NominationState.PROPOSED, _("Propose all voted")),
)


class BulkForm(forms.Form):
    to = forms.ChoiceField(choices=BULK_TARGETS, widget=forms.HiddenInput)
    # Proposing sends the submission up: its number (TTr) from the register.
    number = register_number_field()


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=AttachmentKind.choices)
    description = forms.CharField(label=_("Description"), max_length=255, required=False)
    file = forms.FileField(
        label=_("File"),
        widget=FileInput,
        help_text=_("PDF, Word (.docx), Excel (.xlsx), JPEG or PNG."),
    )


class NoticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    starts_on = DateField(label=_("Posted from"))
    working_days = forms.IntegerField(
        label=_("Working days"),
        min_value=1,
        max_value=60,
        required=False,
        help_text=_("Empty: the period the award kinds require."),
    )
    number = register_number_field()


class PublicCommentForm(forms.Form):
    nomination = forms.TypedChoiceField(
        label=_("About"), coerce=int, required=False, empty_value=None
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=120, required=False)
    content = forms.CharField(
        label=_("Your opinion"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )
    # A field people do not see: a robot that fills it in is ignored.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, nominees: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole list")),
            *nominees,
        ]
