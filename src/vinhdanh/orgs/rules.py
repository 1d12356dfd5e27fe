"""Permission predicates for the organisation tree (the `rules` package), built on unit scopes.

Pages use the scoped querysets of `domain/queries` to find objects (out of scope → 404);
these predicates answer the same questions for one object, e.g. `user.has_perm(
"orgs.view_unit", unit)`, and for navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules.permissions import add_perm as _add_perm

from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit

# `rules` ships without annotations: one typed entry point for the project's permissions.
add_perm: Callable[[str, Callable[..., bool]], None] = _add_perm


def is_admin(user: Any) -> bool:
    """A superuser, or a user holding an administrator role in some unit."""
    return bool(getattr(user, "is_authenticated", False)) and has_capability(user, Capability.ADMIN)


def can_view_unit(user: Any, unit: Unit | None) -> bool:
    """Without a unit: may browse the tree at all; with one: the unit is in the user's scope."""
    if not getattr(user, "is_authenticated", False):
        return False
    if unit is None:
        return True
    return unit_scope(user).contains(unit)


add_perm("orgs.view_unit", can_view_unit)
add_perm("orgs.view_audit_log", is_admin)
