"""Forms for movements and registrations; the choices are limited to the user's units."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.widgets import DateField, FileInput
from vinhdanh.movements.enums import MovementKind
from vinhdanh.movements.rules import MANAGERS, REGISTRARS
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.orgs.models import Unit


def units_for(user: Any, capabilities: tuple[str, ...]) -> QuerySet[Unit]:
    """Current units where the user holds one of the capabilities."""
    units = Unit.objects.none()
    for cap in capabilities:
        scope = unit_scope(user, cap)
        if scope.everything:
            return Unit.objects.filter(valid_to__isnull=True).order_by("path")
        if not scope.is_empty:
            units = units | Unit.objects.filter(scope.q())
    return units.filter(valid_to__isnull=True).distinct().order_by("path")


def active_kinds() -> QuerySet[AwardKind]:
    return AwardKind.objects.filter(is_active=True).order_by("sort_order", "code")


class MovementForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    kind = forms.ChoiceField(label=_("Kind"), choices=MovementKind.choices)
    launched_by = UnitChoiceField(label=_("Launched by"), pick=UnitPick(capabilities=MANAGERS))
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1990, max_value=2100)
    starts_on = DateField(label=_("From"))
    ends_on = DateField(label=_("Until"), required=False)
    criteria = forms.CharField(
        label=_("Criteria and targets"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    description = forms.CharField(
        label=_("Content"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    target_kinds = forms.ModelMultipleChoiceField(
        label=_("Titles and forms in view"),
        queryset=AwardKind.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        launched_by = self.fields["launched_by"]
        assert isinstance(launched_by, UnitChoiceField)
        launched_by.bind(user)
        self.fields["target_kinds"].queryset = active_kinds()  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255, required=False)
    file = forms.FileField(label=_("File"), widget=FileInput)


class RegistrationForm(forms.Form):
    registering_unit = UnitChoiceField(
        label=_("Registering unit"), pick=UnitPick(capabilities=REGISTRARS)
    )
    person_code = forms.CharField(
        label=_("Staff code of the person"),
        required=False,
        max_length=40,
        help_text=_("Fill in either a person or a collective."),
    )
    unit = UnitChoiceField(
        label=_("Collective"),
        pick=UnitPick(capabilities=REGISTRARS, collective=True),
        required=False,
        empty_label=_("— none (a person registers) —"),
    )
    target_kinds = forms.ModelMultipleChoiceField(
        label=_("Titles aimed for"),
        queryset=AwardKind.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    pledge = forms.CharField(
        label=_("Commitments"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, user: Any, kinds: QuerySet[AwardKind], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("registering_unit", "unit"):
            unit_field = self.fields[name]
            assert isinstance(unit_field, UnitChoiceField)
            unit_field.bind(user)
        self.fields["target_kinds"].queryset = kinds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("person_code")) == bool(data.get("unit")):
            raise forms.ValidationError(_("Fill in either a person or a collective."))
        return data
