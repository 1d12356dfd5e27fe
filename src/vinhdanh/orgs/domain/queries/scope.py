"""What a user may see: the units of their roles (with sub-units where the role says so).

Every list and page filters through `unit_scope` so a clerk never sees another unit's records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import RoleAssignment, Unit


@dataclass
class UnitScope:
    """The set of units a user reaches for one capability (None = any role)."""

    everything: bool
    subtree_paths: tuple[str, ...]
    exact_ids: tuple[int, ...]

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.subtree_paths and not self.exact_ids

    def q(self, unit_field: str = "") -> Q:
        """A filter on a model whose unit is reached by `unit_field` ('' = the Unit itself)."""
        if self.everything:
            return Q()
        prefix = f"{unit_field}__" if unit_field else ""
        query = Q(pk__in=[])  # matches nothing: the neutral element for the ORs below
        for path in self.subtree_paths:
            query |= Q(**{f"{prefix}path__startswith": path})
        if self.exact_ids:
            query |= Q(**{f"{prefix}pk__in": list(self.exact_ids)})
        return query

    def contains(self, unit: Unit | None) -> bool:
        if self.everything:
            return True
        if unit is None:
            return False
        return unit.pk in self.exact_ids or any(unit.path.startswith(p) for p in self.subtree_paths)


def _user_roles(user: Any) -> list[RoleAssignment]:
    cache = getattr(user, "_vinhdanh_roles", None)
    if cache is None:
        cache = list(RoleAssignment.objects.filter(user=user).select_related("unit"))
        user._vinhdanh_roles = cache
    return cache


def unit_scope(
    user: Any, capability: Capability | str | None = None, *, subunits: bool = True
) -> UnitScope:
    """`subunits=False`: only the units the roles are held in, whatever they include (a head
    acts for their own unit; the sub-units are theirs to see, not to act for)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return UnitScope(False, (), ())
    if user.is_superuser:
        return UnitScope(True, (), ())
    roles = [r for r in _user_roles(user) if capability is None or r.has(capability)]
    paths = tuple(r.unit.path for r in roles if r.include_subunits and subunits)
    exact = tuple(r.unit_id for r in roles if not (r.include_subunits and subunits))
    return UnitScope(False, paths, exact)


def has_capability(
    user: Any, capability: Capability | str, unit: Unit | None = None, *, subunits: bool = True
) -> bool:
    """Does the user hold this capability somewhere (or over `unit`, when given)?"""
    scope = unit_scope(user, capability, subunits=subunits)
    if unit is None:
        return not scope.is_empty
    return scope.contains(unit)
