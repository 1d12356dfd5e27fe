"""Opening rounds and preparing dossiers: everything but the change of state (workflow.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from vinhdanh.awards.enums import AwardType
from vinhdanh.awards.models import AwardKind
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.files import UploadError, check_upload
from vinhdanh.common.versioning import check_version, count_edit
from vinhdanh.movements.models import Movement
from vinhdanh.nominations.domain.eligibility import refresh_eligibility
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.offers import offered_kinds
from vinhdanh.nominations.domain.quotas import over_quota_message, quota_report
from vinhdanh.nominations.domain.rounds import check_round_dates
from vinhdanh.nominations.domain.workflow import MAX_REASON
from vinhdanh.nominations.enums import ACTIVE_STATES, AttachmentKind, NominationState
from vinhdanh.nominations.enums import Outcome as NominationOutcome
from vinhdanh.nominations.models import Attachment, Nomination, NominationEvent, Round
from vinhdanh.nominations.rules import is_nominating_clerk, may_launch_rounds, may_override
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

S = NominationState
# An override may be recorded until the council has voted.
OVERRIDABLE_STATES = frozenset({S.DRAFT, S.RETURNED, S.SUBMITTED, S.APPRAISED})


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _is_under(unit: Unit | None, ancestor: Unit) -> bool:
    return unit is not None and unit.path.startswith(ancestor.path)


@transaction.atomic
def create_round(
    *,
    actor: Any,
    name: str,
    owning_unit: Unit,
    decider_unit: Unit,
    year: int,
    decider_role: str = "",
    award_type: str = "",
    movement: Movement | None = None,
    programme: Any = None,
    period_label: str = "",
    submission_deadline: dt.date | None = None,
    appraisal_deadline: dt.date | None = None,
    planned_decision_date: dt.date | None = None,
    note: str = "",
) -> Round:
    """Open a round of nominations from `owning_unit` to the body that decides."""
    if not may_launch_rounds(actor, owning_unit):
        raise NotPermitted(_("You may not open rounds for %(unit)s.") % {"unit": owning_unit})
    name = name.strip()
    if not name:
        raise WorkflowError(_("Give the round a name."))
    if not _is_under(owning_unit, decider_unit):
        raise WorkflowError(
            _("The deciding unit must be %(unit)s itself or a unit above it.")
            % {"unit": owning_unit}
        )
    if movement is not None and not _is_under(owning_unit, movement.launched_by):
        raise WorkflowError(
            _("%(unit)s is not under %(launcher)s, which launched this movement.")
            % {"unit": owning_unit, "launcher": movement.launched_by}
        )
    if programme is not None and not _is_under(owning_unit, programme.owner_unit):
        raise WorkflowError(
            _("%(unit)s is not under %(owner)s, which runs this programme.")
            % {"unit": owning_unit, "owner": programme.owner_unit}
        )
    check_round_dates(submission_deadline, appraisal_deadline, planned_decision_date)
    if not award_type:
        thematic = movement is not None or programme is not None
        award_type = AwardType.PHONG_TRAO if thematic else AwardType.CONG_TRANG
    with acting_as(actor):
        round_ = Round.objects.create(
            name=name,
            owning_unit=owning_unit,
            decider_unit=decider_unit,
            decider_role=decider_role,
            year=year,
            period_label=period_label.strip(),
            award_type=award_type,
            movement=movement,
            programme=programme,
            submission_deadline=submission_deadline,
            appraisal_deadline=appraisal_deadline,
            planned_decision_date=planned_decision_date,
            note=note.strip(),
            created_by=_user(actor),
        )
    return round_


def _check_subject(
    round_: Round, kind: AwardKind, person: Person | None, unit: Unit | None
) -> None:
    if (person is None) == (unit is None):
        raise WorkflowError(_("Nominate either one person or one collective."))
    subject_unit = person.current_unit if person is not None else unit
    if not _is_under(subject_unit, round_.owning_unit):
        raise WorkflowError(
            _("%(subject)s does not belong to %(unit)s, which nominates in this round.")
            % {"subject": person or unit, "unit": round_.owning_unit}
        )
    types = set(kind.subject_types or [])
    if person is not None and types and "individual" not in types:
        raise WorkflowError(_("%(kind)s is not awarded to individuals.") % {"kind": kind.name})
    if unit is not None and types and types == {"individual"}:
        raise WorkflowError(_("%(kind)s is awarded to individuals only.") % {"kind": kind.name})
    if not kind.is_active:
        raise WorkflowError(_("%(kind)s is no longer in use.") % {"kind": kind.name})


def _award_type_for(round_: Round, kind: AwardKind, award_type: str) -> str:
    allowed = list(kind.award_types or [])
    if award_type:
        if allowed and award_type not in allowed:
            raise WorkflowError(
                _("%(kind)s is not given as “%(type)s”.")
                % {"kind": kind.name, "type": AwardType(award_type).label}
            )
        return award_type
    if not allowed or round_.award_type in allowed:
        return round_.award_type
    return str(allowed[0])


def _check_duplicate(
    round_: Round,
    kind: AwardKind,
    person: Person | None,
    unit: Unit | None,
    exclude: int | None = None,
) -> None:
    qs = Nomination.objects.filter(round=round_, kind=kind, state__in=ACTIVE_STATES)
    qs = qs.filter(person=person) if person is not None else qs.filter(unit=unit)
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    if qs.exists():
        raise WorkflowError(
            _("%(subject)s is already nominated for %(kind)s in this round.")
            % {"subject": person or unit, "kind": kind.name}
        )


@transaction.atomic
def create_nomination(
    *,
    actor: Any,
    round: Round,
    kind: AwardKind,
    person: Person | None = None,
    unit: Unit | None = None,
    award_type: str = "",
    period: int | None = None,
    period_label: str = "",
    achievement_summary: str = "",
) -> Nomination:
    """A draft dossier; the eligibility engine runs at once and its answer is kept."""
    _check_round_open_to(actor, round, kind)
    _check_subject(round, kind, person, unit)
    _check_duplicate(round, kind, person, unit)
    with acting_as(actor):
        nomination = _evaluated_draft(
            actor=actor,
            round=round,
            kind=kind,
            person=person,
            unit=unit,
            award_type=award_type,
            period=period,
            period_label=period_label,
            achievement_summary=achievement_summary,
        )
        _save_draft(actor, nomination)
    return nomination


def _check_round_open_to(actor: Any, round: Round, kind: AwardKind) -> None:
    """The checks that hold for every subject of a round: the actor, its status, the title."""
    if not is_nominating_clerk(actor, round):
        raise NotPermitted(_("You may not nominate in this round."))
    if not round.is_open:
        raise WorkflowError(
            _("This round is “%(status)s”: no new nomination can be added.")
            % {"status": round.get_status_display()}
        )
    if not offered_kinds(round, [kind]):
        raise WorkflowError(
            _("%(role)s may not award %(kind)s: choose a title this round's decider may award.")
            % {"role": round.get_decider_role_display(), "kind": kind.name}
        )


def _evaluated_draft(
    *,
    actor: Any,
    round: Round,
    kind: AwardKind,
    person: Person | None,
    unit: Unit | None,
    award_type: str = "",
    period: int | None = None,
    period_label: str = "",
    achievement_summary: str = "",
) -> Nomination:
    """A draft not yet saved, with the engine's answer (its eligibility snapshot) on it."""
    nomination = Nomination(
        round=round,
        person=person,
        unit=unit,
        kind=kind,
        award_type=_award_type_for(round, kind, award_type),
        period=period or round.year,
        period_label=period_label.strip() or round.period_label,
        achievement_summary=achievement_summary.strip(),
        state=S.DRAFT,
        state_changed_at=timezone.now(),
        created_by=_user(actor),
    )
    refresh_eligibility(nomination)
    return nomination


