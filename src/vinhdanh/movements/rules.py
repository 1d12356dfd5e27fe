"""Who may launch a movement and who may register in it, scoped by unit.

Plain functions for the domain; the same checks registered as `rules` permissions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules.permissions import add_perm
from rules.predicates import Predicate

from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability

MANAGERS = (Capability.CLERK, Capability.HEAD, Capability.OFFICE)
REGISTRARS = (Capability.CLERK, Capability.HEAD)


def manages_unit(user: Any, unit: Any) -> bool:
    """Launch or edit a movement of this unit: its clerk, head or emulation office."""
    return unit is not None and any(has_capability(user, cap, unit) for cap in MANAGERS)


def manages_any_unit(user: Any) -> bool:
    """May launch a movement somewhere (shows the "launch a movement" button)."""
    return any(has_capability(user, cap) for cap in MANAGERS)


def manages_movement(user: Any, movement: Any) -> bool:
    return movement is not None and manages_unit(user, movement.launched_by)


def registers_for_unit(user: Any, unit: Any) -> bool:
    """Register people of this unit, or the unit itself: its clerk or head."""
    return unit is not None and any(has_capability(user, cap, unit) for cap in REGISTRARS)


def can_view_movement(user: Any, movement: Any) -> bool:
    """The launching unit's people see it, and so does every unit below it (it is for them)."""
    if movement is None:
        return False
    scope = unit_scope(user)
    if scope.everything or scope.contains(movement.launched_by):
        return True
    launcher_path = movement.launched_by.path
    if any(path.startswith(launcher_path) for path in scope.subtree_paths):
        return True
    if scope.exact_ids:
        from vinhdanh.orgs.models import Unit

        return Unit.objects.filter(pk__in=scope.exact_ids, path__startswith=launcher_path).exists()
    return False


_PERMISSIONS: dict[str, Callable[[Any, Any], bool]] = {
    "movements.view_movement": can_view_movement,
    "movements.change_movement": manages_movement,
    "movements.add_movement": manages_unit,
    "movements.register": registers_for_unit,
}
for _name, _fn in _PERMISSIONS.items():
    add_perm(_name, Predicate(_fn, name=_name))  # type: ignore[no-untyped-call]
