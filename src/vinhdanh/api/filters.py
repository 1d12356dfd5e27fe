"""Query-string filters of the API. Searches fold diacritics: `?q=nguyen` finds 'Nguyễn'."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from vinhdanh.awards.enums import (
    AwardCategory,
    AwardLevel,
    AwardType,
    DecisionKind,
    DecisionStatus,
)
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.common.text import search_key
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.people.enums import Gender
from vinhdanh.people.models import Person


def _search(queryset: QuerySet[Any], value: str) -> QuerySet[Any]:
    """Every word of the query must occur in the stored search key, in any order."""
    for word in search_key(value).split():
        queryset = queryset.filter(search_key__contains=word)
    return queryset


BOOLEAN_WORDS = {"true", "false", "1", "0"}
INTEGER_COLUMNS = (
    models.AutoField,
    models.SmallIntegerField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
)


class WholeNumberField(forms.IntegerField):
    """Digits only: forms.IntegerField also reads "2024.0" as 2024."""

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str) and value and not re.fullmatch(r"\s*[-+]?[0-9]+\s*", value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        result: int | None = super().to_python(value)
        return result


class IntegerFilter(filters.NumberFilter):  # type: ignore[misc]
    """A whole number (NumberFilter takes decimals: `?period=2024.5` would match 2024).

    Ids are looked up through the target's primary key (`person__id`, not `person_id`): a
    foreign-key column lookup does not guard against numbers beyond the column's range,
    which SQLite then refuses with an OverflowError (a 500); the primary key's lookup
    matches nothing instead.
    """

    field_class = WholeNumberField


class ApiFilterSet(filters.FilterSet):  # type: ignore[misc]
    """A filter that cannot read its value answers 400 instead of being left out silently.

    django-filter skips a filter given an empty value, and a boolean filter given anything but
    true/false: `?revoked=yes` or `?person=` would list everything, and the client would never
    know that its filter was not applied. Text filters (`q`, `kind`...) take any string.
    Filters made from `filterset_fields` for whole-number columns take whole numbers only.
    """

    FILTER_DEFAULTS = {
        **filters.FilterSet.FILTER_DEFAULTS,
        **{column: {"filter_class": IntegerFilter} for column in INTEGER_COLUMNS},
    }

    @classmethod
    def filter_for_field(
        cls, field: models.Field[Any, Any], field_name: str, lookup_expr: str | None = None
    ) -> filters.Filter:
        # A foreign key filtered by id: django-filter's default checks the id against every
        # row of the table, so an id that does not exist answered 400 while one outside the
        # caller's scope answered an empty list, which told the caller that it exists.
        if isinstance(field, models.ForeignKey) and field_name == field.name:
            return IntegerFilter(
                field_name=f"{field_name}__id",
                lookup_expr=lookup_expr or "exact",
                label=format_lazy(_("{name} id"), name=field.verbose_name),
            )
        return super().filter_for_field(field, field_name, lookup_expr)

    def is_valid(self) -> bool:
        valid = bool(super().is_valid())
        for name, filter_ in self.filters.items():
            raw = self.data.get(name)
            if raw is None or isinstance(filter_, filters.CharFilter):
                continue
            if raw == "" or (
                isinstance(filter_, filters.BooleanFilter) and raw.lower() not in BOOLEAN_WORDS
            ):
                if name not in self.form.errors:
                    self.form.add_error(name, str(RegexValidator.message))
                valid = False
        return valid


class FilterBackend(filters.DjangoFilterBackend):  # type: ignore[misc]
    """The API's filter backend: views declaring only `filterset_fields` get ApiFilterSet too."""

    filterset_base = ApiFilterSet


class UnitFilter(ApiFilterSet):
    q = filters.CharFilter(
        method="filter_q", label=_("Search in name, short name and code (diacritics optional)")
    )
    level = filters.ChoiceFilter(choices=UnitLevel.choices, label=_("Level"))
    parent = IntegerFilter(field_name="parent__id", label=_("Parent unit id"))
    on = filters.DateFilter(method="filter_on", label=_("Valid on this date (YYYY-MM-DD)"))
    current = filters.BooleanFilter(
        field_name="valid_to", lookup_expr="isnull", label=_("Still in existence")
    )

    class Meta:
        model = Unit
        fields = ["q", "level", "parent", "on", "current"]

    def filter_q(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        return _search(queryset, value)

    def filter_on(self, queryset: QuerySet[Unit], name: str, value: dt.date) -> QuerySet[Unit]:
        return queryset.filter(valid_from__lte=value).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=value)
        )


