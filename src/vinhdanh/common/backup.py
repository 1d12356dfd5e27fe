"""Backup and restore of the whole system: every table and every uploaded file, exactly.

One archive (.tar.gz) holds a manifest, one JSON-lines file per model (Django's own
serialisation, rows by primary key) and the media folder. It is independent of the database
engine, so a SQLite office can also move to PostgreSQL with it. Rows are streamed in both
directions, so a province's database never has to fit in memory.

Restore empties the database first (flush, without re-creating the content types or
permissions that migrations would) and loads the rows with their primary keys; Django's
loaddata defers foreign-key checks to the end and resets PostgreSQL's sequences.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.common.audit import paused as audit_paused
from vinhdanh.common.audit import record_system_action
from vinhdanh.common.domain.planner import refresh_planner_statistics

FORMAT = 1
MANIFEST = "manifest.json"
DATA_DIR = "data"
MEDIA_DIR = "media"
CHUNK = 2000


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why and what to do."""


@dataclass
class Manifest:
    created: str
    vendor: str
    migrations: list[list[str]]
    rows: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # media path → sha256
    format: int = FORMAT

    def to_json(self) -> bytes:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1, sort_keys=True).encode()


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete table Django manages, the many-to-many link tables included as tables of
    their own (with their ids), so that a restore gives back every row exactly."""
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]


def _columns(model: type[models.Model]) -> list[str]:
    """The fields written for a model: its own columns; many-to-many links travel as rows of
    their link table instead."""
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def applied_migrations() -> list[list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return []
    return sorted([app, name] for app, name in recorder.applied_migrations())


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def _media_files() -> Iterator[tuple[str, Path]]:
    root = _media_root()
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file():
            yield path.relative_to(root).as_posix(), path


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def make_backup(target: Path) -> Manifest:
    """Write the archive to `target` (a temporary name first, so a failure leaves no half file)."""
    manifest = Manifest(
        created=timezone.now().isoformat(),
        vendor=connection.vendor,
        migrations=applied_migrations(),
    )
    partial = target.with_name(target.name + ".partial")
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(partial, "w:gz") as archive:
        for model in backed_up_models():
            label = model._meta.label_lower
            path = Path(tmp) / f"{label}.jsonl"
            with open(path, "w", encoding="utf-8") as out:
                rows = model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)
                serializers.serialize(
                    "jsonl", rows, stream=out, cls=ExactJSONEncoder, fields=_columns(model)
                )
            count = model._base_manager.count()
            if count:
                manifest.rows[label] = count
                archive.add(path, arcname=f"{DATA_DIR}/{label}.jsonl")
        for name, path in _media_files():
            manifest.files[name] = _sha256(path)
            archive.add(path, arcname=f"{MEDIA_DIR}/{name}")
        info = tarfile.TarInfo(MANIFEST)
        data = manifest.to_json()
        info.size = len(data)
        info.mtime = int(dt.datetime.now().timestamp())
        archive.addfile(info, io.BytesIO(data))
    partial.replace(target)
    return manifest


def holds_data() -> bool:
    """Whether anything a person entered is in the database (migrations' own rows aside)."""
    from django.apps import apps
    from django.contrib.auth import get_user_model

    from vinhdanh.common.models import AuditEvent

    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return False
    # Units and people by their labels: common ranks below orgs and people and never imports them.
    entered = (get_user_model(), apps.get_model("orgs", "Unit"), apps.get_model("people", "Person"))
    return any(m.objects.exists() for m in (*entered, AuditEvent)) or any(_media_files())


def read_manifest(archive: tarfile.TarFile) -> Manifest:
    try:
        member = archive.extractfile(MANIFEST)
        if member is None:
            raise KeyError(MANIFEST)
        raw = json.loads(member.read())
        manifest = Manifest(**raw)
    except (KeyError, ValueError, TypeError):
        raise BackupError(_("This file is not a Vinh Danh backup (it has no manifest).")) from None
    if manifest.format != FORMAT:
        raise BackupError(
            _("This backup has format %(found)s; this version reads format %(known)s.")
            % {"found": manifest.format, "known": FORMAT}
        )
    return manifest


def restore_backup(source: Path, *, force: bool = False) -> Manifest:
    """Replace the database and the media folder with the archive's content."""
    with _open_archive(source) as archive, tempfile.TemporaryDirectory() as tmp:
        manifest = read_manifest(archive)
        if holds_data() and not force:
            raise BackupError(
                _(
                    "The database already holds data. Restoring replaces all of it: run the "
                    "command again with --force if that is what you want."
                )
            )
        archive.extractall(tmp, filter="data")
        _check_media(Path(tmp) / MEDIA_DIR, manifest)  # before anything is replaced
        _bring_schema_to(manifest)
        fixtures = sorted(str(p) for p in (Path(tmp) / DATA_DIR).glob("*.jsonl"))
        with transaction.atomic():  # all rows or none
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            if fixtures:
                with audit_paused():
                    call_command("loaddata", *fixtures, verbosity=0)
            record_system_action(
                "common.backup",
                source.name,
                f"restore {source.name}",
                created=manifest.created,
                rows=sum(manifest.rows.values()),
                files=len(manifest.files),
            )
        _replace_media(Path(tmp) / MEDIA_DIR, manifest)
        call_command("migrate", interactive=False, verbosity=0)
        refresh_planner_statistics()
    cache.clear()  # counts and lists of the replaced data, under ids the restored rows reuse
    return manifest


def _open_archive(source: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(source, "r:gz")
    except (OSError, tarfile.TarError):
        raise BackupError(
            _("%(file)s cannot be read as a Vinh Danh backup (.tar.gz).") % {"file": source}
        ) from None


def _bring_schema_to(manifest: Manifest) -> None:
    """The tables must be those the backup was made from: migrate a new database to that state;
    refuse a database migrated differently rather than load rows into the wrong columns."""
    wanted = {tuple(m) for m in manifest.migrations}
    applied = {tuple(m) for m in applied_migrations()}
    if applied == wanted:
        return
    if not applied:
        last: dict[str, str] = {}
        for app, name in sorted(wanted):
            last[app] = max(last.get(app, ""), name)
        call_command("migrate", "contenttypes", interactive=False, verbosity=0)
        for app, name in sorted(last.items()):
            call_command("migrate", app, name, interactive=False, verbosity=0)
        if {tuple(m) for m in applied_migrations()} == wanted:
            return
    missing = sorted(f"{a}.{n}" for a, n in wanted - applied)
    extra = sorted(f"{a}.{n}" for a, n in applied - wanted)
    raise BackupError(
        _(
            "The backup was made at another version of the database schema (missing here: "
            "%(missing)s; not in the backup: %(extra)s). Restore it into a new, empty database "
            "(not migrated), or with the version of Vinh Danh that made it."
        )
        % {"missing": ", ".join(missing[:5]) or "—", "extra": ", ".join(extra[:5]) or "—"}
    )


def _check_media(extracted: Path, manifest: Manifest) -> None:
    for name, digest in manifest.files.items():
        source = extracted / name
        if not source.is_file() or _sha256(source) != digest:
            raise BackupError(
                _("The file %(name)s in the backup is missing or damaged: nothing was restored.")
                % {"name": name}
            )


def _replace_media(extracted: Path, manifest: Manifest) -> None:
    root = _media_root()
    if root.exists():
        for child in root.iterdir():
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    for name in manifest.files:
        source = extracted / name
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def summary(manifest: Manifest) -> dict[str, Any]:
    return {
        "rows": sum(manifest.rows.values()),
        "tables": len(manifest.rows),
        "files": len(manifest.files),
    }
