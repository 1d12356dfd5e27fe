"""Issuing an award decision, in one place (docs/architecture.md §4 "Decision"; rules.md §4).

It lives with the nominations it decides: awards (below) keeps the decision itself, its
authority check and its number, and never imports the nominations.

The steps, in order:
1. prepare — what a decider may decide (`proposed_for_decider`) and what the form starts
   with for a round's approved nominations (`issue_defaults`), or else for the user's own
   deciding unit (`own_issue_defaults`);
2. check — the decider's authority over the issuing unit and each award kind on the date,
   the nominations' state and the public-notice windows;
3. number — from the register of outgoing documents: the series' next number, or the number
   the văn thư entered, checked free in its series (`awards.domain.numbering`);
4. issue — the decision, one award per nomination, each nomination moved to "decided" through
   the workflow's `transition`, with the audit events, all in one transaction;
5. after the commit — the nominations' notifications (scheduled by `transition`) and the
   `decision_issued` signal, on which the documents app stores the decision's .docx and its
   certificates exactly as issued (`documents.interfaces.issued`, `…issued_certificates`).
   Nothing is sent or stored if the issue rolls back.

Web and API views call `issue_decision` and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Protocol

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.decisions import decision_header, new_decision, require_authority
from vinhdanh.awards.domain.errors import DecisionError, DecisionNotAllowed
from vinhdanh.awards.enums import DecisionKind
from vinhdanh.awards.models import Award, Decision
from vinhdanh.awards.signals import decision_issued
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.text import normalize
from vinhdanh.nominations.domain.notices import decision_blocker
from vinhdanh.nominations.domain.workflow import transition
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.models import RoleAssignment, Unit


class NoticeStillOpen(DecisionError):
    """A nominee's public notice has not closed and the decider gave no reason to go on."""


# --- 1. prepare ----------------------------------------------------------------------------


def proposed_for_decider(user: Any) -> QuerySet[Nomination]:
    """Nominations proposed to a unit where the user is a decider: what they may decide."""
    scope = unit_scope(user, Capability.DECIDER)
    qs = Nomination.objects.filter(state=NominationState.PROPOSED).select_related(
        "kind", "person", "unit", "round", "round__decider_unit"
    )
    if scope.everything:
        return qs.order_by("round_id", "kind__sort_order", "id")
    if scope.is_empty:
        return qs.none()
    return qs.filter(scope.q("round__decider_unit")).order_by("round_id", "kind__sort_order", "id")


# The authority a unit's decider usually holds, by the unit's level (Law 06/2022 Art. 79),
# when neither its decisions nor its rounds say.
_ROLE_BY_LEVEL: dict[str, str] = {
    UnitLevel.PROVINCE: "chu_tich_ubnd_tinh",
    UnitLevel.DEPARTMENT: "giam_doc_so",
    UnitLevel.DISTRICT: "chu_tich_ubnd_huyen",
    UnitLevel.COMMUNE: "chu_tich_ubnd_xa",
    UnitLevel.ENTERPRISE: "giam_doc_doanh_nghiep",
}


def usual_decider_role(unit: Unit) -> str:
    """The authority the unit decides by: that of its last decision, else of the last round it
    decides, else the one its level has; "" when none of them tells."""
    for model, field in ((Decision, "issuing_unit"), (Round, "decider_unit")):
        role = (
            model.objects.filter(**{field: unit})
            .exclude(decider_role="")
            .order_by("-id")
            .values_list("decider_role", flat=True)
            .first()
        )
        if role:
            return str(role)
    return _ROLE_BY_LEVEL.get(unit.level, "")


class Letterhead(Protocol):
    """What a unit prints at the head of its documents (`documents.domain.settings.Office`)."""

    @property
    def issuing_body(self) -> str: ...

    @property
    def symbol(self) -> str: ...


# The unit's letterhead, `documents.domain.settings.office_for`, passed in by the page: the
# documents app ranks above nominations (CONTRIBUTING.md, "Layers").
OfficeFor = Callable[[Unit], Letterhead]


def _unit_defaults(
    user: Any, unit: Unit, decider_role: str, office_for: OfficeFor
) -> dict[str, Any]:
    """The issuing unit and authority, the body's name and symbol as on its last decision (or
    as its documents print them), and the signer: the user and the title of their decider
    role there."""
    initial: dict[str, Any] = {"issuing_unit": unit.pk}
    if decider_role:
        initial["decider_role"] = decider_role
    last = Decision.objects.filter(issuing_unit=unit).order_by("-signed_on", "-id").first()
    if last is not None:
        initial["issuing_body"] = last.issuing_body
        initial["symbol"] = last.symbol
    else:
        office = office_for(unit)
        initial["issuing_body"] = office.issuing_body
        initial["symbol"] = f"QĐ-{office.symbol}"
    person = getattr(user, "person", None)
    name = getattr(person, "full_name", "") or normalize(f"{user.last_name} {user.first_name}")
    if name:
        initial["signer_name"] = name
    role = (
        RoleAssignment.objects.filter(user=user, is_decider=True, unit=unit)
        .exclude(title="")
        .first()
    )
    if role is not None:
        initial["signer_title"] = role.title
    return initial


