"""`vinhdanh generate_demo --people N --seed S [--if-empty]`: the demo province."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from vinhdanh.demo.generate import DemoError, generate_demo


class Command(BaseCommand):
    help = "Generate a realistic, deterministic demo province (units, people, ratings, awards)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--start-year", type=int, default=2016)
        parser.add_argument("--end-year", type=int, default=2025)
        parser.add_argument("--chunk-size", type=int, default=20_000)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has units (makes `make demo` idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        people: int = options["people"]
        if people < 0:
            raise CommandError(_("The number of people cannot be negative."))
        if options["end_year"] < options["start_year"]:
            raise CommandError(_("The end year comes before the start year."))
        try:
            summary = generate_demo(
                people=people,
                seed=options["seed"],
                start_year=options["start_year"],
                end_year=options["end_year"],
                chunk_size=max(1, options["chunk_size"]),
                if_empty=options["if_empty"],
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except DemoError as exc:
            raise CommandError(
                _("The database already has units: demo data goes into an empty database.")
            ) from exc
        if summary.skipped:
            self.stdout.write(_("The database already has units: demo data not generated."))
            return
        self.stdout.write(
            _("Demo province generated in %(seconds).1f s:") % {"seconds": summary.elapsed}
        )
        for table, count in sorted(summary.rows.items()):
            self.stdout.write(f"  {table:<34} {count:>12,}")
        self.stdout.write(_("Awards by kind:"))
        for kind, count in summary.awards.items():
            self.stdout.write(f"  {kind:<34} {count:>12,}")
