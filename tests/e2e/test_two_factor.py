"""A decider signs in for the first time with two-step verification required: the password,
then the set-up of an authenticator app (QR code and key in text), then straight in; the next
sign-in asks for the code, and a wrong one is refused.

Debian's Chromium headless through Playwright against pytest-django's live server; the codes
are computed from the key shown on the page, as the phone's app would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time
from typing import Any

import pytest

from tests.factories.orgs import RoleFactory, UnitFactory
from vinhdanh.orgs.enums import UnitLevel

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PASSWORD = "mat-khau-dai-123"


def _totp(secret_text: str, at: float) -> str:
    """RFC 6238 from the key as the page shows it (base32 in groups), as an app computes it."""
    secret = secret_text.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 15
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


@pytest.fixture
def decider(settings: Any) -> Any:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.TWO_FACTOR = "required"
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    return RoleFactory(
        unit=province, user__username="chutich", is_clerk=False, is_decider=True
    ).user


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_decider_sets_up_the_app_then_signs_in_with_a_code(live_server, decider) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect, sync_playwright

    base = live_server.url
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = chromium.new_page()
            page.goto(f"{base}/decisions/")
            page.fill("#id_username", "chutich")
            page.fill("#id_password", PASSWORD)
            page.click("form[action='/login/'] button[type=submit]")

            page.wait_for_url(f"{base}/account/security/setup/")
            expect(page.locator(".qr svg")).to_be_visible()
            secret = page.inner_text("#totp-secret")
            page.goto(f"{base}/people/")  # nothing else before the set-up
            page.wait_for_url(f"{base}/login/?next=/people/")
            page.goto(f"{base}/account/security/setup/")
            page.fill("#id_code", _totp(secret, time.time()))
            page.click("#setup-form button[type=submit]")
            page.wait_for_url(f"{base}/decisions/")
            expect(page.locator("nav.mainnav")).to_be_visible()

            page.click("form[action='/logout/'] button")
            page.goto(f"{base}/login/")
            page.fill("#id_username", "chutich")
            page.fill("#id_password", PASSWORD)
            page.click("form[action='/login/'] button[type=submit]")
            page.wait_for_url(f"{base}/login/code/")
            page.fill("#id_code", _totp(secret, time.time() - 600))  # an old code
            page.click("#code-form button[type=submit]")
            expect(page.locator("#code-form .error")).to_contain_text("không đúng")

            time.sleep(31 - time.time() % 30)  # a code is taken once, and django-otp pauses
            page.fill("#id_code", _totp(secret, time.time()))
            page.click("#code-form button[type=submit]")
            page.wait_for_url(f"{base}/")
            expect(page.locator("a.username")).to_contain_text("chutich")
        finally:
            chromium.close()