def _save_draft(actor: Any, nomination: Nomination) -> None:
    nomination.save()
    NominationEvent.objects.create(
        nomination=nomination,
        from_state="",
        to_state=S.DRAFT,
        actor=_user(actor),
        actor_name=str(getattr(actor, "username", ""))[:150],
        data={"eligibility": nomination.eligibility_outcome},
    )


@dataclass(frozen=True)
class BulkLine:
    """One subject of a bulk nomination and why it cannot be nominated (empty: it can)."""

    subject: Person | Unit
    problems: tuple[str, ...] = ()

    @property
    def person_id(self) -> int | None:
        return self.subject.pk if isinstance(self.subject, Person) else None

    @property
    def unit_id(self) -> int | None:
        return self.subject.pk if isinstance(self.subject, Unit) else None


class BulkRefused(WorkflowError):
    """Nothing was created: at least one subject cannot be nominated (reasons per line)."""

    code = "bulk_refused"

    def __init__(self, lines: list[BulkLine]) -> None:
        refused = [line for line in lines if line.problems]
        super().__init__(
            _("No nomination was created: %(count)s of %(total)s cannot be nominated.")
            % {"count": len(refused), "total": len(lines)}
        )
        self.lines = lines
        self.refused = refused


def _first_failed(nomination: Nomination) -> str:
    failed = [c for c in nomination.eligibility_checks or [] if c.get("ok") is False]
    return str(failed[0].get("message", "")) if failed else ""


