"""Migrations stand alone: a migration that imports application code breaks the day that code
changes (a field added to the catalogue, a function renamed)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps as live_apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import vinhdanh
from vinhdanh.awards.data.catalogue import catalogue, sync_after_migrate

MIGRATIONS = sorted(Path(vinhdanh.__file__).parent.glob("*/migrations/0*.py"))
# Django writes a FileField's `upload_to` callable into the migration by its import path; those
# module-level names are the only application code a migration may name.
UPLOAD_TO_MODULES = {
    "vinhdanh.documents.models",
    "vinhdanh.movements.models.movements",
    "vinhdanh.nominations.models.nominations",
    "vinhdanh.programmes.models.activities",
}


def application_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("vinhdanh")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("vinhdanh"):
            found.add(node.module or "")
    return found


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_a_migration_imports_no_application_code(path: Path) -> None:
    assert application_imports(path) <= UPLOAD_TO_MODULES


@pytest.mark.django_db
def test_the_catalogue_follows_the_code_after_every_migrate() -> None:
    """A kind renamed in the code, or missing from the table, is put right by the next migrate."""
    kind = live_apps.get_model("awards", "AwardKind")
    first = catalogue()[0]
    kind.objects.filter(code=first["code"]).update(name_vi="Tên cũ")
    kind.objects.filter(code=catalogue()[1]["code"]).delete()
    state_apps = MigrationExecutor(connection).loader.project_state().apps
    sync_after_migrate(sender=None, apps=state_apps, using="default")
    assert kind.objects.get(code=first["code"]).name_vi == first["name_vi"]
    assert set(kind.objects.values_list("code", flat=True)) >= {r["code"] for r in catalogue()}
