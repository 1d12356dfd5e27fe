"""`vinhdanh restore FILE [--force]`: replace the database and uploaded files by a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.common import context
from vinhdanh.common.backup import BackupError, restore_backup, summary


class Command(BaseCommand):
    help = (
        "Restore a backup made by `vinhdanh backup`: every table and uploaded file as they "
        "were. A database that already holds data is replaced only with --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an archive written by `vinhdanh backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that already holds data"
        )
        parser.add_argument(
            "--lang", choices=("vi", "en"), default="vi", help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        with translation.override(options["lang"]):
            if not source.is_file():
                raise CommandError(_("%(file)s: no such file") % {"file": source})
            try:
                with context.acting(None, source="cli:restore"):
                    manifest = restore_backup(source, force=options["force"])
            except BackupError as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(
                _("Restored from %(file)s: %(rows)s rows in %(tables)s tables, %(files)s files.")
                % {"file": source, **summary(manifest)}
            )
