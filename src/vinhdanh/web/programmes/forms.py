"""Forms of the programme pages: typed inputs per indicator, activities, reasons."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from vinhdanh.common.versioning import VersionField
from vinhdanh.common.widgets import DateField
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.programmes.domain.committees import MemberSpec
from vinhdanh.programmes.enums import (
    Aggregation,
    CommitteeDecisionKind,
    CommitteeRole,
    IndicatorSource,
    PeriodKind,
    ValueType,
)
from vinhdanh.programmes.models import ActivityKind, Indicator


def _number_errors(indicator: Indicator) -> dict[str, Any]:
    return {
        "invalid": _("%(indicator)s: enter a whole number.") % {"indicator": indicator.name}
        if indicator.value_type == ValueType.INTEGER
        else _("%(indicator)s: enter a number.") % {"indicator": indicator.name},
        "min_value": _("%(indicator)s cannot be negative.") % {"indicator": indicator.name},
        "max_value": _("%(indicator)s is a percentage: between 0 and 100.")
        % {"indicator": indicator.name},
    }


def indicator_field(indicator: Indicator) -> forms.Field:
    """The input that fits the indicator's value type (nothing typed: left empty)."""
    label = f"{indicator.name} ({indicator.measure})" if indicator.measure else indicator.name
    common: dict[str, Any] = {"label": label, "required": False}
    if indicator.value_type == ValueType.YES_NO:
        return forms.ChoiceField(
            choices=[("", "—"), ("1", _("Yes")), ("0", _("No"))],
            widget=forms.RadioSelect,
            **common,
        )
    errors = _number_errors(indicator)
    if indicator.value_type == ValueType.INTEGER:
        return forms.IntegerField(min_value=0, error_messages=errors, **common)
    max_value = Decimal(100) if indicator.value_type == ValueType.PERCENTAGE else None
    return forms.DecimalField(
        min_value=Decimal(0),
        max_value=max_value,
        max_digits=17,
        decimal_places=4,
        localize=True,
        error_messages={**errors, "max_digits": errors["invalid"]},
        **common,
    )


class ReportForm(forms.Form):
    """One field per indicator (named by its code), the narrative, and the version read
    (0 before the first save)."""

    version = VersionField(min_value=0)

    narrative = forms.CharField(
        label=_("Narrative"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What was done, what stands in the way, what comes next."),
    )

    def __init__(self, *args: Any, indicators: list[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        narrative = self.fields.pop("narrative")
        for indicator in indicators:
            self.fields[f"i_{indicator.code}"] = indicator_field(indicator)
        self.fields["narrative"] = narrative

    def values(self) -> dict[str, Any]:
        """The typed values by indicator code (None where left empty)."""
        out: dict[str, Any] = {}
        for indicator in self.indicators:
            value = self.cleaned_data.get(f"i_{indicator.code}")
            out[indicator.code] = None if value in ("", None) else value
        return out

    def indicator_fields(self) -> list[forms.BoundField]:
        return [self[f"i_{i.code}"] for i in self.indicators]


def _bind(field: forms.Field, units: Any) -> None:
    """The searchable, hierarchical unit picker, limited to the units the view allows."""
    assert isinstance(field, UnitChoiceField)
    field.bind(None, within=units)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class ActivityForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), pick=UnitPick())
    kind = forms.ModelChoiceField(label=_("Kind"), queryset=ActivityKind.objects.none())
    date = DateField(label=_("Date"))
    title = forms.CharField(label=_("Title"), max_length=255)
    participants = forms.IntegerField(
        label=_("Participants"),
        initial=0,
        min_value=0,
        error_messages={
            "min_value": _("The number of participants cannot be negative."),
            "invalid": _("Participants: enter a whole number."),
        },
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, units: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bind(self.fields["unit"], units)
        self.fields["kind"].queryset = kinds  # type: ignore[attr-defined]


class RangeForm(forms.Form):
    """The period range of the consolidated table (codes of the programme's periods)."""

    start = forms.ChoiceField(label=pgettext_lazy("period range", "From"), required=False)
    end = forms.ChoiceField(label=pgettext_lazy("period range", "To"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["start"].choices = choices  # type: ignore[attr-defined]
        self.fields["end"].choices = choices  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_unit = UnitChoiceField(label=_("Owner unit"), pick=UnitPick())
    implementing_root = UnitChoiceField(
        label=_("Implemented by (unit and its sub-units)"), pick=UnitPick()
    )
    reporting_levels = forms.MultipleChoiceField(
        label=_("Levels that report"),
        required=False,
        choices=UnitLevel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: every unit under the implementing unit reports."),
    )
    starts_on = DateField(label=pgettext_lazy("date range", "From"))
    ends_on = DateField(label=pgettext_lazy("date range", "To"))
    period_kind = forms.ChoiceField(
        label=_("Reporting period"), choices=PeriodKind.choices, initial=PeriodKind.QUARTER
    )
    report_due_days = forms.IntegerField(
        label=_("Reports due (days after the period)"), min_value=0, max_value=120, initial=10
    )
    description = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, owners: Any, roots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bind(self.fields["owner_unit"], owners)
        _bind(self.fields["implementing_root"], roots)


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=255)
    measure = forms.CharField(label=_("Unit of measure"), max_length=60, required=False)
    value_type = forms.ChoiceField(label=_("Value type"), choices=ValueType.choices)
    aggregation = forms.ChoiceField(label=_("Aggregation"), choices=Aggregation.choices)
    target = forms.DecimalField(
        label=_("Target"), required=False, min_value=Decimal(0), max_digits=17, decimal_places=4
    )
    source = forms.ChoiceField(label=_("Source"), choices=IndicatorSource.choices)
    activity_kind = forms.ModelChoiceField(
        label=_("Activity kind"), required=False, queryset=ActivityKind.objects.none()
    )

    def __init__(self, *args: Any, kinds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["activity_kind"].queryset = kinds  # type: ignore[attr-defined]


class ActivityKindForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)


class CommitteeDecisionForm(forms.Form):
    """A set-up or re-formation decision with the whole composition, one member a line."""

    kind = forms.ChoiceField(label=_("Kind"), choices=CommitteeDecisionKind.choices)
    number = forms.CharField(label=_("Decision number"), max_length=80)
    date = DateField(label=_("Decision date"))
    effective_on = DateField(label=_("Effective date"), required=False)
    text = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    members = forms.CharField(
        label=_("Members"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "One member a line: full name | post | role (head, deputy head, member or "
            "secretary). The list is the whole committee from the effective date."
        ),
    )

    def clean_members(self) -> list[MemberSpec]:
        roles = {str(label).casefold(): value for value, label in CommitteeRole.choices}
        roles.update({value: value for value in CommitteeRole.values})
        specs: list[MemberSpec] = []
        for number, line in enumerate(self.cleaned_data["members"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not parts[0]:
                raise forms.ValidationError(
                    _("Line %(n)s: write full name | post | role.") % {"n": number}
                )
            role = roles.get(parts[2].casefold())
            if role is None:
                raise forms.ValidationError(
                    _("Line %(n)s: “%(role)s” is not a role in the committee.")
                    % {"n": number, "role": parts[2]}
                )
            specs.append(MemberSpec(full_name=parts[0], post_title=parts[1], role=role))
        if not specs:
            raise forms.ValidationError(_("List the members of the committee."))
        return specs
