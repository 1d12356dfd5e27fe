"""Account and role changes made in the admin are in the audit log, with who made them."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from tests.factories.orgs import UnitFactory, UserFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.models import RoleAssignment

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def admin_client(client, settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    root = UserFactory(username="quantri", is_superuser=True, is_staff=True)
    root.refresh_from_db()
    client.force_login(root, backend=MODEL_BACKEND)
    client.root = root
    return client


def _events(user) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    return list(
        AuditEvent.objects.filter(object_type="auth.user", object_id=str(user.pk)).order_by("pk")
    )


def test_making_someone_superuser_in_the_admin_is_audited(admin_client) -> None:  # type: ignore[no-untyped-def]
    target = UserFactory(username="vanthu", first_name="Lan", last_name="Trần Thị")
    target.refresh_from_db()
    group = Group.objects.create(name="Văn thư")
    url = reverse("admin:auth_user_change", args=[target.pk])
    form = {
        "username": "vanthu",
        "first_name": "Lan",
        "last_name": "Trần Thị",
        "email": "",
        "is_active": "on",
        "is_staff": "on",
        "is_superuser": "on",
        "groups": [group.pk],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "08:00:00",
    }

    response = admin_client.post(url, form)

    assert response.status_code == 302, response.content.decode()[:2000]
    events = _events(target)
    change = next(e for e in events if e.before and not e.before["is_superuser"])
    assert change.after["is_superuser"] is True
    assert change.user_id == admin_client.root.pk
    grant = next(e for e in events if e.after and "groups" in e.after)
    assert grant.after == {"groups": {"add": [str(group.pk)]}}
    assert grant.username == "quantri"
    assert all("md5$" not in str(e.after) for e in events)  # never the password hash


def test_a_role_granted_in_the_admin_is_audited(admin_client) -> None:  # type: ignore[no-untyped-def]
    unit = UnitFactory(name="Sở Nội vụ")
    user = UserFactory(username="lanhdao")
    response = admin_client.post(
        reverse("admin:orgs_roleassignment_add"),
        {"user": user.pk, "unit": unit.pk, "include_subunits": "on", "is_decider": "on"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    role = RoleAssignment.objects.get(user=user)
    event = AuditEvent.objects.get(object_type="orgs.roleassignment", object_id=str(role.pk))
    assert event.after["is_decider"] is True
    assert event.user_id == admin_client.root.pk


def test_logging_in_writes_no_account_change(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    user = UserFactory(username="canbo")
    user.set_password("mot-mat-khau-dai")
    user.save()
    before = AuditEvent.objects.count()

    signed_in = client.post("/login/", {"username": "canbo", "password": "mot-mat-khau-dai"})

    assert signed_in.status_code == 302
    assert AuditEvent.objects.count() == before
