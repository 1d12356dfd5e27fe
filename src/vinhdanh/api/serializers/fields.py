"""Serializer fields shared by the API's output serializers."""

from __future__ import annotations

from django.db.models import Model
from rest_framework import serializers


def blank_or_choice(model: type[Model], name: str) -> serializers.ChoiceField:
    """A read-only choice column that may be blank: the schema then allows "" as well.

    ModelSerializer drops `allow_blank` from read-only fields, so without this the schema
    would promise one of the choices while the answer holds "" (e.g. an award not revoked).
    """
    field = model._meta.get_field(name)
    return serializers.ChoiceField(
        choices=list(getattr(field, "choices", None) or []), allow_blank=True, read_only=True
    )
