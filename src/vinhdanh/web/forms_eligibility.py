from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField

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
