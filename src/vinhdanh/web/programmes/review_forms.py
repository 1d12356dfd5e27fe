"""Forms of the review and dashboard pages: the period range and kind, the thematic round."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.widgets import DateField
from vinhdanh.programmes.enums import MilestoneKind
from vinhdanh.web.programmes.forms import RangeForm


class ReviewForm(RangeForm):
    """The period range and kind of a review (sơ kết or tổng kết)."""

    kind = forms.ChoiceField(label=_("Review"), choices=MilestoneKind.choices, required=False)


class ThematicRoundForm(forms.Form):
    """Opening the thematic round of a review: its name and dates."""

    name = forms.CharField(label=_("Name of the round"), max_length=255)
    submission_deadline = DateField(label=_("Proposals due by"), required=False)
    planned_decision_date = DateField(label=_("Planned decision date"), required=False)
    open_another = forms.BooleanField(
        label=_("Open another round anyway"),
        required=False,
        help_text=_("Only when a round of the programme is already open and this one is apart."),
    )


class DashboardUnitForm(forms.Form):
    """Which unit's dashboard (the units of the programme's tree the user may see)."""

    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int, required=False)

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = choices  # type: ignore[attr-defined]
