"""A round's life after it is opened: who can nominate in it, which titles it offers, and
editing, closing or withdrawing it (each change audited)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.versioning import check_version, count_edit
from vinhdanh.nominations.domain.errors import FieldError, NotPermitted, WorkflowError
from vinhdanh.nominations.domain.offers import offered_kinds
from vinhdanh.nominations.domain.workflow import MAX_REASON, transition
from vinhdanh.nominations.enums import NominationState, RoundStatus
from vinhdanh.nominations.models import Round
from vinhdanh.nominations.rules import is_nominating_clerk, may_manage_round
from vinhdanh.orgs.models import RoleAssignment, Unit

# Fields of a round that may change while it is open.
EDITABLE_FIELDS = (
    "name",
    "decider_role",
    "period_label",
    "submission_deadline",
    "appraisal_deadline",
    "planned_decision_date",
    "note",
)


def round_has_clerk(round: Round) -> bool:
    """Does anyone hold the clerk or head role over the nominating unit (who can nominate)?"""
    unit = round.owning_unit
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    return (
        RoleAssignment.objects.filter(Q(is_clerk=True) | Q(is_head=True), user__is_active=True)
        .filter(Q(unit=unit) | Q(unit_id__in=ancestors, include_subunits=True))
        .exists()
    )


def no_clerk_message(round: Round) -> str:
    return _(
        "%(unit)s has no emulation clerk or head in the system: nobody can add nominations to "
        "this round. Give someone that role, or edit, close or withdraw the round."
    ) % {"unit": round.owning_unit.name}


def rounds_open_for(user: Any, *, unit: Unit, year: int, kind: AwardKind) -> list[Round]:
    """The open rounds of the year in which `user` may nominate people or collectives of
    `unit` for `kind`: the user is the clerk or head of the round's nominating unit, which is
    `unit` or a unit above it, and the round's decider may award the title."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    rounds = Round.objects.filter(
        status=RoundStatus.OPEN, year=year, owning_unit_id__in=ancestors
    ).select_related("owning_unit", "decider_unit")
    return [
        r
        for r in rounds.order_by("-owning_unit__depth", "name", "pk")
        if is_nominating_clerk(user, r) and offered_kinds(r, [kind])
    ]


def _require_manager(actor: Any, round: Round) -> None:
    if not may_manage_round(actor, round):
        raise NotPermitted(_("You may not change this round."))


def _require_open(round: Round) -> None:
    if not round.is_open:
        raise WorkflowError(
            _("This round is “%(status)s”: it can no longer be changed.")
            % {"status": round.get_status_display()}
        )


def check_round_dates(
    submission_deadline: dt.date | None,
    appraisal_deadline: dt.date | None,
    planned_decision_date: dt.date | None,
) -> None:
    """Dossiers come in, are appraised, then decided: the dates given must keep that order."""
    if submission_deadline and appraisal_deadline and appraisal_deadline < submission_deadline:
        raise FieldError(
            "appraisal_deadline",
            _("The appraisal deadline cannot be before the submission deadline."),
        )
    earlier = [d for d in (submission_deadline, appraisal_deadline) if d]
    if planned_decision_date and earlier and planned_decision_date < max(earlier):
        raise FieldError(
            "planned_decision_date",
            _("The planned decision date cannot be before the submission or appraisal deadline."),
        )


@transaction.atomic
def update_round(*, actor: Any, round: Round, version: int | None = None, **changes: Any) -> Round:
    """Change the name, authority, period, deadlines or note of an open round.

    `version` is the one the editor read: a round saved by someone else since then is not
    overwritten (`StaleEdit`, with what differs).
    """
    locked = Round.objects.select_for_update().get(pk=round.pk)
    _require_manager(actor, locked)
    _require_open(locked)
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise WorkflowError(_("These fields cannot be changed: %(f)s.") % {"f": ", ".join(unknown)})
    if "name" in changes:
        changes["name"] = str(changes["name"] or "").strip()
        if not changes["name"]:
            raise WorkflowError(_("Give the round a name."))
    for field in ("period_label", "note"):
        if field in changes:
            changes[field] = str(changes[field] or "").strip()
    dates = ("submission_deadline", "appraisal_deadline", "planned_decision_date")
    check_round_dates(*(changes.get(f, getattr(locked, f)) for f in dates))
    check_version(locked, version, changes)
    count_edit(locked)
    with acting_as(actor):
        for field, value in changes.items():
            setattr(locked, field, value)
        locked.save()
    round.refresh_from_db()
    return round


def _end(actor: Any, round: Round, reason: str, status: str) -> Round:
    _require_manager(actor, round)
    _require_open(round)
    reason = (reason or "").strip()[:MAX_REASON]
    if not reason:
        raise WorkflowError(_("Give the reason."))
    with acting_as(actor):
        round.status = status
        round.status_reason = reason
        round.save(update_fields=["status", "status_reason"])
        record_action(round, f"round {status}", reason=reason)
    return round


@transaction.atomic
def close_round(*, actor: Any, round: Round, reason: str) -> Round:
    """No new nomination; the nominations already in the round go on to their end."""
    return _end(actor, round, reason, RoundStatus.CLOSED)


# A clerk may still withdraw these one by one (TRANSITIONS); later ones go on to their end.
_STILL_WITHDRAWABLE = (NominationState.SUBMITTED, NominationState.APPRAISED)


def withdraw_refusal(round: Round) -> str | None:
    """Why the round cannot be cancelled, naming what to do instead; None when it can be."""
    sent = round.nominations.exclude(
        state__in=(
            NominationState.DRAFT,
            NominationState.RETURNED,
            NominationState.WITHDRAWN,
        )
    )
    if not sent.exists():
        return None
    if sent.filter(state__in=_STILL_WITHDRAWABLE).exists():
        return _(
            "Nominations of this round have already been submitted: close the round "
            "instead, or first withdraw the submitted dossiers that are still being appraised."
        )
    return _(
        "Nominations of this round have already passed appraisal and can no longer be "
        "withdrawn: close the round instead (its dossiers go on to their end)."
    )


@transaction.atomic
def withdraw_round(*, actor: Any, round: Round, reason: str) -> Round:
    """Cancel a round nothing has left yet: its drafts and returned dossiers are withdrawn."""
    _require_manager(actor, round)
    refusal = withdraw_refusal(round)
    if refusal:
        raise WorkflowError(refusal)
    drafts = round.nominations.filter(state__in=(NominationState.DRAFT, NominationState.RETURNED))
    if drafts.exists() and not is_nominating_clerk(actor, round):
        raise WorkflowError(
            _("The round still has drafts: the nominating unit's clerk must withdraw them first.")
        )
    _end(actor, round, reason, RoundStatus.WITHDRAWN)
    for nomination in round.nominations.filter(
        state__in=(NominationState.DRAFT, NominationState.RETURNED)
    ):
        transition(nomination=nomination, to=NominationState.WITHDRAWN, actor=actor, reason=reason)
    return round
