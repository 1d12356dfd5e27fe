"""Notifications of the council and decision steps, sent after the commit.

In-app rows use the nomination workflow's `Notification` model; email goes through Django's
backend (console by default). Failures to send mail never undo the change they report.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.councils.models import CouncilMember, CouncilSession
from vinhdanh.councils.models.councils import valid_on_q
from vinhdanh.nominations.domain.notifications import users_with
from vinhdanh.nominations.models import Notification
from vinhdanh.orgs.enums import Capability

log = logging.getLogger(__name__)


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def send(
    *, users: Iterable[Any], message: str, url: str = "", verb: str = "", nomination: Any = None
) -> int:
    """One in-app notification per user, and an email to those with an address."""
    sent = 0
    seen: set[int] = set()
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        Notification.objects.create(
            user=user, nomination=nomination, verb=verb[:20], message=message[:500], url=url[:300]
        )
        if user.email:
            try:
                send_mail(
                    subject=message[:120],
                    message=message,
                    from_email=None,
                    recipient_list=[user.email],
                    fail_silently=False,
                )
            except Exception:  # pragma: no cover - a mail server that is down
                log.exception("could not send the notification email to user %s", user.pk)
        sent += 1
    return sent


def _members(session: CouncilSession) -> list[Any]:
    user_ids = (
        CouncilMember.objects.filter(council_id=session.council_id)
        .filter(valid_on_q(session.date))
        .values_list("user_id", flat=True)
    )
    return list(get_user_model().objects.filter(pk__in=list(user_ids)))


def notify_voting_open(*, session_id: int) -> int:
    session = CouncilSession.objects.select_related("council").get(pk=session_id)
    with translation.override("vi"):
        message = _("Voting is open: %(session)s (%(council)s).") % {
            "session": session.title,
            "council": session.council.name,
        }
    return send(
        users=_members(session),
        message=message,
        url=_url("web:councils:session", session.pk),
        verb="vote_open",
    )


def notify_session_closed(*, session_id: int) -> int:
    session = CouncilSession.objects.select_related("council", "council__unit").get(pk=session_id)
    office = users_with(session.council.unit, (Capability.OFFICE, Capability.DECIDER))
    users = _members(session) + list(get_user_model().objects.filter(pk__in=office))
    with translation.override("vi"):
        message = _(
            "The council session %(session)s is closed; the tally and minutes are ready."
        ) % {"session": session.title}
    return send(
        users=users,
        message=message,
        url=_url("web:councils:session", session.pk),
        verb="session_closed",
    )
