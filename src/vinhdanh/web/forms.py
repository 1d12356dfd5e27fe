"""GET forms of the browsing pages: they validate the query string and never write anything."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.domain.queries.people import PeopleFilter
from vinhdanh.awards.models import AwardKind
from vinhdanh.common.widgets import DateField
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField


class TreeDayForm(forms.Form):
    on = DateField(label=_("As of"), required=False)


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
    unit = UnitChoiceField(
        label=_("Unit"),
        required=False,
        accept_ended=True,  # a unit's page links here, an ended unit's too
        empty_label=_("— all units I can see —"),
    )
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
        unit_field = self.fields["unit"]
        assert isinstance(unit_field, UnitChoiceField)
        unit_field.bind(user)
        unit_field.error_messages["invalid_choice"] = _(
            "This unit does not exist or is outside your units."
        )
        # A user without units (a staff member reading their own record) has nothing to choose.
        self.has_units = not unit_scope(user).is_empty

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
