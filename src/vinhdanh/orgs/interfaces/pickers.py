"""The unit picker: one form field for every "which unit?" question of the web app.

`UnitChoiceField` offers the units valid on the form's day, inside the user's units for the
capability the action needs (`UnitPick`), labelled by their path ("Sở Y tế › Văn phòng Sở") and
grouped by the kind of their top branch. Without JavaScript it is a <select> with optgroups;
with JavaScript a search box above it filters the options through the `web:unit_picker`
endpoint, without diacritics or case. A form binds the field to its user in `__init__`:

    self.fields["unit"].bind(user)            # valid today
    self.fields["unit"].bind(user, on=day)    # valid on another day
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import gettext_lazy as _

from vinhdanh.orgs.domain.queries.pickers import (
    UnitOption,
    UnitPick,
    grouped,
    options_of,
    pickable_units,
)
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.models.units import UnitQuerySet

# Past this many units the list offers the top level below the province (and the chosen unit);
# the search box reaches the rest.
FULL_LIST_MAX = 1500


class UnitPickerWidget(forms.Select):
    template_name = "orgs/widgets/unit_picker.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.search_url = ""
        self.total = 0
        self.partial = False
        # The label of a chosen unit the list does not show (an ended one, or one below the
        # top levels of a big tree), so that a redrawn form keeps the choice.
        self.label_of: Callable[[str], str | None] = lambda pk: None

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        chosen = [str(v) for v in context["widget"]["value"] if v not in ("", None)]
        offered = {
            str(option["value"])
            for _group, options, _index in context["widget"]["optgroups"]
            for option in options
        }
        for pk in chosen:
            label = None if pk in offered else self.label_of(pk)
            if label is not None:
                context["widget"]["optgroups"].append(
                    (None, [self.create_option(name, pk, label, True, 0)], 0)
                )
        context["widget"].update(
            {"search_url": self.search_url, "total": self.total, "partial": self.partial}
        )
        return context


class _UnitChoices(BaseChoiceIterator):
    """The field's choices, computed when the form is drawn (not when it is only validated)."""

    def __init__(self, field: UnitChoiceField) -> None:
        self.field = field

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for group, options in grouped(self.field.offered_options()):
            pairs = [(o.pk, o.label) for o in options]
            if group:
                yield (group, pairs)
            else:
                yield from pairs


class UnitChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A unit chosen among those the user may act in, valid on a day (see the module doc).

    accept_ended: a filter (not a new record) may name a unit that has since ended, e.g. from
    that unit's page; the list still offers only units valid on the day.
    """

    widget = UnitPickerWidget

    def __init__(
        self, *, pick: UnitPick | None = None, accept_ended: bool = False, **kwargs: Any
    ) -> None:
        kwargs.setdefault("queryset", Unit.objects.none())
        kwargs.setdefault("empty_label", _("— choose a unit —"))
        super().__init__(**kwargs)
        self.pick = pick or UnitPick()
        self.accept_ended = accept_ended
        self.day = dt.date.min
        self._offered: UnitQuerySet | None = None
        self._options: list[UnitOption] | None = None

    def bind(
        self, user: Any, *, on: dt.date | None = None, within: UnitQuerySet | None = None
    ) -> None:
        """Limit the field to what `user` may pick on `on` (today by default).

        within: a narrower set the form already holds (e.g. the units of one council); the
        field then offers those of them valid on the day (and the user's, when `user` is
        given).
        """
        self.day = on or timezone.localdate()
        self._options = None
        day = None if self.accept_ended else self.day
        if user is not None:
            allowed = pickable_units(user, self.pick, on=day)
            offered = pickable_units(user, self.pick, on=self.day)
            if within is not None:
                allowed = allowed.filter(pk__in=within.values("pk"))
                offered = offered.filter(pk__in=within.values("pk"))
        else:
            assert within is not None, "a unit field needs a user or a set of units"
            allowed = within if day is None else within.valid_on(day)
            offered = within.valid_on(self.day)
        self.queryset = allowed
        self._offered = offered
        widget = self.widget
        assert isinstance(widget, UnitPickerWidget)
        params = [*self.pick.as_params(), ("on", self.day.isoformat())]
        widget.search_url = f"{reverse('web:unit_picker')}?{urlencode(params)}"
        widget.label_of = self._label_of

    def _label_of(self, pk: str) -> str | None:
        """The label of a unit the field accepts (None for anything else)."""
        if not pk.isdigit():
            return None
        for option in self.all_options():
            if option.pk == int(pk):
                return option.label
        unit = self.queryset.filter(pk=int(pk)).first() if self.queryset is not None else None
        return unit.name if unit is not None else None

    def all_options(self) -> list[UnitOption]:
        if self._options is None:
            self._options = [] if self._offered is None else options_of(self._offered)
        return self._options

    def offered_options(self) -> list[UnitOption]:
        options = self.all_options()
        widget = self.widget
        assert isinstance(widget, UnitPickerWidget)
        widget.total = len(options)
        widget.partial = len(options) > FULL_LIST_MAX
        if widget.partial:
            options = [o for o in options if o.depth == 0]
        return options

    def _get_choices(self) -> Any:
        return _UnitChoices(self)

    def _set_choices(self, value: Any) -> None:
        cast(Any, forms.ChoiceField).choices.fset(self, value)

    choices = property(_get_choices, _set_choices)

    def label_from_instance(self, obj: Unit) -> str:
        for option in self.all_options():
            if option.pk == obj.pk:
                return option.label
        return obj.name
