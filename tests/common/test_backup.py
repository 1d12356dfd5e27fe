"""Backup and restore round-trip every table and every uploaded file exactly."""

from __future__ import annotations

import datetime as dt
import io
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import connection

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FILES = {
    "attachments/2026/12/bao-cao-thanh-tich.pdf": b"%PDF-1.4 b\xe1o c\xe1o\n",
    "attachments/2026/12/Biên bản họp.docx": b"PK\x03\x04 minutes",
    "decisions/125-QĐ-UBND.pdf": bytes(range(256)) * 40,
}


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "media"
    settings.MEDIA_ROOT = root
    for name, content in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return root


@pytest.fixture
def office() -> None:
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level="province", code="HT")
    department = UnitFactory(name="Sở Nội vụ", parent=province, code="SNV")
    clerk = RoleFactory(unit=department, user__username="vanthu").user
    group = Group.objects.create(name="Văn thư")
    group.permissions.add(*Permission.objects.order_by("pk")[:3])
    clerk.groups.add(group)
    hong = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng", code="CB1")
    PostFactory(person=hong, unit=department, start_date=dt.date(2016, 1, 1))
    TaskRatingFactory(person=hong, year=2024, rating="HTXSNV")
    decision = DecisionFactory(issuing_unit=province, number=125, year=2025)
    AwardFactory(decision=decision, person=hong, kind=kind("CSTDCS"), period=2024)


def tables() -> dict[str, list[str]]:
    """Every row of every table, as text, in a stable order."""
    content: dict[str, list[str]] = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            # The migrations' record and SQLite's own planner statistics are not data.
            if table == "django_migrations" or table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            content[table] = sorted(repr(row) for row in cursor.fetchall())
    return content


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_backup_wipe_restore_gives_back_every_table_and_file(
    office: None, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "vinhdanh.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    before_tables, before_files = tables(), files(media)
    last_event = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()

    call_command("flush", interactive=False, verbosity=0)  # the wipe
    for path in media.rglob("*"):
        if path.is_file():
            path.unlink()
    call_command("restore", str(archive), verbosity=0)

    after = tables()
    restored_event = AuditEvent.objects.get(pk__gt=last_event)  # the restore records itself
    assert restored_event.message == "restore vinhdanh.tar.gz"
    assert restored_event.source == "cli:restore"
    audit = AuditEvent._meta.db_table
    after[audit] = sorted(r for r in after[audit] if not r.startswith(f"({restored_event.pk},"))
    assert after == before_tables
    assert files(media) == before_files == FILES
    assert Person.objects.get().full_name == "Nguyễn Thị Hồng"


def test_restore_over_data_is_refused_without_force(
    office: None, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "vinhdanh.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    UnitFactory(name="Xã Thạch Hà", code="XTH")
    (media / "stray.txt").write_bytes(b"uploaded after the backup")
    before = tables()

    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(archive), "--lang", "en", verbosity=0)

    assert tables() == before
    assert (media / "stray.txt").exists()
    call_command("restore", str(archive), "--force", verbosity=0)
    assert not Unit.objects.filter(code="XTH").exists()
    assert files(media) == FILES


def test_restore_of_a_damaged_archive_changes_nothing(
    office: None, media: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "vinhdanh.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member) if member.isfile() else None
            if member.name.startswith("media/decisions/"):
                member.size = 3
                target.addfile(member, io.BytesIO(b"bad"))
            else:
                target.addfile(member, data)
    before, before_files = tables(), files(media)

    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(damaged), "--force", "--lang", "en", verbosity=0)
    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"hello")
    with pytest.raises(CommandError, match="cannot be read"):
        call_command("restore", str(not_a_backup), "--force", "--lang", "en", verbosity=0)

    assert tables() == before
    assert files(media) == before_files