def _line_problems(
    round: Round, kind: AwardKind, person: Person | None, unit: Unit | None, draft: Nomination
) -> list[str]:
    problems: list[str] = []
    for check in (_check_subject, _check_duplicate):
        try:
            check(round, kind, person, unit)
        except WorkflowError as exc:
            problems.append(str(exc))
    if draft.eligibility_outcome != NominationOutcome.ELIGIBLE.value:
        reason = _first_failed(draft)
        problems.append(
            _("The eligibility engine did not find %(subject)s eligible for %(kind)s: %(reason)s")
            % {"subject": person or unit, "kind": kind.name, "reason": reason}
            if reason
            else _("The eligibility engine did not find %(subject)s eligible for %(kind)s.")
            % {"subject": person or unit, "kind": kind.name}
        )
    return problems


def _over_quota(round: Round, kind: AwardKind, adding: int) -> tuple[int, str] | None:
    """How many of `adding` new drafts the round's quota still takes, and the reason, when
    it does not take them all; None when within the quota or the round may exceed it."""
    if round.has_quota_override:
        return None
    for line in quota_report(round):
        if line.kind.pk != kind.pk or line.used + adding <= line.allowed:
            continue
        return line.remaining, over_quota_message(
            kind=kind.short_vi or kind.code,
            unit=line.unit or round.owning_unit,
            percent=line.percent,
            base_kind=line.base_kind.short_vi or line.base_kind.code,
            figures=line,
            why=ngettext(
                "%(n)s new dossier asked for, room for %(room)s.",
                "%(n)s new dossiers asked for, room for %(room)s.",
                adding,
            )
            % {"n": adding, "room": line.remaining},
        )
    return None


@transaction.atomic
def create_nominations(
    *,
    actor: Any,
    round: Round,
    kind: AwardKind,
    people: Sequence[Person] = (),
    units: Sequence[Unit] = (),
) -> list[Nomination]:
    """Nominate several people or collectives for one title in one step (from a candidate
    list): every one is checked first, each with its eligibility snapshot as a single
    nomination has, and if any cannot be nominated (outside the round's unit, already
    nominated, not eligible, over the quota) none is created: BulkRefused says why, per line."""
    _check_round_open_to(actor, round, kind)
    subjects: list[tuple[Person | None, Unit | None]] = [(p, None) for p in people]
    subjects += [(None, u) for u in units]
    if not subjects:
        raise WorkflowError(_("Tick at least one person or collective to nominate."))
    with acting_as(actor):
        drafts: list[Nomination] = []
        lines: list[BulkLine] = []
        seen: set[tuple[str, int]] = set()
        for person, unit in subjects:
            subject: Person | Unit = person or unit  # type: ignore[assignment]
            key = ("person" if person is not None else "unit", subject.pk)
            if key in seen:
                continue
            seen.add(key)
            draft = _evaluated_draft(actor=actor, round=round, kind=kind, person=person, unit=unit)
            drafts.append(draft)
            lines.append(BulkLine(subject, tuple(_line_problems(round, kind, person, unit, draft))))
        over = _over_quota(round, kind, len(drafts))
        if over is not None:
            room, reason = over
            lines = [
                BulkLine(line.subject, (*line.problems, reason)) if i >= room else line
                for i, line in enumerate(lines)
            ]
        if any(line.problems for line in lines):
            raise BulkRefused(lines)
        for draft in drafts:
            _save_draft(actor, draft)
        record_action(
            round,
            "nominations created together",
            kind=kind.code,
            count=len(drafts),
            nominations=[d.pk for d in drafts],
        )
    return drafts


@transaction.atomic
def update_nomination(
    *,
    actor: Any,
    nomination: Nomination,
    achievement_summary: str | None = None,
    award_type: str | None = None,
    period: int | None = None,
    period_label: str | None = None,
    version: int | None = None,
) -> Nomination:
    """Edit a draft or returned dossier; the engine runs again on the new data.

    `version` is the one the editor read: a dossier saved by someone else since then is not
    overwritten (`StaleEdit`, with what differs).
    """
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not is_nominating_clerk(actor, locked):
        raise NotPermitted(_("You may not change this nomination."))
    if not locked.is_editable:
        raise WorkflowError(
            _("Only a draft or a returned nomination can be changed; this one is “%(state)s”.")
            % {"state": locked.get_state_display()}
        )
    submitted = {
        "achievement_summary": achievement_summary,
        "award_type": award_type,
        "period": period,
        "period_label": period_label,
    }
    check_version(locked, version, {k: v for k, v in submitted.items() if v is not None})
    count_edit(locked)
    if achievement_summary is not None:
        locked.achievement_summary = achievement_summary.strip()
    if award_type is not None:
        locked.award_type = _award_type_for(locked.round, locked.kind, award_type)
    if period is not None:
        locked.period = period
    if period_label is not None:
        locked.period_label = period_label.strip()
    with acting_as(actor):
        refresh_eligibility(locked)
        locked.save()
    nomination.refresh_from_db()
    return nomination


