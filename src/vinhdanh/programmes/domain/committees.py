"""Committees: set up (thành lập) and re-formed (kiện toàn) by decision.

A decision gives the whole composition from its effective date: members who stay in the same
role keep their row; the others' rows end the day before; newcomers get new rows. Nothing is
deleted, so the committee on any past day can be read back (`committee_as_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.text import normalize
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole
from vinhdanh.programmes.models import (
    Committee,
    CommitteeDecision,
    CommitteeMembership,
    Programme,
)
from vinhdanh.programmes.rules import manages_unit_programmes


@dataclass(frozen=True)
class MemberSpec:
    """One seat in a decision's composition."""

    full_name: str
    role: CommitteeRole | str
    post_title: str = ""
    person: Person | None = None

    def key(self) -> tuple[str, str]:
        who = (
            f"p{self.person.pk}"
            if self.person is not None
            else normalize(self.full_name).casefold()
        )
        return who, str(self.role)


def _key(membership: CommitteeMembership) -> tuple[str, str]:
    who = (
        f"p{membership.person_id}"
        if membership.person_id is not None
        else normalize(membership.full_name).casefold()
    )
    return who, membership.role


@transaction.atomic
def create_committee(
    *, actor: Any, unit: Unit, name: str, programme: Programme | None = None
) -> Committee:
    if not manages_unit_programmes(actor, unit):
        raise NotPermitted(_("You may not set up committees of %(unit)s.") % {"unit": unit})
    if not name.strip():
        raise ProgrammeError(_("Give the committee a name."))
    with acting_as(actor):
        return Committee.objects.create(unit=unit, name=name.strip(), programme=programme)


@transaction.atomic
def record_committee_decision(
    *,
    actor: Any,
    committee: Committee,
    kind: CommitteeDecisionKind | str,
    number: str,
    date: dt.date,
    members: Sequence[MemberSpec],
    effective_on: dt.date | None = None,
    text: str = "",
) -> CommitteeDecision:
    """Set the committee up, or re-form it, with the composition the decision gives."""
    if not manages_unit_programmes(actor, committee.unit):
        raise NotPermitted(_("You may not change this committee."))
    kind = CommitteeDecisionKind(kind)
    effective = effective_on or date
    if not number.strip():
        raise ProgrammeError(_("Give the number of the decision."))
    last = committee.decisions.order_by("-effective_on", "-id").first()
    if kind == CommitteeDecisionKind.SET_UP and last is not None:
        raise ProgrammeError(_("The committee is already set up: re-form it instead."))
    if kind == CommitteeDecisionKind.REFORM and last is None:
        raise ProgrammeError(_("The committee has not been set up yet."))
    if last is not None and effective <= last.effective_on:
        raise ProgrammeError(
            _("A re-formation must take effect after %(day)s, the last decision.")
            % {"day": last.effective_on.strftime("%d/%m/%Y")}
        )
    if sum(1 for m in members if m.role == CommitteeRole.HEAD) != 1:
        raise ProgrammeError(_("The committee needs exactly one head."))
    keys = [m.key() for m in members]
    if len(set(keys)) != len(keys):
        raise ProgrammeError(_("A member is listed twice in the same role."))
    if any(not m.full_name.strip() for m in members):
        raise ProgrammeError(_("Every member needs a name."))
    with acting_as(actor):
        decision = CommitteeDecision.objects.create(
            committee=committee,
            kind=kind,
            number=number.strip(),
            date=date,
            effective_on=effective,
            text=text.strip(),
        )
        current = {_key(m): m for m in committee.memberships.filter(valid_to__isnull=True)}
        wanted = {m.key(): m for m in members}
        for key, membership in current.items():
            if key not in wanted:
                membership.valid_to = effective - dt.timedelta(days=1)
                membership.ended_by = decision
                membership.save(update_fields=["valid_to", "ended_by"])
        for key, spec in wanted.items():
            if key in current:
                continue
            CommitteeMembership.objects.create(
                committee=committee,
                person=spec.person,
                full_name=normalize(spec.full_name),
                post_title=spec.post_title.strip(),
                role=CommitteeRole(spec.role),
                valid_from=effective,
                appointed_by=decision,
            )
        record_action(
            committee,
            "committee set up" if kind == CommitteeDecisionKind.SET_UP else "committee re-formed",
            decision=decision.number,
            members=len(members),
        )
    return decision
