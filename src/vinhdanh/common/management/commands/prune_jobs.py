"""`vinhdanh prune_jobs [--days N]`: forget finished background jobs and their files."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vinhdanh.common.domain.jobs import prune_jobs


class Command(BaseCommand):
    help = (
        "Delete finished background jobs (imports, candidate lists) older than --days, with "
        "their uploaded and generated files. Run it daily beside `refresh_posts`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="keep jobs this many days (default 7)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = prune_jobs(keep_days=max(options["days"], 0))
        self.stdout.write(f"{count} background job(s) removed")
