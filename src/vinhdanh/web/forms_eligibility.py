from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vinhdanh.eligibility.rules import CANDIDATE_LIST_CAPABILITIES
from vinhdanh.nominations.models import Round
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


class CandidateUnitForm(forms.Form):
    """Go to another unit's candidate lists (a GET form; the picker offers the user's units)."""

    unit = UnitChoiceField(
        label=_("Candidate lists of the unit"),
        pick=UnitPick(capabilities=tuple(CANDIDATE_LIST_CAPABILITIES)),
    )
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user)


class BulkNominationForm(forms.Form):
    """Nominate the ticked people or collectives of a candidate list in one of the open rounds
    the user may nominate in. Only subjects of the list the user reaches can be ticked."""

    round = forms.ModelChoiceField(
        label=_("Round"), queryset=Round.objects.none(), empty_label=None
    )
    person = forms.ModelMultipleChoiceField(queryset=Person.objects.none(), required=False)
    unit = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), required=False)

    def __init__(
        self,
        *args: Any,
        rounds: list[Round],
        people: QuerySet[Person] | None = None,
        units: QuerySet[Unit] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.ModelChoiceField)
        round_field.queryset = Round.objects.filter(pk__in=[r.pk for r in rounds])
        out_of_list = _("Someone ticked (%(value)s) is not in this list, or not in your units.")
        for name, queryset in (("person", people), ("unit", units)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelMultipleChoiceField)
            if queryset is not None:
                field.queryset = queryset
            field.error_messages["invalid_choice"] = out_of_list
            field.error_messages["invalid_pk_value"] = out_of_list

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not data.get("person") and not data.get("unit"):
            raise forms.ValidationError(_("Tick at least one person or collective to nominate."))
        return data
