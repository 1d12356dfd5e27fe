"""`vinhdanh unlock USERNAME`: lift a sign-in lock-out, recorded in the audit log."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.common import context
from vinhdanh.orgs.domain.accounts import unlock


class Command(BaseCommand):
    help = "Lift the sign-in lock-out of an account (every address); the audit log records it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="why, for the audit log")
        parser.add_argument(
            "--lang", choices=("vi", "en"), default="vi", help="language of the messages"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(options["lang"]):
            with context.acting(None, source="cli:unlock"):
                removed = unlock(None, options["username"], reason=options["reason"])
            self.stdout.write(
                _("%(name)s can sign in again (%(count)d failed sign-ins cleared).")
                % {"name": options["username"], "count": removed}
            )
