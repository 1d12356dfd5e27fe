"""Who may see a programme, report for a unit, and approve, return or lock, scoped by unit.

The owner unit's emulation office runs the programme (completeness, approval, locking); a
unit's clerk or head records its activities and submits its reports; everybody whose units
implement the programme, or sit above its owner, may read it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules.permissions import add_perm
from rules.predicates import Predicate

from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability

MANAGERS = (Capability.OFFICE, Capability.ADMIN)
REPORTERS = (Capability.CLERK, Capability.HEAD)


def manages_unit_programmes(user: Any, unit: Any) -> bool:
    """Run programmes owned by this unit: its emulation office (or an administrator)."""
    return unit is not None and any(has_capability(user, cap, unit) for cap in MANAGERS)


def manages_programme(user: Any, programme: Any) -> bool:
    return programme is not None and manages_unit_programmes(user, programme.owner_unit)


def reports_for_unit(user: Any, unit: Any) -> bool:
    """Record activities and submit period reports for this unit: its clerk or head."""
    return unit is not None and any(has_capability(user, cap, unit) for cap in REPORTERS)


def can_view_programme(user: Any, programme: Any) -> bool:
    if programme is None:
        return False
    scope = unit_scope(user)
    if (
        scope.everything
        or scope.contains(programme.owner_unit)
        or scope.contains(programme.implementing_root)
    ):
        return True
    root = programme.implementing_root.path
    if any(path.startswith(root) for path in scope.subtree_paths):
        return True
    if scope.exact_ids:
        from vinhdanh.orgs.models import Unit

        return Unit.objects.filter(pk__in=scope.exact_ids, path__startswith=root).exists()
    return False


def can_view_report(user: Any, report: Any) -> bool:
    """The unit's own people and the programme's office; never a sibling unit."""
    if report is None:
        return False
    return unit_scope(user).contains(report.unit) or manages_programme(user, report.programme)


_PERMISSIONS: dict[str, Callable[[Any, Any], bool]] = {
    "programmes.view_programme": can_view_programme,
    "programmes.manage_programme": manages_programme,
    "programmes.report_for_unit": reports_for_unit,
    "programmes.view_report": can_view_report,
}
for _name, _fn in _PERMISSIONS.items():
    add_perm(_name, Predicate(_fn, name=_name))  # type: ignore[no-untyped-call]
