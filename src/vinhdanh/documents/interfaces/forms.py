"""The form of a unit's document settings; placeholders show the defaults in force."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.widgets import FileInput
from vinhdanh.documents.domain.settings import Office
from vinhdanh.documents.models import OfficeSettings


class OfficeSettingsForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = OfficeSettings
        fields = [
            "issuing_body",
            "parent_body",
            "place",
            "symbol",
            "authority_line",
            "legal_bases",
            "proposer",
            "signer_authority",
            "signer_on_behalf_of",
            "signer_title",
            "signer_name",
            "base_salary",
        ]
        widgets = {"legal_bases": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, defaults: Office | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if defaults is not None:
            shown = {
                "issuing_body": defaults.issuing_body,
                "parent_body": defaults.parent_body,
                "place": defaults.place,
                "symbol": defaults.symbol,
                "authority_line": defaults.authority_line,
                "proposer": defaults.proposer,
                "signer_title": defaults.signature.title,
                "signer_name": defaults.signature.name,
            }
            for name, value in shown.items():
                if value:
                    self.fields[name].widget.attrs["placeholder"] = value


class ScanForm(forms.Form):
    file = forms.FileField(label=_("Signed scan (PDF)"), widget=FileInput)
    reason = forms.CharField(
        label=_("Reason for replacing the scan"),
        required=False,
        max_length=500,
        help_text=_("Needed only when a scan is already recorded; it is kept."),
    )
