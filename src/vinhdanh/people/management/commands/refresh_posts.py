"""`vinhdanh refresh_posts`: move people whose recorded posts begin or end in the last days.

A transfer can be recorded before it takes effect; run this once a day (cron or a systemd
timer) so lists by unit follow the posts on the day they change.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.people.domain.posts import refresh_current_unit
from vinhdanh.people.models import Post


class Command(BaseCommand):
    help = "Re-derive each person's current unit and post for posts that began or ended lately."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days", type=int, default=7, help="How many days back to look (default 7)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        since = today - dt.timedelta(days=max(options["days"], 1))
        changed = Post.objects.filter(
            Q(start_date__gt=since, start_date__lte=today)
            | Q(end_date__gte=since, end_date__lt=today)
        )
        ids = sorted(set(changed.values_list("person_id", flat=True)))
        with transaction.atomic():
            for start in range(0, len(ids), 2000):
                refresh_current_unit(ids[start : start + 2000], today=today)
        self.stdout.write(_("%(n)s people checked.") % {"n": len(ids)})
