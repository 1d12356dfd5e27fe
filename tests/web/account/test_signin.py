"""Signing in under attack: lock-out after repeated failures, its audited lifting, the second
factor (TOTP) for deciders and administrators, the working-day session."""

from __future__ import annotations

import base64
import time
from typing import Any

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.web.signin import SIGNED_IN_AT

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-123"  # the factories' password


def _code(device: TOTPDevice, *, shift: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + shift * device.step
    return f"{totp.token():06d}"


def _login(client: Client, username: str, password: str, **extra: Any) -> Any:
    return client.post("/login/", {"username": username, "password": password, "next": ""}, **extra)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def province() -> Any:
    return UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")


@pytest.fixture
def decider(province: Any) -> Any:
    return RoleFactory(
        unit=province, user__username="chutich", is_clerk=False, is_decider=True
    ).user


@pytest.fixture
def clerk(province: Any) -> Any:
    return RoleFactory(unit=province, user__username="vanthu").user


# --- Lock-out -------------------------------------------------------------------------------


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in(client: Client, clerk: Any):
    for _ in range(30):
        _login(client, "vanthu", "sai-mat-khau")

    response = _login(client, "vanthu", PASSWORD)

    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert 'id="locked-out"' in page
    assert "Tài khoản" in page
    assert "30 phút" in page
    assert "quản trị" in page  # … and whom to ask
    assert 'class="topbar"' in page  # inside the site's layout


def test_five_failures_lock_the_account_and_fewer_do_not(client: Client, clerk: Any):
    for _ in range(4):
        _login(client, "vanthu", "sai-mat-khau")
    assert _login(client, "vanthu", PASSWORD).status_code == 302
    client.logout()
    for _ in range(5):
        _login(client, "vanthu", "sai-mat-khau")
    assert _login(client, "vanthu", PASSWORD).status_code == 429


def test_another_address_is_not_locked_out_by_someone_elses_failures(
    client: Client, clerk: Any
) -> None:
    for _ in range(10):
        _login(client, "vanthu", "sai-mat-khau", REMOTE_ADDR="10.0.0.66")

    response = _login(Client(), "vanthu", PASSWORD, REMOTE_ADDR="10.0.0.5")

    assert response.status_code == 302


def test_a_forged_forwarded_address_does_not_reset_the_count(client: Client, clerk: Any):
    for n in range(10):
        _login(client, "vanthu", "sai-mat-khau", HTTP_X_FORWARDED_FOR=f"10.9.9.{n}")

    response = _login(client, "vanthu", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.200")

    assert response.status_code == 429


def test_an_administrator_unlocks_an_account_and_it_is_audited(client: Client, clerk: Any) -> None:
    for _ in range(6):
        _login(client, "vanthu", "sai-mat-khau")
    admin = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    office = Client()
    office.force_login(admin)

    listing = office.get("/account/lockouts/")
    assert listing.status_code == 200
    assert "vanthu" in listing.content.decode()

    response = office.post("/account/lockouts/unlock/", {"username": "vanthu"})

    assert response.status_code == 302
    event = AuditEvent.objects.get(message="sign-in lock-out lifted")
    assert (event.object_type, event.object_id) == ("auth.user", str(clerk.pk))
    assert (event.user_id, event.username) == (admin.pk, "quantri")
    assert event.after["attempts_removed"] >= 1
    assert _login(client, "vanthu", PASSWORD).status_code == 302
    assert _signed_in(client)
    assert 'id="lockouts"' not in office.get("/account/lockouts/").content.decode()


def test_an_administrator_of_another_unit_cannot_unlock(
    client: Client, clerk: Any, province: Any
) -> None:
    for _ in range(6):
        _login(client, "vanthu", "sai-mat-khau")
    other = UnitFactory(name="Tỉnh Quảng Bình", level=UnitLevel.PROVINCE, code="QB")
    outsider = RoleFactory(unit=other, is_clerk=False, is_admin=True).user
    office = Client()
    office.force_login(outsider)

    assert 'id="lockouts"' not in office.get("/account/lockouts/").content.decode()
    office.post("/account/lockouts/unlock/", {"username": "vanthu"})

    assert not AuditEvent.objects.filter(message="sign-in lock-out lifted").exists()
    assert _login(client, "vanthu", PASSWORD).status_code == 429


def test_someone_without_an_administrator_role_cannot_open_the_lockouts(
    client: Client, clerk: Any
) -> None:
    client.force_login(clerk)

    assert client.get("/account/lockouts/").status_code == 403
    assert client.post("/account/lockouts/unlock/", {"username": "vanthu"}).status_code == 403


def test_the_unlock_command_is_audited(client: Client, clerk: Any) -> None:
    from django.core.management import call_command

    for _ in range(6):
        _login(client, "vanthu", "sai-mat-khau")

    call_command("unlock", "vanthu", "--reason", "gọi điện xác minh")

    event = AuditEvent.objects.get(message="sign-in lock-out lifted")
    assert event.source == "cli:unlock"
    assert event.after["reason"] == "gọi điện xác minh"
    assert _login(client, "vanthu", PASSWORD).status_code == 302


# --- Second factor --------------------------------------------------------------------------


def test_with_two_factor_off_a_decider_signs_in_with_the_password(
    client: Client, decider: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "off"

    response = _login(client, "chutich", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _signed_in(client)


def test_a_decider_without_a_device_is_sent_to_set_one_up(
    client: Client, decider: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "required"
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no pause after the wrong code below

    response = _login(client, "chutich", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/account/security/setup/"
    assert not _signed_in(client)
    assert client.get("/").status_code == 302  # nothing else before the set-up

    page = client.get("/account/security/setup/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html
    assert "<script" not in html.split("<main")[1]
    device = TOTPDevice.objects.get(user=decider, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    assert secret[:4] in html  # the key in text too

    wrong = client.post("/account/security/setup/", {"code": "000000"})
    assert wrong.status_code == 200
    assert not _signed_in(client)

    done = client.post("/account/security/setup/", {"code": _code(device)})

    assert done.status_code == 302
    assert done["Location"] == "/"
    assert _signed_in(client)
    assert client.get("/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(
        message="second factor set up", object_id=str(decider.pk), user_id=decider.pk
    ).exists()


def test_with_a_device_a_wrong_code_refuses_and_the_right_one_signs_in(
    client: Client, decider: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "required"
    device = TOTPDevice.objects.create(user=decider, name="TOTP", confirmed=True)

    response = client.post(
        "/login/", {"username": "chutich", "password": PASSWORD, "next": "/decisions/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/login/code/"
    assert not _signed_in(client)

    wrong = client.post("/login/code/", {"code": _code(device, shift=-20)})
    assert wrong.status_code == 200
    assert "không đúng" in wrong.content.decode()
    assert not _signed_in(client)

    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp makes the next try wait after a failure
    device.save()
    right = client.post("/login/code/", {"code": _code(device)})

    assert right.status_code == 302
    assert right["Location"] == "/decisions/"
    assert _signed_in(client)
    assert client.get("/decisions/").status_code == 200


def test_a_wrong_password_never_reaches_the_code(
    client: Client, decider: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "required"
    TOTPDevice.objects.create(user=decider, name="TOTP", confirmed=True)

    response = _login(client, "chutich", "sai-mat-khau")

    assert response.status_code == 200
    assert client.get("/login/code/")["Location"] == "/login/"


def test_a_clerk_is_not_asked_for_a_code_unless_they_set_one_up(
    client: Client, clerk: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "required"
    assert _login(client, "vanthu", PASSWORD)["Location"] == "/"
    assert client.get("/account/security/").status_code == 200

    client.get("/account/security/setup/")
    device = TOTPDevice.objects.get(user=clerk)
    client.post("/account/security/setup/", {"code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.logout()

    assert _login(client, "vanthu", PASSWORD)["Location"] == "/login/code/"


def test_a_session_opened_without_the_code_is_sent_to_the_code(
    client: Client, decider: Any, settings: Any
) -> None:
    """E.g. a role granted while signed in, or another login form: the code comes first."""
    settings.TWO_FACTOR = "required"
    TOTPDevice.objects.create(user=decider, name="TOTP", confirmed=True)
    client.force_login(decider)

    page = client.get("/decisions/")

    assert page.status_code == 302
    assert page["Location"] == "/login/code/"
    assert not _signed_in(client)
    client.force_login(decider)
    api = client.get("/api/v1/units/")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"


def test_the_admin_login_form_goes_through_the_same_sign_in(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/admin/")


# --- Session ----------------------------------------------------------------------------------


def test_a_session_lasts_a_working_day_and_ends_with_the_browser(settings: Any) -> None:
    assert settings.SESSION_COOKIE_AGE == 8 * 3600
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True


def test_a_session_older_than_a_working_day_must_sign_in_again(client: Client, clerk: Any) -> None:
    client.force_login(clerk)
    assert client.get("/").status_code == 200
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 8 * 3600 - 60
    session.save()

    response = client.get("/people/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert not _signed_in(client)