@transaction.atomic
def reevaluate(*, actor: Any, nomination: Nomination) -> Nomination:
    """Run the engine again (the facts may have changed) and keep the new answer."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not (is_nominating_clerk(actor, locked) or may_override(actor, locked)):
        raise NotPermitted(_("You may not change this nomination."))
    with acting_as(actor):
        refresh_eligibility(locked)
        locked.save(
            update_fields=["eligibility_outcome", "eligibility_checks", "eligibility_evaluated_at"]
        )
    nomination.refresh_from_db()
    return nomination


@transaction.atomic
def record_override(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """The head or the emulation office records why a not-eligible dossier goes forward."""
    locked = Nomination.objects.select_for_update().get(pk=nomination.pk)
    if not may_override(actor, locked):
        raise NotPermitted(
            _(
                "Only the head of the nominating unit or the emulation office may send forward "
                "a nomination the eligibility engine did not find eligible."
            )
        )
    reason = reason.strip()[:MAX_REASON]
    if not reason:
        raise WorkflowError(_("Give the reason for sending this nomination forward."))
    if locked.is_eligible:
        raise WorkflowError(_("The engine found this nomination eligible: no override is needed."))
    if locked.state not in OVERRIDABLE_STATES:
        raise WorkflowError(_("An override can only be recorded before the council votes."))
    with acting_as(actor):
        locked.override_reason = reason
        locked.override_outcome = locked.eligibility_outcome
        locked.override_by = actor
        locked.override_at = timezone.now()
        locked.save()
        NominationEvent.objects.create(
            nomination=locked,
            from_state=locked.state,
            to_state=locked.state,
            actor=_user(actor),
            actor_name=str(getattr(actor, "username", ""))[:150],
            reason=reason,
            data={"override": reason, "eligibility": locked.eligibility_outcome},
        )
        record_action(
            locked,
            "eligibility override recorded",
            reason=reason,
            outcome=locked.eligibility_outcome,
            actor_id=getattr(actor, "pk", None),
        )
    nomination.refresh_from_db()
    return nomination


@transaction.atomic
def record_quota_override(*, actor: Any, round: Round, reason: str) -> Round:
    """Allow this round to exceed its quotas, with the reason on record."""
    if not may_override(actor, round):
        raise NotPermitted(
            _("Only the head of the nominating unit or the emulation office may exceed a quota.")
        )
    reason = reason.strip()[:MAX_REASON]
    if not reason:
        raise WorkflowError(_("Give the reason for exceeding the quota."))
    with acting_as(actor):
        round.quota_override_reason = reason
        round.quota_override_by = actor
        round.quota_override_at = timezone.now()
        round.save()
        record_action(round, "quota override recorded", reason=reason)
    return round


@transaction.atomic
def add_attachment(
    *,
    actor: Any,
    nomination: Nomination,
    upload: UploadedFile[Any],
    kind: str = AttachmentKind.EVIDENCE,
    description: str = "",
) -> Attachment:
    """Attach a document to a draft or returned dossier; its type is checked by content."""
    if not is_nominating_clerk(actor, nomination):
        raise NotPermitted(_("You may not change this nomination."))
    if not nomination.is_editable:
        raise WorkflowError(_("Documents can only be added to a draft or a returned nomination."))
    if kind not in AttachmentKind.values:
        raise WorkflowError(_("Choose the kind of document."))
    try:
        checked = check_upload(upload)
    except UploadError as exc:
        raise WorkflowError(str(exc)) from exc
    with acting_as(actor):
        attachment = Attachment(
            nomination=nomination,
            kind=kind,
            description=description.strip()[:255],
            original_name=checked.original_name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            uploaded_by=_user(actor),
        )
        attachment.file.save(checked.original_name, upload, save=False)
        attachment.save()
    return attachment


@transaction.atomic
def remove_attachment(*, actor: Any, attachment: Attachment) -> None:
    nomination = attachment.nomination
    if not is_nominating_clerk(actor, nomination):
        raise NotPermitted(_("You may not change this nomination."))
    if not nomination.is_editable:
        raise WorkflowError(
            _("Documents can only be removed from a draft or a returned nomination.")
        )
    stored = attachment.file.name or ""
    storage = attachment.file.storage
    with acting_as(actor):
        attachment.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
