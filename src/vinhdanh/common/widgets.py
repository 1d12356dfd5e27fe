"""The two form controls a browser would otherwise draw in its own language.

`FileInput`: a browser in English says "Choose File / No file chosen" on a Vietnamese page.
The native control stays (keyboard, required, drag and drop) but is visually hidden; a label
styled as a button opens it, and app.js writes the chosen name beside it.

`DateField`: `<input type="date">` shows the browser's own picker and mm/dd/yyyy. Vietnamese
users type dd/mm/yyyy; the accepted formats are the locale's DATE_INPUT_FORMATS
(vinhdanh/formats/), day first, with ISO dates accepted too. The API keeps ISO dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DISPLAY_FORMAT = "%d/%m/%Y"
# dd/mm/yyyy, or yyyy-mm-dd pasted from elsewhere (a hint for the browser: the field decides).
# Browsers compile it with the `v` flag, where "/" and "-" in a class must be escaped.
DATE_PATTERN = r"\d{1,2}[\/.\-]\d{1,2}[\/.\-]\d{4}|\d{4}-\d{1,2}-\d{1,2}"


class FileInput(forms.ClearableFileInput):
    template_name = "web/widgets/file_input.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        own = context["widget"]["attrs"]
        own["class"] = " ".join(filter(None, ["file-pick-input visually-hidden", own.get("class")]))
        return context


class DateInput(forms.DateInput):
    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "pattern": DATE_PATTERN,
            "title": _("A date as dd/mm/yyyy, e.g. 17/07/2025"),
            "autocomplete": "off",
            "class": "date-input",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format=DISPLAY_FORMAT)


class DateField(forms.DateField):
    """A day typed as dd/mm/yyyy (or yyyy-mm-dd); the error says how to write it."""

    widget = DateInput
    default_error_messages = {
        "invalid": _("Enter the date as dd/mm/yyyy, e.g. 17/07/2025."),
    }


def parse_day(value: str | None) -> dt.date | None:
    """A day from a query string (the filters' GET parameters), None when absent or invalid."""
    try:
        day: dt.date | None = DateField(required=False).clean(value or None)
    except forms.ValidationError:
        return None
    return day
