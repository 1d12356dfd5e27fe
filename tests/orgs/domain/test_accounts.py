"""Who must use a second factor, whose account an administrator may manage, and the audit of
what they do with it."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.domain import accounts
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def province() -> Any:
    return UnitFactory(level=UnitLevel.PROVINCE, code="HT")


@pytest.mark.parametrize(
    ("flags", "required"),
    [
        ({"is_decider": True}, True),
        ({"is_admin": True}, True),
        ({"is_clerk": True}, False),
        ({"is_council_member": True}, False),
        ({"is_emulation_office": True}, False),
    ],
)
def test_deciders_and_administrators_must_use_a_second_factor(
    province: Any, settings: Any, flags: dict[str, bool], required: bool
) -> None:
    settings.TWO_FACTOR = "required"
    user = RoleFactory(unit=province, **{"is_clerk": False, **flags}).user

    assert accounts.second_factor_needed(user) is required
    assert accounts.must_set_up_second_factor(user) is required
    assert accounts.second_factor_is_optional(user) is not required


def test_a_superuser_must_and_the_setting_decides(settings: Any) -> None:
    root = UserFactory(is_superuser=True)
    settings.TWO_FACTOR = "required"
    assert accounts.must_set_up_second_factor(root)
    settings.TWO_FACTOR = "optional"
    assert not accounts.second_factor_needed(root)
    TOTPDevice.objects.create(user=root, name="TOTP", confirmed=True)
    assert accounts.second_factor_needed(root)  # set up: then always asked
    settings.TWO_FACTOR = "off"
    assert not accounts.second_factor_needed(root)


def test_an_administrator_manages_the_accounts_of_their_units_only(province: Any) -> None:
    other = UnitFactory(level=UnitLevel.PROVINCE, code="QB")
    admin = RoleFactory(unit=province, is_clerk=False, is_admin=True).user
    mine = RoleFactory(unit=UnitFactory(parent=province)).user
    theirs = RoleFactory(unit=other).user
    root = UserFactory(is_superuser=True)
    RoleFactory(unit=province, user=root)

    managed = set(accounts.manageable_users(admin))

    assert mine in managed
    assert theirs not in managed
    assert root not in managed
    assert set(accounts.manageable_users(root)) >= {mine, theirs, admin}
    assert not accounts.manageable_users(mine).exists()
    with pytest.raises(PermissionError):
        accounts.unlock(admin, theirs.username)


def test_resetting_someones_second_factor_is_audited_without_the_key(province: Any) -> None:
    admin = RoleFactory(unit=province, is_clerk=False, is_admin=True).user
    decider = RoleFactory(unit=province, is_clerk=False, is_decider=True).user
    device = TOTPDevice.objects.create(user=decider, name="TOTP", confirmed=True)

    assert accounts.remove_second_factor(admin, decider) == 1

    assert not TOTPDevice.objects.filter(user=decider).exists()
    event = AuditEvent.objects.get(message="second factor reset")
    assert (event.object_id, event.user_id) == (str(decider.pk), admin.pk)
    assert device.key not in str(event.after)
    assert not AuditEvent.objects.filter(object_type="otp_totp.totpdevice").exists()
