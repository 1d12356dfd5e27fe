"""`vinhdanh backup FILE`: the whole database and the uploaded files in one archive."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.common.backup import BackupError, make_backup, summary


class Command(BaseCommand):
    help = (
        "Write every table and every uploaded file to FILE (.tar.gz), on SQLite or PostgreSQL. "
        "`vinhdanh restore FILE` puts them back exactly."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. vinhdanh-2026-12-04.tar.gz")
        parser.add_argument(
            "--lang", choices=("vi", "en"), default="vi", help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["file"])
        with translation.override(options["lang"]):
            if not target.parent.is_dir():
                raise CommandError(_("%(dir)s: no such folder") % {"dir": target.parent})
            try:
                manifest = make_backup(target)
            except (BackupError, OSError) as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                _(
                    "Backup written to %(file)s: %(rows)s rows in %(tables)s tables, "
                    "%(files)s files."
                )
                % {"file": target, **summary(manifest)}
            )
