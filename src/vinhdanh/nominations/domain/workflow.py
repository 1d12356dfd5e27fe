"""The one function that changes the state of a nomination (docs/architecture.md §4; the shape
of Zulip's do_* functions).

`transition` locks the row, checks the move against `TRANSITIONS` and its permission predicate,
applies the safeguards of the law (reason for a return or rejection, eligibility or a recorded
override, quota, a passing council vote, the public-notice window, a decision for "decided"),
writes the history row and the audit event in the same transaction, and sends the
notifications only after the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.errors import DecisionError
from vinhdanh.awards.domain.register import register_document
from vinhdanh.awards.enums import OutgoingKind
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.common import context as action_context
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.nominations.domain import notices, notifications, quotas, submissions
from vinhdanh.nominations.domain.eligibility import refresh_eligibility
from vinhdanh.nominations.domain.errors import (
    MissingReason,
    NotEligible,
    NoticeOpen,
    NotPermitted,
    OverQuota,
    WorkflowError,
)
from vinhdanh.nominations.enums import (
    GATED_TARGETS,
    SYSTEM_TARGETS,
    TRANSITION_INDEX,
    AttachmentKind,
    NominationState,
    Outcome,
    Transition,
    transitions_from,
)
from vinhdanh.nominations.models import Nomination, NominationEvent, Round
from vinhdanh.nominations.rules import allows, may_override
from vinhdanh.nominations.signals import marking_voted
from vinhdanh.people.names import user_display_name

S = NominationState
MAX_REASON = 2000


def _actor_name(actor: Any) -> str:
    if actor is None:
        return ""
    return (user_display_name(actor) or str(getattr(actor, "username", "")))[:150]


def _state_label(state: str) -> str:
    return str(NominationState(state).label) if state in NominationState.values else state


def _lock(nomination: Nomination) -> Nomination:
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related(
            "round",
            "round__owning_unit",
            "round__decider_unit",
            "kind",
            "person",
            "person__current_unit",
            "unit",
        )
        .get(pk=nomination.pk)
    )


def allowed_transitions(nomination: Nomination, user: Any) -> list[Transition]:
    """The moves this user may offer from the nomination's state (the system's excluded)."""
    return [
        t
        for t in transitions_from(nomination.state)
        if t.target not in SYSTEM_TARGETS and allows(t.predicate, user, nomination)
    ]


def offered_transitions(
    nomination: Nomination, user: Any
) -> tuple[list[Transition], list[Transition]]:
    """The moves to offer this user as buttons, and those held back: a nomination the engine
    did not find eligible goes forward (submitted, appraised) only with an override, so a
    user who may not record one is not offered a button that would be refused."""
    moves = allowed_transitions(nomination, user)
    if nomination.may_go_forward or may_override(user, nomination):
        return moves, []
    held = [t for t in moves if t.target in GATED_TARGETS]
    return [t for t in moves if t.target not in GATED_TARGETS], held


def _apply_override(nomination: Nomination, actor: Any, reason: str) -> None:
    if not may_override(actor, nomination):
        raise NotPermitted(
            _(
                "Only the head of the nominating unit or the emulation office may send forward "
                "a nomination the eligibility engine did not find eligible."
            )
        )
    nomination.override_reason = reason[:MAX_REASON]
    nomination.override_outcome = nomination.eligibility_outcome
    nomination.override_by = actor
    nomination.override_at = timezone.now()


def _not_eligible_message(nomination: Nomination) -> str:
    failed = [c.get("message", "") for c in nomination.eligibility_checks if c.get("ok") is False]
    outcome = nomination.eligibility_outcome
    label = str(Outcome(outcome).label) if outcome in Outcome.values else outcome
    message = _(
        "The eligibility engine says: %(outcome)s. This nomination can only go forward with a "
        "reason recorded by the head of the nominating unit or the emulation office."
    ) % {"outcome": label}
    if failed:
        message += " " + "; ".join(m for m in failed[:3] if m)
    return message


@transaction.atomic
def _transition(
    *,
    nomination: Nomination,
    to: str,
    actor: Any,
    reason: str,
    context: dict[str, Any],
) -> tuple[Nomination, NominationEvent]:
    locked = _lock(nomination)
    source = locked.state
    rule = _allowed_rule(locked, to, actor, context)
    reason = (reason or "").strip()[:MAX_REASON]
    if rule.reason_required and not reason:
        raise MissingReason(
            _("Give a reason: it is required to move a nomination to “%(target)s”.")
            % {"target": _state_label(to)}
        )
    data = _check_target(locked, to, actor, context)
    locked.state = to
    locked.state_changed_at = timezone.now()
    locked.save()
    return locked, _record_transition(locked, source, to, actor, reason, data)


def _allowed_rule(locked: Nomination, to: str, actor: Any, context: dict[str, Any]) -> Transition:
    """The rule of the move: it must exist, come from a decision where the law says so, and be
    the actor's to make."""
    rule = TRANSITION_INDEX.get((locked.state, to))
    if rule is None:
        raise WorkflowError(
            _("A nomination that is “%(state)s” cannot be moved to “%(target)s”.")
            % {"state": _state_label(locked.state), "target": _state_label(to)}
        )
    if to in SYSTEM_TARGETS and context.get("decision") is None:
        raise WorkflowError(
            _("A nomination is decided or revoked only by issuing a decision.")
            if to == S.DECIDED
            else _("An award is revoked only by a revocation decision.")
        )
    if not allows(rule.predicate, actor, locked):
        raise NotPermitted(
            _("You may not move this nomination to “%(target)s”.") % {"target": _state_label(to)}
        )
    return rule