class PersonFilter(ApiFilterSet):
    q = filters.CharFilter(
        method="filter_q", label=_("Search in full name and staff code (diacritics optional)")
    )
    unit = IntegerFilter(method="filter_unit", label=_("Current unit id"))
    subunits = filters.BooleanFilter(
        method="filter_nothing", label=_("With `unit`: include the people of its sub-units")
    )
    award = filters.CharFilter(
        method="filter_award", label=_("Holds an award of this kind (code), not revoked")
    )
    gender = filters.ChoiceFilter(choices=Gender.choices, label=_("Gender"))

    class Meta:
        model = Person
        fields = ["q", "unit", "subunits", "award", "gender"]

    def filter_q(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return _search(queryset, value)

    def filter_nothing(
        self, queryset: QuerySet[Person], name: str, value: bool
    ) -> QuerySet[Person]:
        return queryset  # read by filter_unit

    def filter_unit(self, queryset: QuerySet[Person], name: str, value: int) -> QuerySet[Person]:
        if not self.form.cleaned_data.get("subunits"):
            return queryset.filter(current_unit__id=value)
        path = Unit.objects.filter(pk=value).values_list("path", flat=True).first()
        if path is None:
            return queryset.none()
        return queryset.filter(current_unit__path__startswith=path)

    def filter_award(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        held = Award.objects.filter(
            person=OuterRef("pk"), kind__code=value.strip().upper(), revoked_by__isnull=True
        )
        return queryset.filter(Exists(held))


class AwardFilter(ApiFilterSet):
    kind = filters.CharFilter(field_name="kind__code", label=_("Award kind code, e.g. CSTDCS"))
    period = IntegerFilter(label=_("Achievement year"))
    period_from = IntegerFilter(
        field_name="period", lookup_expr="gte", label=_("Achievement year from")
    )
    period_to = IntegerFilter(
        field_name="period", lookup_expr="lte", label=_("Achievement year until")
    )
    person = IntegerFilter(field_name="person__id", label=_("Person id"))
    unit = IntegerFilter(field_name="unit__id", label=_("Collective (unit) id"))
    decision = IntegerFilter(field_name="decision__id", label=_("Decision id"))
    award_type = filters.ChoiceFilter(choices=AwardType.choices, label=_("Award type"))
    revoked = filters.BooleanFilter(method="filter_revoked", label=_("Revoked"))

    class Meta:
        model = Award
        fields = [
            "kind",
            "period",
            "period_from",
            "period_to",
            "person",
            "unit",
            "decision",
            "award_type",
            "revoked",
        ]

    def filter_revoked(self, queryset: QuerySet[Award], name: str, value: bool) -> QuerySet[Award]:
        return queryset.filter(revoked_by__isnull=not value)


class DecisionFilter(ApiFilterSet):
    year = IntegerFilter(label=_("Year"))
    number = IntegerFilter(label=_("Number"))
    symbol = filters.CharFilter(label=_("Symbol, e.g. QĐ-UBND"))
    issuing_body = filters.CharFilter(
        method="filter_body", label=_("Issuing body (diacritics optional)")
    )
    issuing_unit = IntegerFilter(field_name="issuing_unit__id", label=_("Issuing unit id"))
    status = filters.ChoiceFilter(choices=DecisionStatus.choices, label=_("Status"))
    kind = filters.ChoiceFilter(choices=DecisionKind.choices, label=_("Kind"))

    class Meta:
        model = Decision
        fields = ["year", "number", "symbol", "issuing_body", "issuing_unit", "status", "kind"]

    def filter_body(
        self, queryset: QuerySet[Decision], name: str, value: str
    ) -> QuerySet[Decision]:
        return queryset.filter(body_key__contains=search_key(value))


class AwardKindFilter(ApiFilterSet):
    category = filters.ChoiceFilter(choices=AwardCategory.choices, label=_("Category"))
    level = filters.ChoiceFilter(choices=AwardLevel.choices, label=_("Level"))
    is_annual = filters.BooleanFilter(label=_("Annual"))
    is_active = filters.BooleanFilter(label=_("In use"))

    class Meta:
        model = AwardKind
        fields = ["category", "level", "is_annual", "is_active"]
