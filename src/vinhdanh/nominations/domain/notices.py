"""Public notice (công khai, lấy ý kiến), rules.md §5.5.

Whether nominees of an award kind must be posted, and for how many working days, is the
engine's parameter `public_notice_working_days` (per award code, with its effective date and
jurisdiction; 0 means no notice). For a code the parameter does not name, the defaults are
those of rules.md §5.5: state-level forms and state honorary titles 10 working days (R-PUB-1,
R-PUB-2), base-level lists 5 working days (R-PUB-3, commonly 3–5), other levels none. A
nominee whose kind requires a notice cannot be proposed before the window has closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.errors import DecisionError
from vinhdanh.awards.domain.register import register_document
from vinhdanh.awards.enums import AwardCategory, AwardLevel, OutgoingKind
from vinhdanh.awards.models import AwardKind
from vinhdanh.common.audit import record_action
from vinhdanh.nominations.domain.calendar import add_working_days
from vinhdanh.nominations.domain.errors import NoticeOpen, NotPermitted, WorkflowError
from vinhdanh.nominations.domain.parameters import parameters_for
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, PublicComment, PublicNotice, Round
from vinhdanh.nominations.rules import is_proposer
from vinhdanh.orgs.models import Unit

# States in which nominees may be posted: after appraisal, before the proposal.
POSTABLE_STATES = (NominationState.APPRAISED, NominationState.VOTED)
MAX_COMMENT_LENGTH = 2000


@dataclass(frozen=True)
class NoticeRequirement:
    required: bool
    working_days: int
    basis: str  # where the answer comes from (a rule's note, or the rules.md default)


def default_requirement(kind: AwardKind) -> NoticeRequirement:
    if kind.level == AwardLevel.STATE or kind.category == AwardCategory.HONORARY:
        return NoticeRequirement(True, 10, "rules.md §5.5 R-PUB-1, R-PUB-2")
    if kind.level == AwardLevel.BASE:
        return NoticeRequirement(True, 5, "rules.md §5.5 R-PUB-3")
    return NoticeRequirement(False, 0, "rules.md §5.5")


def notice_requirement(kind: AwardKind, *, unit: Unit, on: dt.date) -> NoticeRequirement:
    """The posting period in force on `on` for rounds of `unit` (the nominating unit)."""
    params = parameters_for(unit, on)
    days = params.public_notice_working_days.get(kind.code)
    if days is None:
        return default_requirement(kind)
    source = params.jurisdiction or "public_notice_working_days"
    return NoticeRequirement(days > 0, days, source)


def requirement_for(nomination: Nomination, *, on: dt.date | None = None) -> NoticeRequirement:
    return notice_requirement(
        nomination.kind, unit=nomination.round.owning_unit, on=on or timezone.localdate()
    )


def proposal_blocker(nomination: Nomination, *, on: dt.date) -> str | None:
    """Why this nominee cannot be proposed yet because of the public notice, or None."""
    need = requirement_for(nomination, on=on)
    if not need.required:
        return None
    notices = list(
        PublicNotice.objects.filter(nominations=nomination, working_days__gte=need.working_days)
    )
    if any(n.is_closed_on(on) for n in notices):
        return None
    pending = [n for n in notices if not n.is_closed_on(on)]
    if pending:
        last = min(n.ends_on for n in pending)
        return _(
            "The public notice window is still open until %(end)s: %(subject)s can be proposed "
            "from %(next)s."
        ) % {
            "end": last.strftime("%d/%m/%Y"),
            "subject": nomination.subject_name,
            "next": (last + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
        }
    return _(
        "%(kind)s requires a public notice of %(days)s working days before the nomination is "
        "proposed to the decider; none has been posted for %(subject)s."
    ) % {
        "kind": nomination.kind.name,
        "days": need.working_days,
        "subject": nomination.subject_name,
    }


def notice_open_until(nomination: Nomination, *, on: dt.date) -> dt.date | None:
    """The last day of a public notice on this nominee that has not closed by `on`, or None.

    A notice not yet started counts as open: opinions can still come in.
    """
    ends = [
        n.ends_on
        for n in PublicNotice.objects.filter(nominations=nomination)
        if not n.is_closed_on(on)
    ]
    return max(ends, default=None)


def decision_blocker(nomination: Nomination, *, on: dt.date) -> str | None:
    """Why a decision on this nominee must wait for its public notice, or None."""
    end = notice_open_until(nomination, on=on)
    if end is None:
        return None
    return _(
        "The public notice on %(subject)s is open until %(end)s: a decision can be issued "
        "from %(next)s, or now with a recorded reason for not waiting."
    ) % {
        "subject": nomination.subject_name,
        "end": end.strftime("%d/%m/%Y"),
        "next": (end + dt.timedelta(days=1)).strftime("%d/%m/%Y"),
    }


def may_post_notice(user: Any, round: Round) -> bool:
    """Offer "post a notice" only to the office that may post it, and only when there is an
    appraised or voted nominee to post (otherwise the button leads to a refusal)."""
    return is_proposer(user, round) and round.nominations.filter(state__in=POSTABLE_STATES).exists()


@transaction.atomic
def post_notice(
    *,
    actor: Any,
    round: Round,
    starts_on: dt.date,
    nominations: Iterable[Nomination] | None = None,
    working_days: int | None = None,
    title: str = "",
    number: int | None = None,
) -> PublicNotice:
    """Post nominees of a round for public comment, for the longest period their kinds need.

    Posting publishes the notice: it takes its number (TB) from the register of outgoing
    documents of the round's unit, `number` when the văn thư gives it."""
    if not is_proposer(actor, round):
        raise NotPermitted(_("You may not post public notices for this round."))
    today = timezone.localdate()
    if starts_on < today:
        raise WorkflowError(_("A public notice cannot start in the past."))
    if nominations is None:
        chosen = list(round.nominations.filter(state__in=POSTABLE_STATES).select_related("kind"))
    else:
        chosen = list(nominations)
    if not chosen:
        raise WorkflowError(_("There is no appraised or voted nominee to post."))
    for nomination in chosen:
        if nomination.round_id != round.pk or nomination.state not in POSTABLE_STATES:
            raise WorkflowError(
                _("%(subject)s cannot be posted: only appraised or voted nominees are.")
                % {"subject": nomination.subject_name}
            )
    needed = max(
        (requirement_for(n, on=starts_on).working_days for n in chosen),
        default=0,
    )
    days = working_days if working_days is not None else max(needed, 1)
    if days < max(needed, 1):
        raise WorkflowError(
            _("These nominees must be posted for at least %(days)s working days.")
            % {"days": needed}
        )
    notice = PublicNotice.objects.create(
        round=round,
        title=title.strip() or round.name,
        starts_on=starts_on,
        working_days=days,
        ends_on=add_working_days(starts_on, days),
        posted_by=actor if getattr(actor, "pk", None) else None,
    )
    notice.nominations.set(chosen)
    try:
        entry = register_document(
            kind=OutgoingKind.NOTICE,
            issuing_unit=round.owning_unit,
            signed_on=starts_on,
            subject=notice.title,
            actor=actor,
            number=number,
            notice=notice,
        )
    except DecisionError as error:  # the văn thư's number is taken: nothing is posted
        raise WorkflowError(str(error)) from error
    record_action(
        notice,
        "public notice posted",
        number=entry.number_label,
        round=round.pk,
        starts_on=starts_on,
        ends_on=notice.ends_on,
        working_days=days,
        nominations=[n.pk for n in chosen],
    )
    return notice


@transaction.atomic
def add_public_comment(
    *,
    notice: PublicNotice,
    content: str,
    name: str = "",
    nomination: Nomination | None = None,
) -> PublicComment:
    """An opinion from the public page; only while the window is open."""
    today = timezone.localdate()
    if not notice.is_open_on(today):
        raise NoticeOpen(_("This public notice is not open for comments."))
    content = content.strip()
    if not content:
        raise WorkflowError(_("Write your opinion before sending it."))
    if len(content) > MAX_COMMENT_LENGTH:
        raise WorkflowError(
            _("An opinion is at most %(n)s characters long.") % {"n": MAX_COMMENT_LENGTH}
        )
    if nomination is not None and not notice.nominations.filter(pk=nomination.pk).exists():
        raise WorkflowError(_("This nominee is not on the notice."))
    return PublicComment.objects.create(
        notice=notice, nomination=nomination, name=name.strip()[:120], content=content
    )
