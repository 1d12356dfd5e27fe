"""`vinhdanh demo_logins`: create (idempotently) and print the demo users."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from vinhdanh.demo.logins import ensure_demo_logins, format_table, format_tries


class Command(BaseCommand):
    help = "Create or refresh the demo users (one per role) and print them with the password."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = ensure_demo_logins()
        self.stdout.write(_("Demo logins (demo data only: change or remove them in production):"))
        self.stdout.write(format_table(logins))
        tries = format_tries(logins)
        if tries:
            self.stdout.write("")
            self.stdout.write(tries)
        if len(logins) == 1:
            self.stdout.write(_("No demo province yet: run `vinhdanh generate_demo` first."))
