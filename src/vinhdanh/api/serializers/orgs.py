"""Output serializers for units. Explicit fields only: a new model column is not an API field."""

from __future__ import annotations

from rest_framework import serializers

from vinhdanh.orgs.models import Unit


class UnitRefSerializer(serializers.ModelSerializer[Unit]):
    """A unit mentioned inside another object."""

    class Meta:
        model = Unit
        fields = ["id", "code", "name"]
        read_only_fields = fields


class UnitSerializer(serializers.ModelSerializer[Unit]):
    parent = UnitRefSerializer(read_only=True, allow_null=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = Unit
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "level",
            "parent",
            "depth",
            "valid_from",
            "valid_to",
            "is_current",
            "is_collective",
            "priority_area",
        ]
        read_only_fields = fields
