"""Who may read a person's personal data (date of birth and the like)."""

from __future__ import annotations

from typing import Any

from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.queries.visibility import is_own_person
from vinhdanh.people.models import Person


def may_see_personal_data(user: Any, unit: Unit | None) -> bool:
    """Only the clerk or the emulation office over the person's unit (and superusers).

    Personal data minimisation (Decree 13/2023, Law on Personal Data Protection 2025): a council
    member or a decider reads names and posts, not dates of birth. Pages, exports and the API
    apply the same rule.
    """
    if getattr(user, "is_superuser", False):
        return True
    if unit is None:
        return False
    return unit_scope(user, Capability.CLERK).contains(unit) or unit_scope(
        user, Capability.OFFICE
    ).contains(unit)


def may_see_personal_data_of(user: Any, person: Person) -> bool:
    """As `may_see_personal_data` for the person's unit; and everyone reads their own data."""
    return is_own_person(user, person) or may_see_personal_data(user, person.current_unit)
