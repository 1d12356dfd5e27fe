"""Who hears of the council and decision steps, and what they read, sent after the commit
through the one sender (`common.notifications`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vinhdanh.common.notifications import Note, notify
from vinhdanh.councils.models import CouncilMember, CouncilSession
from vinhdanh.councils.models.councils import valid_on_q
from vinhdanh.nominations.domain.notifications import users_with
from vinhdanh.orgs.enums import Capability


def _url(name: str, *args: Any) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def send(
    *, users: Iterable[Any], message: str, url: str = "", verb: str = "", nomination: Any = None
) -> int:
    """The same message to each user, through the one sender (`common.notifications`)."""
    notes = [
        Note(
            user_id=user.pk,
            message=message,
            verb=verb,
            url=url,
            nomination_id=getattr(nomination, "pk", None),
        )
        for user in users
        if user is not None
    ]
    return len(notify(notes))


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
