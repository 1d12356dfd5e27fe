from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from vinhdanh.awards.models import Award
from vinhdanh.common.models import AuditEvent
from vinhdanh.demo.logins import DEMO_PASSWORD
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.models import RoleAssignment, Unit
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db


def _run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _counts() -> tuple[int, ...]:
    return (
        Unit.objects.count(),
        Person.objects.count(),
        Award.objects.count(),
        Nomination.objects.count(),
        AuditEvent.objects.count(),
    )


def test_generate_demo_if_empty_second_run_changes_nothing() -> None:
    _run("generate_demo", "--people", "60", "--seed", "3", "--if-empty")
    first = _counts()
    assert first[1] == 60
    assert first[2] > 0
    _run("generate_demo", "--people", "60", "--seed", "3", "--if-empty")
    assert _counts() == first


def test_generate_demo_without_if_empty_refuses_a_non_empty_database() -> None:
    _run("generate_demo", "--people", "20", "--seed", "3")
    with pytest.raises(CommandError):
        _run("generate_demo", "--people", "20", "--seed", "3")


def test_generate_demo_writes_one_audit_record_not_one_per_row() -> None:
    _run("generate_demo", "--people", "40", "--seed", "4")
    events = AuditEvent.objects.filter(source="cli:generate_demo")
    assert events.filter(message="demo data generated").count() == 1
    # The bulk rows are not audited one by one; only the story's workflow steps are, each
    # like a user's click (demo/story.py), and so are the demo programme's (demo/programme.py).
    assert AuditEvent.objects.exclude(object_type__startswith="programmes.").count() < 300
    assert AuditEvent.objects.exclude(source__startswith="cli:").count() == 0


def test_demo_logins_second_run_changes_nothing_and_passwords_work() -> None:
    _run("generate_demo", "--people", "80", "--seed", "5")
    first_output = _run("demo_logins")
    users, roles = get_user_model().objects.count(), RoleAssignment.objects.count()
    second_output = _run("demo_logins")
    assert (get_user_model().objects.count(), RoleAssignment.objects.count()) == (users, roles)
    assert first_output == second_output
    assert DEMO_PASSWORD in second_output
    for username in ("admin", "vanphong", "lanhdao", "vanthu.sotuphap", "hoidong", "canbo"):
        assert username in second_output
        # As the login page asks (django-axes watches every sign-in and needs its request).
        request = RequestFactory().post("/login/")
        assert authenticate(request, username=username, password=DEMO_PASSWORD) is not None
    assert "vanthu." in second_output.replace("vanthu.sotuphap", "")


def test_demo_logins_roles_match_their_purpose() -> None:
    _run("generate_demo", "--people", "80", "--seed", "5")
    _run("demo_logins")
    province = Unit.objects.get(parent__isnull=True, level="province")
    office = RoleAssignment.objects.get(user__username="vanphong")
    assert office.unit == province
    assert office.include_subunits
    assert office.is_emulation_office
    assert office.is_council_member
    decider = RoleAssignment.objects.get(user__username="lanhdao")
    assert decider.unit == province
    assert decider.is_decider
    clerk = RoleAssignment.objects.get(user__username="vanthu.sotuphap")
    assert clerk.unit.name == "Sở Tư pháp"
    assert clerk.is_clerk
    commune_clerk = RoleAssignment.objects.get(
        user__username__startswith="vanthu.", unit__level="commune"
    )
    assert commune_clerk.unit.valid_to is None
    assert commune_clerk.is_clerk
    assert RoleAssignment.objects.get(user__username="hoidong").is_council_member
    staff = Person.objects.get(user__username="canbo")
    assert staff.awards.exists()
    assert get_user_model().objects.get(username="admin").is_superuser


def test_demo_logins_without_a_demo_province_creates_only_the_admin() -> None:
    output = _run("demo_logins")
    assert "admin" in output
    assert get_user_model().objects.count() == 1


def test_generate_demo_leaves_the_id_sequences_ready_for_new_rows() -> None:
    _run("generate_demo", "--people", "30", "--seed", "6")
    largest_unit = Unit.objects.order_by("-pk").values_list("pk", flat=True)[0]
    unit = Unit.objects.create(code="NEW", name="Đơn vị mới", level="other")
    person = Person.objects.create(code="NEW1", family_name="Lê", given_name="Na")
    assert unit.pk > largest_unit
    assert person.pk > 30


def test_generate_demo_summary_speaks_vietnamese() -> None:
    out = _run("generate_demo", "--people", "30", "--seed", "5")
    assert "Khen thưởng theo loại" in out
    assert "Lao động tiên tiến" in out
    assert "Xếp loại mức độ hoàn thành nhiệm vụ" in out
    for raw in ("awards_award", "people_person", "open_reviews", "revoked", "posts", "LDTT"):
        assert raw not in out, raw


def test_generate_demo_writes_numbers_the_vietnamese_way() -> None:
    """Counts grouped with a dot and seconds with a decimal comma, like the words around them
    (not “3,000/3,000 · 4.4 giây”)."""
    import re

    from django.utils import translation

    from vinhdanh.demo.generate import number

    with translation.override("vi"):
        assert number(3000) == "3.000"
        assert number(28958) == "28.958"
        assert number(4.44, decimals=1) == "4,4"
        output = _run("generate_demo", "--people", "60", "--seed", "3", "--chunk-size", "20")
    assert re.search(r"Đã tạo tỉnh mẫu trong \d+,\d giây:", output), output
    assert re.search(r"\d+,\d giây\n", output), output  # the progress lines
    assert not re.search(r"\d\.\d giây|\d,\d{3}\b", output), output
    with translation.override("en"):
        assert number(3000) == "3,000"
