"""The one sender of notifications: an in-app message per person and one e-mail each.

Every app says *who* hears of a change and *what* they read; `notify` records and sends it.
Call it after the change has committed (`notify_on_commit`): nothing is sent for a change that
rolls back, and a mail server that is down never undoes the change it reports.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.common.models import Notification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Note:
    """One message for one user; `nomination_id` when it is about a dossier."""

    user_id: int
    message: str
    verb: str = ""
    url: str = ""
    nomination_id: int | None = None


def notify(notes: Iterable[Note]) -> list[Notification]:
    """Record the notes in the recipients' inboxes and send each recipient one e-mail listing
    theirs. Inactive users and a second copy of the same note to one user are skipped."""
    notes = list(notes)
    users = get_user_model().objects.in_bulk({n.user_id for n in notes})
    created: list[Notification] = []
    per_user: dict[int, list[Notification]] = defaultdict(list)
    seen: set[tuple[int, str, str, int | None]] = set()
    for note in notes:
        user = users.get(note.user_id)
        key = (note.user_id, note.verb, note.message, note.nomination_id)
        if user is None or not user.is_active or key in seen:
            continue
        seen.add(key)
        row = Notification(
            user_id=note.user_id,
            nomination_id=note.nomination_id,
            verb=note.verb[:20],
            message=note.message[:500],
            url=note.url[:300],
        )
        created.append(row)
        per_user[note.user_id].append(row)
    with transaction.atomic():
        Notification.objects.bulk_create(created)
    for user_id, rows in per_user.items():
        _email(getattr(users[user_id], "email", ""), rows)
    return created


def notify_on_commit(notes: Sequence[Note]) -> None:
    """Send once the surrounding transaction commits; never if it rolls back."""
    if notes:
        payload = list(notes)
        transaction.on_commit(lambda: notify(payload), robust=True)


def _email(address: str, rows: list[Notification]) -> None:
    if not address:
        return
    subject = (
        rows[0].message[:120]
        if len(rows) == 1
        else _("%(n)s dossiers need your attention") % {"n": len(rows)}
    )
    try:
        send_mail(
            f"[{_('Vinh Danh')}] {subject}",
            "\n\n".join(f"- {row.message}" for row in rows),
            settings.DEFAULT_FROM_EMAIL,
            [address],
            fail_silently=False,
        )
    except Exception:  # a mail server that is down: the in-app message is there
        log.exception("could not send the notification e-mail to %s", address)
