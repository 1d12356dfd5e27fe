"""Password reset by e-mail: the same answer for a known and an unknown address, the e-mail
in Vietnamese, the link works once, and it lifts a lock-out (audited)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.factories.orgs import RoleFactory, UnitFactory
from vinhdanh.common.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk() -> Any:
    user = RoleFactory(unit=UnitFactory(), user__username="vanthu").user
    user.email = "vanthu@hatinh.gov.vn"
    user.first_name = "Lan"
    user.save()
    return user


@pytest.fixture(autouse=True)
def _short_floor(settings: Any) -> None:
    settings.PASSWORD_RESET_MIN_SECONDS = 0.3


def _ask(client: Client, email: str) -> tuple[Any, float]:
    started = time.monotonic()
    response = client.post("/account/password-reset/", {"email": email})
    return response, time.monotonic() - started


def test_the_login_page_links_to_the_password_reset(client: Client) -> None:
    page = client.get("/login/").content.decode()

    assert 'href="/account/password-reset/"' in page
    assert "Quên mật khẩu?" in page


def test_known_and_unknown_addresses_get_the_same_answer_and_only_the_known_one_an_email(
    client: Client, clerk: Any
) -> None:
    known, known_time = _ask(client, "vanthu@hatinh.gov.vn")
    unknown, unknown_time = _ask(client, "khong-co-ai@hatinh.gov.vn")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_time >= 0.3
    assert unknown_time >= 0.3
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vanthu@hatinh.gov.vn"]
    assert "mật khẩu" in message.subject
    assert "Xin chào Lan" in message.body
    assert "vanthu" in message.body
    done = client.get(known["Location"]).content.decode()
    assert "Nếu địa chỉ" in done  # says "if", never whether the account exists


def test_the_link_sets_a_new_password_once_and_lifts_a_lock_out(client: Client, clerk: Any) -> None:
    for _ in range(6):
        client.post("/login/", {"username": "vanthu", "password": "sai-mat-khau"})
    _ask(client, "vanthu@hatinh.gov.vn")
    link = re.search(r"https?://[^/\s]+(/account/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None

    form = client.get(link.group(1), follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    saved = client.post(
        set_url,
        {"new_password1": "mot-mat-khau-moi-2026", "new_password2": "mot-mat-khau-moi-2026"},
    )

    assert saved.status_code == 302
    assert saved["Location"] == "/account/password-reset/done/"
    assert AuditEvent.objects.filter(
        message="sign-in lock-out lifted", object_id=str(clerk.pk), user_id=clerk.pk
    ).exists()
    changed = AuditEvent.objects.filter(object_type="auth.user", action="update").latest("id")
    assert changed.user_id == clerk.pk  # the new password is the account holder's act
    assert changed.before["password"] != changed.after["password"]
    signed_in = client.post("/login/", {"username": "vanthu", "password": "mot-mat-khau-moi-2026"})
    assert signed_in.status_code == 302
    client.logout()
    again = client.get(link.group(1), follow=True).content.decode()
    assert "không còn dùng được" in again


def test_a_mailbox_is_not_flooded_and_the_page_does_not_tell(client: Client, clerk: Any) -> None:
    answers = [_ask(client, "vanthu@hatinh.gov.vn")[0]["Location"] for _ in range(6)]

    assert len(set(answers)) == 1
    assert len(mail.outbox) == 3
