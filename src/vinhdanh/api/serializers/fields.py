"""Serializer fields shared by the API's output serializers."""

from __future__ import annotations

from django.db.models import Model
from rest_framework import serializers

from vinhdanh.awards.domain.numbering import HIGHEST_NUMBER


def blank_or_choice(model: type[Model], name: str) -> serializers.ChoiceField:
    """A read-only choice column that may be blank: the schema then allows "" as well.

    ModelSerializer drops `allow_blank` from read-only fields, so without this the schema
    would promise one of the choices while the answer holds "" (e.g. an award not revoked).
    """
    field = model._meta.get_field(name)
    return serializers.ChoiceField(
        choices=list(getattr(field, "choices", None) or []), allow_blank=True, read_only=True
    )


def register_number(what: str) -> serializers.IntegerField:
    """The văn thư's number for a document the call makes official; null: the series' next."""
    return serializers.IntegerField(
        min_value=1,
        max_value=HIGHEST_NUMBER,
        required=False,
        allow_null=True,
        default=None,
        help_text=f"The number the clerk (văn thư) took from the register of outgoing documents "
        f"for {what}; refused, with nothing stored, when the series (issuing unit, kind of "
        "document, year) already holds it. Without it, the series' next number is given.",
    )
