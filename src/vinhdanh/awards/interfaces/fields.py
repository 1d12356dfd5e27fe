"""The number the văn thư took from the register of outgoing documents, on every form that
makes a document official (a decision, a submission, council minutes, a public notice)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.domain.numbering import HIGHEST_NUMBER


def register_number_field() -> forms.IntegerField:
    """Empty: Vinh Danh's series gives the next number."""
    return forms.IntegerField(
        label=_("Number from the register (văn thư)"),
        required=False,
        min_value=1,
        max_value=HIGHEST_NUMBER,
        help_text=_(
            "Leave empty and Vinh Danh gives the next number of the unit's series; enter the "
            "number when the văn thư takes it from the register kept elsewhere."
        ),
    )
