"""What every decision shares, and revocation (docs/architecture.md §4 "Decision"; rules.md
§4, §5.7). Issuing an award decision has its own home: `nominations.domain.issuing`.

`revoke_awards` issues a numbered revocation decision: the awards stay in history, marked
revoked; later awards that rested on them and the subject's open nominations are flagged for
review.

Authority (who may award which kind on which date) comes from the rules engine's versioned
authority table (`eligibility.core.parameters`, regime defaults plus the jurisdiction's
overrides when the engine provides them), not from a second copy here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from vinhdanh.awards.domain.errors import DecisionError, DecisionNotAllowed, NumberTaken
from vinhdanh.awards.domain.numbering import next_number, take_number, taken_message
from vinhdanh.awards.enums import (
    AwardType,
    DeciderRole,
    DecisionKind,
    DecisionStatus,
    RevocationGround,
)
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.awards.signals import awards_revoked
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.notifications import Note, notify
from vinhdanh.common.text import normalize
from vinhdanh.eligibility.core import titles
from vinhdanh.eligibility.core.messages import cite_text
from vinhdanh.eligibility.core.parameters import Parameters, national_defaults
from vinhdanh.eligibility.core.regimes import RegimeError
from vinhdanh.eligibility.domain.queries.parameters import parameters_for
from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit

__all__ = ["DecisionError", "DecisionNotAllowed", "NumberTaken"]  # raised from here too


class AuthorityError(DecisionError):
    """The decider's role may not award (or revoke) this kind on this date."""


# Later awards whose criteria count an earlier award of the same subject (rules.md §2–3), from
# the title registry's `rests_on`: revoking one flags the whole chain above it (transitively),
# from the same period on.
DEPENDENT_KINDS: dict[str, tuple[str, ...]] = titles.dependents()


def dependent_kinds(code: str) -> set[str]:
    """Every kind that may rest on `code`, directly or through another kind."""
    found: set[str] = set()
    todo = list(DEPENDENT_KINDS.get(code, ()))
    while todo:
        kind = todo.pop()
        if kind not in found:
            found.add(kind)
            todo.extend(DEPENDENT_KINDS.get(kind, ()))
    return found


# --- authority -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AuthorityCheck:
    allowed: bool
    message: str
    rule: str = ""
    cite: str = ""


def authority_parameters(*, unit: Unit | None, on: dt.date) -> Parameters:
    """The engine's parameters in force on a date for the issuing unit's jurisdiction:
    the regime's defaults plus the emulation office's overrides (authority table rows)."""
    try:
        return parameters_for(on, unit)
    except RegimeError:
        return national_defaults()


def _role_label(role: str) -> str:
    return str(DeciderRole(role).label) if role in DeciderRole.values else role


def check_authority(
    *, decider_role: str, award_code: str, on: dt.date, unit: Unit | None = None
) -> AuthorityCheck:
    """May `decider_role` award `award_code` on `on`? (rules.md §4, versioned table)."""
    row = authority_parameters(unit=unit, on=on).authority_for(decider_role, award_code, on)
    kind = AwardKind.objects.filter(code=award_code).first()
    names = {
        "role": _role_label(decider_role),
        "kind": kind.name if kind is not None else award_code,
        "date": f"{on:%d/%m/%Y}",
    }
    if row is None:
        return AuthorityCheck(
            False,
            _("%(role)s may not award %(kind)s (Law 06/2022 Art. 78–80).") % names,
            "R-AUTH-80",
            "Law 06/2022 Art. 78–80",
        )
    names["cite"] = cite_text(row.cite, "en" if (get_language() or "vi").startswith("en") else "vi")
    if row.status == "denied":
        if row.rule == "R-AUTH-2025-1":
            message = _(
                "%(role)s cannot issue decisions from 01/07/2025: the district level was "
                "abolished (%(cite)s). The decision dated %(date)s is refused."
            )
        else:
            message = _("%(role)s may not award %(kind)s on %(date)s (%(cite)s).")
        return AuthorityCheck(False, message % names, row.rule, row.cite)
    if row.status == "unsettled":
        return AuthorityCheck(
            False,
            _(
                "The authority of %(role)s to award %(kind)s on %(date)s is not settled "
                "(%(cite)s): the emulation office must confirm it in the authority table first."
            )
            % names,
            row.rule,
            row.cite,
        )
    return AuthorityCheck(True, "", row.rule, row.cite)


def kinds_within_authority(
    *, decider_role: str, on: dt.date, unit: Unit | None, kinds: Iterable[AwardKind]
) -> list[AwardKind]:
    """The kinds `decider_role` may award on `on` (the same authority table as issuing)."""
    params = authority_parameters(unit=unit, on=on)
    found = []
    for kind in kinds:
        row = params.authority_for(decider_role, kind.code, on)
        if row is not None and row.status == "allowed":
            found.append(kind)
    return found


