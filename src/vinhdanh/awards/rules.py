"""Permission predicates for awards and decisions (the `rules` package), built on unit scopes."""

from __future__ import annotations

from typing import Any

from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.awards.models import Award, Decision
from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.rules import add_perm
from vinhdanh.people.rules import can_view_person


def can_view_award(user: Any, award: Award | None) -> bool:
    """The award's subject (a person or a collective) is visible to the user."""
    if not getattr(user, "is_authenticated", False):
        return False
    if award is None:
        return True
    if award.person is not None:
        return bool(can_view_person(user, award.person))
    return unit_scope(user).contains(award.unit)


def can_view_decision(user: Any, decision: Decision | None) -> bool:
    """Issued by a unit in scope, or awarding (or revoking) a subject in scope."""
    if not getattr(user, "is_authenticated", False):
        return False
    if decision is None:
        return True
    if unit_scope(user).contains(decision.issuing_unit):
        return True
    return visible_decisions(user).filter(pk=decision.pk).exists()


add_perm("awards.view_award", can_view_award)
add_perm("awards.view_decision", can_view_decision)


def can_keep_register(user: Any, unit: Unit | None) -> bool:
    """The emulation office or the clerks of the issuing unit: its register of outgoing
    documents and the signed scans of its decisions (without a unit: of some unit)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return any(
        has_capability(user, capability, unit)
        for capability in (Capability.OFFICE, Capability.CLERK)
    )


add_perm("awards.keep_register", can_keep_register)


def can_issue_decision(user: Any, unit: Unit | None) -> bool:
    """A decider over the issuing unit (without a unit: a decider somewhere)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    if getattr(user, "is_superuser", False):
        return True
    return has_capability(user, Capability.DECIDER, unit)


add_perm("awards.issue_decision", can_issue_decision)
add_perm("awards.revoke_award", can_issue_decision)
