"""`vinhdanh import KIND FILE [--dry-run]`: all or nothing, one line per problem."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.common.importing import KINDS, run_import


class Command(BaseCommand):
    help = (
        "Import units, people, ratings, initiatives or awards from an .xlsx or .csv file with "
        "the Vietnamese column headers of the templates. Everything is checked first; if any "
        "row has a problem, each problem is printed as 'row N, column C: message', nothing is "
        "written and the exit code is 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS, help="what the file holds")
        parser.add_argument("file", help="an .xlsx or .csv (UTF-8) file")
        parser.add_argument(
            "--dry-run", action="store_true", help="check and report, but write nothing"
        )
        parser.add_argument(
            "--lang", choices=("vi", "en"), default="vi", help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with translation.override(options["lang"]):
            result = run_import(
                kind=options["kind"],
                source=path,
                dry_run=options["dry_run"],
                audit_source="cli:import",
            )
            if result.problems:
                for problem in result.problems:
                    self.stdout.write(str(problem))
                self.stderr.write(
                    _("%(count)s problem(s) found in %(file)s: nothing was imported.")
                    % {"count": len(result.problems), "file": path.name}
                )
                raise SystemExit(1)
            if result.written:
                self.stdout.write(
                    _("Imported from %(file)s (%(rows)s rows):")
                    % {"file": path.name, "rows": result.rows}
                )
            else:
                self.stdout.write(
                    _(
                        "Dry run: %(file)s (%(rows)s rows) has no problem; nothing was written. "
                        "It would import:"
                    )
                    % {"file": path.name, "rows": result.rows}
                )
            for label, count in result.count_lines():
                self.stdout.write(f"  {label}: {count}")
            if options["verbosity"] >= 2 and result.preview:
                self.stdout.write("\t".join(result.preview_headers))
                for cells in result.preview:
                    self.stdout.write("\t".join(cells))
