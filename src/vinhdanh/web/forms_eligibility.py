from __future__ import annotations

import json
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vinhdanh.eligibility.core.parameters import OVERLAY_KEYS
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.orgs.models import Unit


class ParameterForm(forms.Form):
    key = forms.ChoiceField(label=_("Parameter"), choices=[(k, k) for k in OVERLAY_KEYS])
    value = forms.CharField(
        label=_("Value"),
        help_text=_('A number such as 0.15, true/false, or JSON such as {"CSTDCS": 5}.'),
    )
    unit = UnitChoiceField(
        label=_("Jurisdiction"),
        pick=UnitPick(levels=("province", "department")),
        required=False,
        empty_label=_("Everyone (national default)"),
    )
    valid_from = forms.DateField(label=_("In force from"), input_formats=["%d/%m/%Y", "%Y-%m-%d"])
    valid_to = forms.DateField(
        label=_("In force until"), required=False, input_formats=["%d/%m/%Y", "%Y-%m-%d"]
    )
    legal_basis = forms.CharField(label=_("Legal basis"), required=False, max_length=255)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user, within=units.filter(level__in=["province", "department"]))  # type: ignore[arg-type]

    def clean_value(self) -> Any:
        raw = self.cleaned_data["value"].strip()
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw  # a bare string such as "overlap" or "2/3"


# Who may read a unit's candidate lists (the same as `may_list_candidates`).
CANDIDATE_LIST_CAPABILITIES = (
    Capability.CLERK,
    Capability.OFFICE,
    Capability.HEAD,
    Capability.COUNCIL,
    Capability.DECIDER,
    Capability.ADMIN,
)


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