def require_authority(
    decider_role: str, kinds: Iterable[AwardKind], on: dt.date, unit: Unit
) -> None:
    problems: list[str] = []
    for code in sorted({k.code for k in kinds}):
        check = check_authority(decider_role=decider_role, award_code=code, on=on, unit=unit)
        if not check.allowed:
            problems.append(check.message)
    if problems:
        raise AuthorityError(" ".join(problems))


# --- shared checks -------------------------------------------------------------------------


@dataclass(frozen=True)
class Header:
    issuing_unit: Unit
    issuing_body: str
    symbol: str
    signed_on: dt.date
    signer_name: str
    signer_title: str
    decider_role: str
    subject: str
    legal_bases: str


def decision_header(
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
    actor: Any,
    perm: str,
) -> Header:
    if actor is None or not actor.has_perm(perm, issuing_unit):
        raise DecisionNotAllowed(_("Only a decider of the issuing unit may issue this decision."))
    header = Header(
        issuing_unit=issuing_unit,
        issuing_body=normalize(issuing_body),
        symbol=normalize(symbol),
        signed_on=signed_on,
        signer_name=normalize(signer_name),
        signer_title=normalize(signer_title),
        decider_role=decider_role,
        subject=normalize(subject),
        legal_bases=(legal_bases or "").strip(),
    )
    missing = [
        label
        for label, value in (
            (_("issuing body"), header.issuing_body),
            (_("symbol"), header.symbol),
            (_("signed by"), header.signer_name),
        )
        if not value
    ]
    if missing:
        raise DecisionError(_("Missing: %(fields)s.") % {"fields": ", ".join(missing)})
    if decider_role not in DeciderRole.values:
        raise DecisionError(_("Unknown authority: %(role)s.") % {"role": decider_role})
    return header


def new_decision(
    header: Header,
    *,
    kind: str,
    subject: str,
    revokes: Decision | None,
    number: int | None = None,
) -> Decision:
    """The issued decision, numbered from the register: the văn thư's `number`, or the next
    of the series. A number taken meanwhile by a parallel issuer is refused, never doubled."""
    unit, year, symbol = header.issuing_unit, header.signed_on.year, header.symbol
    number_entered = number is not None
    if number is None:
        number = next_number(issuing_unit=unit, year=year, symbol=symbol)
    else:
        number = take_number(issuing_unit=unit, year=year, symbol=symbol, number=number)
    decision = Decision(
        kind=kind,
        status=DecisionStatus.ISSUED,
        issuing_unit=header.issuing_unit,
        issuing_body=header.issuing_body,
        number=number,
        symbol=header.symbol,
        year=header.signed_on.year,
        signed_on=header.signed_on,
        signer_name=header.signer_name,
        signer_title=header.signer_title,
        decider_role=header.decider_role,
        subject=subject,
        legal_bases=header.legal_bases,
        revokes=revokes,
        number_entered=number_entered,
    )
    try:
        with transaction.atomic():  # the unique series constraint is the last guard
            decision.save()
    except IntegrityError as error:
        raise NumberTaken(
            taken_message(issuing_unit=unit, year=year, symbol=symbol, number=number)
        ) from error
    return decision


# --- revocation ----------------------------------------------------------------------------


def _period(award: Award) -> int:
    return award.period or award.decision.year


def flag_dependents(awards: Sequence[Award]) -> list[Award]:
    """Flag later awards that rested on the revoked ones (the subjects' open nominations are
    flagged by the nominations app, on `awards_revoked`)."""
    revoked_ids = {a.pk for a in awards}
    flagged_awards: dict[int, Award] = {}
    for award in awards:
        subject = Q(person_id=award.person_id) if award.person_id else Q(unit_id=award.unit_id)
        kinds = dependent_kinds(award.kind.code)
        if kinds:
            later = (
                Award.objects.filter(subject, kind__code__in=kinds, revoked_by__isnull=True)
                .exclude(pk__in=revoked_ids | set(flagged_awards))
                .exclude(award_type__in=[AwardType.DOT_XUAT, AwardType.PHONG_TRAO])
                .select_related("decision")
            )
            for other in later:
                if _period(other) >= _period(award):
                    other.needs_review = True
                    other.save(update_fields=["needs_review"])
                    flagged_awards[other.pk] = other
    return list(flagged_awards.values())


