"""The form of a pre-printed blank: for each field, whether it is printed, its position (mm)
on the A4 landscape sheet, its size (pt) and weight; and the scan of the blank."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.files import UploadError, check_upload
from vinhdanh.common.numbers import plain_number
from vinhdanh.common.widgets import FileInput
from vinhdanh.documents.domain.blanks import (
    FIELDS,
    MAX_SIZE_PT,
    MIN_SIZE_PT,
    PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM,
    BlankLayout,
    Placement,
)

_NUMBER = {"invalid": gettext_lazy("Enter a number (use a dot or a comma for decimals).")}


class _Millimetres(forms.FloatField):
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        # 60.0 shows as "60" and 60.5 as "60,5", as a Vietnamese clerk writes them
        if isinstance(value, int | float) and not isinstance(value, bool):
            return plain_number(value)
        return value


class BlankForm(forms.Form):
    scan = forms.FileField(
        label=gettext_lazy("Scan of the blank (PNG or JPEG)"),
        widget=FileInput,
        required=False,
        help_text=gettext_lazy("Used only to preview the text over the blank; never printed."),
    )

    def __init__(self, *args: Any, layout: BlankLayout, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows: list[dict[str, Any]] = []
        for key, label, *_defaults in FIELDS:
            place = layout.places[key]
            names = {
                "printed": f"{key}_printed",
                "x": f"{key}_x",
                "y": f"{key}_y",
                "size": f"{key}_size",
                "bold": f"{key}_bold",
            }
            self.fields[names["printed"]] = forms.BooleanField(
                label=label, required=False, initial=place.printed
            )
            for part, value, unit in (("x", place.x, "mm"), ("y", place.y, "mm")):
                self.fields[names[part]] = _Millimetres(
                    label=f"{label} — {part} ({unit})",
                    initial=value,
                    error_messages=_NUMBER,
                    widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
                )
            self.fields[names["size"]] = _Millimetres(
                label=f"{label} — pt",
                initial=place.size,
                error_messages=_NUMBER,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}),
            )
            self.fields[names["bold"]] = forms.BooleanField(
                label=gettext_lazy("bold"), required=False, initial=place.bold
            )
            self.rows.append({"label": label, "names": names})

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {"label": row["label"], **{k: self[name] for k, name in row["names"].items()}}
            for row in self.rows
        ]

    def clean_scan(self) -> Any:
        upload = self.cleaned_data.get("scan")
        if not upload:
            return None
        try:
            checked = check_upload(upload)
        except UploadError as error:
            raise forms.ValidationError(str(error)) from error
        if checked.kind not in ("png", "jpg"):
            raise forms.ValidationError(_("The scan of the blank must be a PNG or JPEG image."))
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key, label, *_defaults in FIELDS:
            x, y, size = data.get(f"{key}_x"), data.get(f"{key}_y"), data.get(f"{key}_size")
            if x is not None and not 0 <= x < PAGE_WIDTH_MM:
                self.add_error(
                    f"{key}_x",
                    _(
                        "%(field)s: the distance from the left edge must be between 0 and "
                        "%(max)s mm."
                    )
                    % {"field": label, "max": f"{PAGE_WIDTH_MM:g}"},
                )
            if y is not None and not 0 <= y < PAGE_HEIGHT_MM:
                self.add_error(
                    f"{key}_y",
                    _("%(field)s: the distance from the top edge must be between 0 and %(max)s mm.")
                    % {"field": label, "max": f"{PAGE_HEIGHT_MM:g}"},
                )
            if size is not None and not MIN_SIZE_PT <= size <= MAX_SIZE_PT:
                self.add_error(
                    f"{key}_size",
                    _("%(field)s: the font size must be between %(min)s and %(max)s pt.")
                    % {"field": label, "min": f"{MIN_SIZE_PT:g}", "max": f"{MAX_SIZE_PT:g}"},
                )
        return data

    def layout(self) -> BlankLayout:
        data = self.cleaned_data
        return BlankLayout(
            {
                key: Placement(
                    x=round(float(data[f"{key}_x"]), 2),
                    y=round(float(data[f"{key}_y"]), 2),
                    size=round(float(data[f"{key}_size"]), 1),
                    bold=bool(data[f"{key}_bold"]),
                    printed=bool(data[f"{key}_printed"]),
                )
                for key, *_rest in FIELDS
            }
        )