def achievement_report_missing(nomination: Nomination) -> str | None:
    """Why the dossier cannot be submitted without an account of the achievements, or None.

    Every emulation title and form of commendation is proposed with the achievement report
    (rules.md §6.1, Law 06/2022 Art. 84(1)-(2)); even the simplified procedure asks for a short
    summary of the achievement (§6.2, Art. 85). The summary written in the dossier or an
    attached achievement report stands for it."""
    if nomination.achievement_summary.strip():
        return None
    if nomination.attachments.filter(kind=AttachmentKind.ACHIEVEMENT_REPORT).exists():
        return None
    return _(
        "%(subject)s cannot be submitted without the achievements: write the summary of "
        "achievements or attach the achievement report (Law on Emulation and Commendation "
        "2022, Art. 84)."
    ) % {"subject": nomination.subject_name}


def _check_target(
    locked: Nomination, to: str, actor: Any, context: dict[str, Any]
) -> dict[str, Any]:
    """What the target state asks for (eligibility, quota, vote, public notice, decision);
    the facts to record with the event."""
    data: dict[str, Any] = {}
    if to in GATED_TARGETS:
        refresh_eligibility(locked)
        data["eligibility"] = locked.eligibility_outcome
        override_reason = str(context.get("override_reason") or "").strip()
        if override_reason and not locked.is_eligible:
            _apply_override(locked, actor, override_reason)
            data["override"] = override_reason
        if not locked.may_go_forward:
            raise NotEligible(_not_eligible_message(locked))
        if locked.has_override:
            data.setdefault("override", locked.override_reason)
    if to == S.SUBMITTED:
        missing = achievement_report_missing(locked)
        if missing:
            raise WorkflowError(missing)
        blocker = quotas.submission_blocker(locked)
        if blocker:
            raise OverQuota(blocker)
    if to == S.VOTED:
        marking_voted.send(sender=Nomination, nomination=locked)  # councils check the vote
    if to == S.PROPOSED:
        blocker = notices.proposal_blocker(locked, on=timezone.localdate())
        if blocker:
            raise NoticeOpen(blocker)
    decision = context.get("decision")
    if to == S.DECIDED:
        award = context.get("award")
        locked.decision = decision
        locked.award = award
        data["decision"] = getattr(decision, "pk", None)
        if award is not None:
            data["award"] = award.pk
    if to == S.REVOKED:
        data["decision"] = getattr(decision, "pk", None)
    return data


def _record_transition(
    locked: Nomination, source: str, to: str, actor: Any, reason: str, data: dict[str, Any]
) -> NominationEvent:
    """The nomination's own history row, and the audit trail's."""
    ctx = action_context.current()
    event = NominationEvent.objects.create(
        nomination=locked,
        from_state=source,
        to_state=to,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        reason=reason,
        request_id=ctx.request_id if ctx else "",
        data=data,
    )
    record_action(
        locked,
        f"transition {source} → {to}",
        from_state=source,
        to_state=to,
        reason=reason,
        actor_id=getattr(actor, "pk", None),
        actor=_actor_name(actor),
        event_id=event.pk,
        **data,
    )
    return event