def issue_defaults(
    user: Any, nominations: Iterable[Nomination], *, office_for: OfficeFor
) -> dict[str, Any]:
    """What the decision form can be filled with for these proposed nominations: the deciding
    unit and authority of their round, and the rest as for the unit (`_unit_defaults`)."""
    items = list(nominations)
    if not items:
        return {}
    round_ = items[0].round
    unit = round_.decider_unit
    role = round_.decider_role or usual_decider_role(unit)
    return {**_unit_defaults(user, unit, role, office_for), "nominations": [n.pk for n in items]}


def own_issue_defaults(user: Any, *, office_for: OfficeFor) -> dict[str, Any]:
    """What the decision form starts with when no nomination was picked: the unit where the
    user is a decider (the highest, if several) and the authority it decides by."""
    role = (
        RoleAssignment.objects.filter(user=user, is_decider=True)
        .select_related("unit")
        .order_by("unit__path", "id")
        .first()
    )
    if role is None:
        return {}
    return _unit_defaults(user, role.unit, usual_decider_role(role.unit), office_for)


# --- 2. check ------------------------------------------------------------------------------


def _locked_nominations(ids: list[int], actor: Any) -> list[Nomination]:
    """The nominations, locked, each proposed and decided by a unit the actor decides for."""
    locked = list(
        Nomination.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("kind", "person", "unit", "round", "round__decider_unit")
        .order_by("kind__sort_order", "id")
    )
    if len(locked) != len(ids):
        raise DecisionError(_("A nomination on the list no longer exists."))
    for nomination in locked:
        if nomination.state != NominationState.PROPOSED:
            raise DecisionError(
                _("%(nomination)s is not proposed to the decider (it is “%(state)s”).")
                % {"nomination": nomination, "state": nomination.get_state_display()}
            )
        if not (
            getattr(actor, "is_superuser", False)
            or has_capability(actor, Capability.DECIDER, nomination.round.decider_unit)
        ):
            raise DecisionNotAllowed(
                _("%(nomination)s is decided by another unit.") % {"nomination": nomination}
            )
    return locked


# --- 4. issue ------------------------------------------------------------------------------


@transaction.atomic
def issue_decision(
    *,
    issuing_unit: Unit,
    issuing_body: str,
    symbol: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str,
    decider_role: str,
    subject: str,
    legal_bases: str,
    nominations: Sequence[Nomination],
    actor: Any,
    notice_override_reason: str = "",
    number: int | None = None,
) -> Decision:
    """Issue a numbered award decision for proposed nominations (one award each).

    `number` is the number the văn thư took from the register; without it the series' next
    number is used. A nominee whose public notice has not closed today is refused with the day
    it ends, unless the decider gives `notice_override_reason`: the reason is then audited on
    each such nomination and on the decision.
    """
    header = decision_header(
        issuing_unit=issuing_unit,
        issuing_body=issuing_body,
        symbol=symbol,
        signed_on=signed_on,
        signer_name=signer_name,
        signer_title=signer_title,
        decider_role=decider_role,
        subject=subject,
        legal_bases=legal_bases,
        actor=actor,
        perm="awards.issue_decision",
    )
    ids = sorted({n.pk for n in nominations})
    if not ids:
        raise DecisionError(_("A decision needs at least one nomination."))
    locked = _locked_nominations(ids, actor)
    require_authority(header.decider_role, [n.kind for n in locked], header.signed_on, issuing_unit)
    today = timezone.localdate()
    open_notices = {
        n.pk: blocker for n in locked if (blocker := decision_blocker(n, on=today)) is not None
    }
    override = normalize(notice_override_reason)
    if open_notices and not override:
        raise NoticeStillOpen(" ".join(open_notices.values()))
    with acting_as(actor):
        for nomination in locked:
            if nomination.pk in open_notices:
                record_action(
                    nomination,
                    "decision issued before the public notice closed",
                    reason=override,
                    notice=open_notices[nomination.pk],
                )
        decision = new_decision(
            header,
            kind=DecisionKind.AWARD,
            subject=header.subject or _("On awarding emulation titles and commendations"),
            revokes=None,
            number=number,
        )
        awards = [_award_for(decision, nomination, actor) for nomination in locked]
        extra: dict[str, Any] = {}
        if open_notices:
            extra = {"notice_override": override, "notice_open": sorted(open_notices)}
        if decision.number_entered:
            extra["number_entered"] = True
        record_action(
            decision,
            "decision issued",
            number=decision.number_label,
            awards=[a.pk for a in awards],
            nominations=ids,
            **extra,
        )
    pk = decision.pk
    transaction.on_commit(lambda: _after_commit(pk, actor), robust=True)
    return decision


def _award_for(decision: Decision, nomination: Nomination, actor: Any) -> Award:
    award = Award.objects.create(
        decision=decision,
        kind=nomination.kind,
        person=nomination.person,
        unit=nomination.unit,
        period=nomination.period,
        period_label=nomination.period_label,
        award_type=nomination.award_type,
        achievement_id=f"nomination:{nomination.pk}",
    )
    transition(
        nomination=nomination,
        to=NominationState.DECIDED,
        actor=actor,
        decision=decision,
        award=award,
    )
    return award


# --- 5. after the commit -------------------------------------------------------------------


def _after_commit(pk: int, actor: Any) -> None:
    decision = Decision.objects.filter(pk=pk).first()
    if decision is not None:
        decision_issued.send(sender=Decision, decision=decision, actor=actor)
