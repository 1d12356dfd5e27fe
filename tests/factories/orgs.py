from __future__ import annotations

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import RoleAssignment, Unit


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"U{n:04d}")
    name = factory.Sequence(lambda n: f"Đơn vị số {n}")
    level = UnitLevel.DEPARTMENT
    parent = None
    valid_from = dt.date(2000, 1, 1)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    # Hashed before the row is written (a post-generation set_password was never saved).
    password = factory.django.Password("mat-khau-dai-123")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    include_subunits = True
    is_clerk = True