def transition(
    *,
    nomination: Nomination,
    to: str,
    actor: Any,
    reason: str = "",
    notify: bool = True,
    **context: Any,
) -> Nomination:
    """Move a nomination to state `to`; raises WorkflowError or NotPermitted with a message.

    context: `override_reason` (going forward although not eligible, by a role allowed to),
    `decision` and `award` (for "decided", from awards.domain.decisions.issue_decision),
    `decision` (the revocation decision, for "revoked"), `number` (for "proposed": the văn
    thư's number of the submission it sends up; else the series' next).
    """
    number = context.pop("number", None)
    with acting_as(actor), transaction.atomic():
        locked, event = _transition(
            nomination=nomination, to=str(to), actor=actor, reason=reason, context=context
        )
        if event.to_state == S.PROPOSED:  # one nomination sent up: its own submission
            _register_submission(locked.round, [locked], actor, number)
        if notify:
            notifications.schedule(
                [notifications.Change(locked.pk, event.to_state, event.actor_id, event.reason)]
            )
    nomination.refresh_from_db()
    return nomination


@dataclass
class BulkResult:
    done: list[Nomination] = field(default_factory=list)
    failed: list[tuple[Nomination, str]] = field(default_factory=list)
    submission: OutgoingDocument | None = None  # the tờ trình a proposal sent up


def bulk_sources(to: str) -> list[str]:
    return [t.source for t in transitions_from_any(to)]


def transitions_from_any(to: str) -> list[Transition]:
    return [t for t in TRANSITION_INDEX.values() if t.target == to]


def bulk_transition(
    *,
    round: Round,
    to: str,
    actor: Any,
    reason: str = "",
    nominations: Iterable[Nomination] | None = None,
    number: int | None = None,
    notify: bool = True,
    **context: Any,
) -> BulkResult:
    """Apply `transition` to every nomination of the round that can take this move.

    One transaction; each item in its own savepoint, so one refusal (not eligible, over the
    quota …) is reported and does not undo the others. One delivery of notifications at commit.

    Proposing to the decider sends the submission (tờ trình) up: it is entered in the register
    of outgoing documents of the emulation office at the decider's level
    (`submissions.submission_issuer`) with the nominations it proposes, numbered
    `number` when the văn thư gives it (a number already taken undoes the whole step).
    """
    result = BulkResult()
    with acting_as(actor), transaction.atomic():
        if nominations is None:
            targets = list(
                round.nominations.filter(state__in=bulk_sources(to)).order_by(
                    "kind__sort_order", "id"
                )
            )
        else:
            targets = list(nominations)
        changes: list[notifications.Change] = []
        for item in targets:
            try:
                locked, event = _transition(
                    nomination=item, to=str(to), actor=actor, reason=reason, context=context
                )
            except (WorkflowError, PermissionDenied) as exc:
                item.refresh_from_db()
                result.failed.append((item, _message(exc)))
                continue
            result.done.append(locked)
            changes.append(
                notifications.Change(locked.pk, event.to_state, event.actor_id, event.reason)
            )
        if to == S.PROPOSED and result.done:
            result.submission = _register_submission(round, result.done, actor, number)
        if notify:
            notifications.schedule(changes)
    return result


def _register_submission(
    round_: Round, proposed: list[Nomination], actor: Any, number: int | None
) -> OutgoingDocument:
    # sent up by the emulation office (or council) at the decider's level, not the nominator
    today = timezone.localdate()
    issuer = submissions.submission_issuer(round_, today)
    try:
        return register_document(
            kind=OutgoingKind.SUBMISSION,
            issuing_unit=issuer,
            by_council=submissions.council_proposes(round_, issuer),
            signed_on=today,
            subject=round_.name,
            actor=actor,
            number=number,
            round=round_,
            nominations=proposed,
        )
    except DecisionError as error:
        raise WorkflowError(str(error)) from error


def _message(exc: Exception) -> str:
    if exc.args:
        return str(exc.args[0])
    return str(exc) or _("Not allowed.")