@transaction.atomic
def revoke_awards(
    *,
    awards: Sequence[Award],
    ground: str,
    reason: str,
    issuing_unit: Unit,
    issuing_body: str,
    symbol: str,
    signed_on: dt.date,
    signer_name: str,
    signer_title: str,
    decider_role: str,
    actor: Any,
    legal_bases: str = "",
    subject: str = "",
) -> Decision:
    """Issue a numbered revocation decision (Law 06/2022 Art. 93) for awards."""
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
        perm="awards.revoke_award",
    )
    reason = _revocation_reason(ground, reason)
    ids = sorted({a.pk for a in awards})
    locked = _lock_revocable(ids, signed_on=signed_on, actor=actor)
    require_authority(header.decider_role, [a.kind for a in locked], header.signed_on, issuing_unit)
    sources = {a.decision_id for a in locked}
    revokes = locked[0].decision if len(sources) == 1 else None
    with acting_as(actor):
        decision = new_decision(
            header,
            kind=DecisionKind.REVOCATION,
            subject=header.subject or _("On revoking awards"),
            revokes=revokes,
        )
        for award in locked:
            award.revoked_by = decision
            award.revocation_ground = ground
            award.revocation_reason = reason[:500]
            award.save(update_fields=["revoked_by", "revocation_ground", "revocation_reason"])
        note = _("Award revoked by decision %(number)s: %(reason)s") % {
            "number": decision.number_label,
            "reason": reason,
        }
        flagged_awards = flag_dependents(locked)
        # The apps above (nominations) revoke and flag their records in this transaction.
        done: dict[str, list[int]] = {}
        for _receiver, response in awards_revoked.send(
            sender=Decision, decision=decision, awards=locked, actor=actor, reason=reason, note=note
        ):
            answer: dict[str, list[int]] = response if isinstance(response, dict) else {}
            for key, values in answer.items():
                done.setdefault(key, []).extend(values)
        told = set(done.pop("told", []))
        record_action(
            decision,
            "awards revoked",
            number=decision.number_label,
            ground=ground,
            reason=reason,
            awards=ids,
            flagged_awards=[a.pk for a in flagged_awards],
            **done,
        )
        without_nomination = [a.pk for a in locked if a.pk not in told]
    transaction.on_commit(
        lambda: _notify_revoked(decision.pk, without_nomination, [a.pk for a in flagged_awards]),
        robust=True,
    )
    return decision


def _revocation_reason(ground: str, reason: str) -> str:
    """The reason, stripped; refused without one of the grounds of Art. 93(2)."""
    if ground not in RevocationGround.values:
        raise DecisionError(_("Choose the legal ground of the revocation (Art. 93(2) a–d)."))
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(_("A revocation needs a reason."))
    return reason


def _lock_revocable(ids: list[int], *, signed_on: dt.date, actor: Any) -> list[Award]:
    """Lock the awards; each must exist, be in force on `signed_on` and be the actor's to revoke."""
    if not ids:
        raise DecisionError(_("Choose the awards to revoke."))
    locked = list(
        Award.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .select_related("kind", "decision", "decision__issuing_unit", "person", "unit")
        .order_by("id")
    )
    if len(locked) != len(ids):
        raise DecisionError(_("An award on the list no longer exists."))
    for award in locked:
        if award.revoked_by_id is not None:
            raise DecisionError(_("%(award)s is already revoked.") % {"award": award})
        if award.decision.signed_on > signed_on:
            raise DecisionError(
                _("%(award)s was awarded after the date of the revocation.") % {"award": award}
            )
        # Only a decider of the unit that made the award may revoke it.
        source_unit = award.decision.issuing_unit
        if source_unit is not None and not (
            getattr(actor, "is_superuser", False)
            or has_capability(actor, Capability.DECIDER, source_unit)
        ):
            raise DecisionNotAllowed(_("%(award)s was awarded by another unit.") % {"award": award})
    return locked


def _notify_revoked(decision_id: int, award_ids: list[int], flagged_ids: list[int]) -> None:
    """Tell people whose award was revoked (no nomination told them) or flagged for review."""
    decision = Decision.objects.get(pk=decision_id)
    notes = []
    for award in Award.objects.filter(pk__in=award_ids + flagged_ids).select_related(
        "person", "kind"
    ):
        user_id = award.person.user_id if award.person is not None else None
        if user_id is None:
            continue
        if award.pk in award_ids:
            message = _("Your award %(kind)s (%(period)s) was revoked by decision %(number)s.")
        else:
            message = _(
                "Your award %(kind)s (%(period)s) is under review: an award it rested on was "
                "revoked by decision %(number)s."
            )
        values = {
            "kind": award.kind.name,
            "period": award.period or award.period_label,
            "number": decision.number_label,
        }
        notes.append(Note(user_id=user_id, message=message % values, verb="award_revoked"))
    notify(notes)
