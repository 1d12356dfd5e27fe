"""Output serializers for people: the fields the work needs, and no more."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from vinhdanh.api.serializers.fields import blank_or_choice
from vinhdanh.api.serializers.orgs import UnitRefSerializer
from vinhdanh.people.domain.queries.privacy import may_see_personal_data
from vinhdanh.people.models import Person


class PersonRefSerializer(serializers.ModelSerializer[Person]):
    """A person mentioned inside another object (an award, a decision)."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "code", "full_name"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer[Person]):
    """Names, code, gender, current unit and post.

    `birth_date` is filled only for the clerk or the emulation office over the person's unit,
    and is null for everyone else (personal data minimisation).
    """

    full_name = serializers.CharField(read_only=True)
    current_unit = UnitRefSerializer(read_only=True, allow_null=True)
    birth_date = serializers.DateField(read_only=True, allow_null=True)
    gender = blank_or_choice(Person, "gender")

    class Meta:
        model = Person
        fields = [
            "id",
            "code",
            "full_name",
            "family_name",
            "middle_name",
            "given_name",
            "gender",
            "current_unit",
            "current_title",
            "birth_date",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Person) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if not may_see_personal_data(user, instance.current_unit):
            data["birth_date"] = None
        return data
