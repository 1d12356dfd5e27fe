"""Setting up councils: members, quorum. One function per change, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.councils.domain.common import CouncilError, NotAllowed, require
from vinhdanh.councils.domain.queries.councils import sessions_recording
from vinhdanh.councils.enums import CouncilRole
from vinhdanh.councils.models import Council, CouncilMember, CouncilQuorum
from vinhdanh.orgs.domain.queries.scope import has_capability
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


@transaction.atomic
def create_council(
    *,
    unit: Unit,
    name: str,
    actor: Any,
    established_by: str = "",
    valid_from: dt.date | None = None,
) -> Council:
    if not (
        getattr(actor, "is_superuser", False) or has_capability(actor, Capability.OFFICE, unit)
    ):
        raise NotAllowed(_("Only the emulation office of the unit may set up its council."))
    if not name.strip():
        raise CouncilError(_("The council needs a name."))
    with acting_as(actor):
        return Council.objects.create(
            unit=unit, name=name.strip(), established_by=established_by, valid_from=valid_from
        )


@transaction.atomic
def add_member(
    *,
    council: Council,
    user: Any,
    role: str = CouncilRole.MEMBER,
    actor: Any,
    title: str = "",
    person: Person | None = None,
    unit: Unit | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> CouncilMember:
    require(actor, "councils.change_council", council, _("You may not change this council."))
    if role not in CouncilRole.values:
        raise CouncilError(_("Unknown role in the council."))
    if valid_from and valid_to and valid_to < valid_from:
        raise CouncilError(_("The membership ends before it starts."))
    if person is None:
        person = Person.objects.filter(user=user).first()
    overlapping = CouncilMember.objects.filter(council=council, user=user)
    for other in overlapping:
        starts_before_other_ends = (
            other.valid_to is None or valid_from is None or (valid_from <= other.valid_to)
        )
        ends_after_other_starts = (
            valid_to is None or other.valid_from is None or (valid_to >= other.valid_from)
        )
        if starts_before_other_ends and ends_after_other_starts:
            raise CouncilError(_("This user is already a member of the council for that period."))
    with acting_as(actor):
        return CouncilMember.objects.create(
            council=council,
            user=user,
            role=role,
            title=title,
            person=person,
            unit=unit,
            valid_from=valid_from,
            valid_to=valid_to,
        )


@transaction.atomic
def end_membership(*, member: CouncilMember, last_day: dt.date, actor: Any) -> CouncilMember:
    """End a membership on `last_day`: from the next day the member no longer counts for the
    quorum or the vote denominators of the council's sessions.

    Refused when a session after that day already records the member (present, recused or
    voting): ending the membership would change a count that was already made.
    """
    require(actor, "councils.change_council", member.council, _("You may not change this council."))
    member = (
        CouncilMember.objects.select_for_update(of=("self",))
        .select_related("person", "user")
        .get(pk=member.pk)
    )
    if member.valid_from is not None and last_day < member.valid_from:
        raise CouncilError(_("The membership ends before it starts."))
    # Ended once is ended: the page offers the end only while no last day is set.
    if member.valid_to is not None:
        raise CouncilError(
            _("The membership already ends on %(day)s.") % {"day": f"{member.valid_to:%d/%m/%Y}"}
        )
    session = sessions_recording(member, after=last_day).first()
    if session is not None:
        raise CouncilError(
            _(
                "%(member)s is recorded in the session of %(day)s, after that day: choose a last "
                "day on or after the session, or first correct its attendance."
            )
            % {"member": member.display_name, "day": f"{session.date:%d/%m/%Y}"}
        )
    with acting_as(actor):
        previous = member.valid_to
        member.valid_to = last_day
        member.save(update_fields=["valid_to"])
        record_action(member, "council membership ended", last_day=last_day, previous=previous)
    return member


@transaction.atomic
def set_quorum(
    *,
    council: Council,
    numerator: int,
    denominator: int,
    valid_from: dt.date,
    actor: Any,
    note: str = "",
) -> CouncilQuorum:
    require(actor, "councils.change_council", council, _("You may not change this council."))
    if denominator <= 0 or numerator <= 0 or numerator > denominator:
        raise CouncilError(_("The quorum must be a fraction between 0 and 1."))
    with acting_as(actor):
        row, _created = CouncilQuorum.objects.update_or_create(
            council=council,
            valid_from=valid_from,
            defaults={"numerator": numerator, "denominator": denominator, "note": note},
        )
    return row
