"""GET forms of the browsing pages: they validate the query string and never write anything."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.orgs.domain.queries.units import TreeRow, visible_units
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries.people import PeopleFilter

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]
_INDENT = "\u2003"  # an em space per level: the unit list reads as a tree
UNIT_OPTIONS_MAX = 400


def parse_day(value: str | None) -> dt.date | None:
    """dd/mm/yyyy (as Vietnamese clerks write dates) or ISO yyyy-mm-dd; None if neither."""
    value = (value or "").strip()
    for fmt in DATE_INPUT_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


class TreeDayForm(forms.Form):
    on = forms.DateField(
        label=_("As of"),
        required=False,
        input_formats=DATE_INPUT_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": _("dd/mm/yyyy")}),
    )


class AwardKindChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: AwardKind) -> str:
        return obj.name  # in the active language


class PeopleFilterForm(forms.Form):
    """The people list's filters. The unit must be one the user sees, else it is an error."""

    q = forms.CharField(
        label=_("Name or staff code"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "autocomplete": "off",
                "placeholder": _("e.g. nguyen thi hong"),
            }
        ),
    )
    unit = forms.IntegerField(label=_("Unit"), required=False)  # <select> drawn by the template
    sub = forms.BooleanField(label=_("include sub-units"), required=False)
    kind = AwardKindChoiceField(
        label=_("Award held"),
        queryset=AwardKind.objects.filter(is_active=True).order_by("sort_order", "code"),
        required=False,
        to_field_name="code",
        empty_label=_("— any or none —"),
    )
    year = forms.IntegerField(
        label=_("in year"),
        required=False,
        min_value=1945,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("any year")}),
    )

    def __init__(self, data: QueryDict, *, user: Any) -> None:
        data = data.copy()
        if "sub" not in data:
            data["sub"] = "true"  # "include sub-units" is on until the user unticks it
        super().__init__(data)
        self.user = user

    def clean_unit(self) -> Unit | None:
        unit_id = self.cleaned_data.get("unit")
        if unit_id is None:
            return None
        unit = visible_units(self.user).filter(pk=unit_id).first()
        if unit is None:
            raise forms.ValidationError(_("This unit does not exist or is outside your units."))
        return unit

    def unit_options(self, rows: list[TreeRow]) -> list[tuple[int, str, bool]]:
        """The unit drop-down as a tree: (id, indented name, selected), rendered by the template.

        A province has thousands of units: past UNIT_OPTIONS_MAX only the top two levels are
        listed (a division is reached from its unit's page, which links to this list).
        """
        selected = getattr(self, "cleaned_data", {}).get("unit")
        selected_id = selected.pk if selected is not None else None
        if len(rows) > UNIT_OPTIONS_MAX:
            rows = [r for r in rows if r.depth <= 1 or r.unit.pk == selected_id]
        options = [
            (r.unit.pk, f"{_INDENT * r.depth}{r.name}", r.unit.pk == selected_id) for r in rows
        ]
        if selected is not None and not any(option[2] for option in options):
            options.append((selected.pk, selected.name, True))  # e.g. a unit that has since ended
        return options

    def filters(self) -> PeopleFilter:
        """The filter for the list; invalid fields are ignored (the form shows their errors)."""
        self.is_valid()
        data = self.cleaned_data
        return PeopleFilter(
            query=data.get("q") or "",
            unit=data.get("unit"),
            include_subunits=self.include_subunits,
            award_kind=data.get("kind"),
            award_year=data.get("year"),
        )

    @property
    def include_subunits(self) -> bool:
        return str(self.data.get("sub", "true")).lower() not in {"false", "0", ""}


class DecisionFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    body = forms.ChoiceField(label=_("Issuing body"), required=False)
    q = forms.CharField(
        label=_("Number"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("e.g. 125/QĐ-UBND")}),
    )

    def __init__(self, data: QueryDict, *, years: list[int], bodies: list[str]) -> None:
        super().__init__(data)
        year_field = self.fields["year"]
        body_field = self.fields["body"]
        assert isinstance(year_field, forms.TypedChoiceField)
        assert isinstance(body_field, forms.ChoiceField)
        year_field.choices = [("", _("All years"))] + [(y, str(y)) for y in years]
        body_field.choices = [("", _("All issuing bodies"))] + [(b, b) for b in bodies]


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(label=_("Object type"), required=False)
    user = forms.CharField(label=_("User"), required=False, max_length=150)
    request_id = forms.CharField(label=_("Request id"), required=False, max_length=64)
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)

    def __init__(self, data: QueryDict, *, object_types: list[tuple[str, str]]) -> None:
        super().__init__(data)
        field = self.fields["object_type"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All types")), *object_types]
