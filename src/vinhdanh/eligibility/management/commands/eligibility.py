from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from vinhdanh.eligibility.core.runner import EXIT_OK, run_case_files


class Command(BaseCommand):
    help = "Evaluate eligibility case files (JSON or YAML, docs/case-format.md) without a database."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", help="case files (.json, .yaml)")
        parser.add_argument("--lang", choices=("vi", "en"), default="vi")
        parser.add_argument("--json-list", action="store_true", help="print one JSON list")
        parser.add_argument(
            "--suggestions", action="store_true", help="add near-miss suggestions to each result"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output, code = run_case_files(
            options["files"], options["lang"], options["json_list"], options["suggestions"]
        )
        if code == EXIT_OK:
            self.stdout.write(output)
            return
        self.stderr.write(output)
        sys.exit(code)
