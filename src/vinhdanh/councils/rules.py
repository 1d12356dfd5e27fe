"""Who may do what with councils and sessions: named predicates (django `rules`).

* council officers run sessions: the emulation office over the council's unit, or the
  council's chair, vice chair or secretary (on the session date, or today for a council);
* members vote, each for themselves;
* the office over the unit, deciders and heads over it, and members see sessions and tallies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from vinhdanh.councils.enums import CouncilRole
from vinhdanh.councils.models import Council, CouncilMember, CouncilSession
from vinhdanh.councils.models.councils import valid_on_q
from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability
from vinhdanh.orgs.models import Unit
from vinhdanh.orgs.rules import add_perm

OFFICER_ROLES = (CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.SECRETARY)


def _council(obj: Any) -> Council | None:
    if isinstance(obj, Council):
        return obj
    if isinstance(obj, CouncilSession):
        return obj.council
    return None


def _day(obj: Any) -> dt.date:
    return obj.date if isinstance(obj, CouncilSession) else dt.date.today()


def _membership(user: Any, obj: Any, roles: tuple[str, ...] | None = None) -> bool:
    council = _council(obj)
    if council is None or user is None or not getattr(user, "is_authenticated", False):
        return False
    qs = CouncilMember.objects.filter(council=council, user=user).filter(valid_on_q(_day(obj)))
    if roles is not None:
        qs = qs.filter(role__in=roles)
    return qs.exists()


def is_office_over(user: Any, obj: Any) -> bool:
    council = _council(obj)
    return council is not None and has_capability(user, Capability.OFFICE, council.unit)


def is_council_officer(user: Any, obj: Any) -> bool:
    return _membership(user, obj, OFFICER_ROLES)


def is_member(user: Any, obj: Any) -> bool:
    return _membership(user, obj)


def has_role_over(user: Any, obj: Any) -> bool:
    """Head, decider or office over the council's unit (they read the tallies)."""
    council = _council(obj)
    if council is None:
        return False
    return any(
        has_capability(user, cap, council.unit)
        for cap in (Capability.OFFICE, Capability.DECIDER, Capability.HEAD)
    )


def may_edit_threshold(user: Any, unit: Any) -> bool:
    """Vote rules (the engine's `vote_rules` parameter) of a jurisdiction: the office over the
    unit. The rules of every jurisdiction (no unit): the office of a top-level unit, or a
    superuser."""
    if getattr(user, "is_superuser", False):
        return True
    if isinstance(unit, Unit):
        return has_capability(user, Capability.OFFICE, unit)
    scope = unit_scope(user, Capability.OFFICE)
    return any(path.count("/") == 2 for path in scope.subtree_paths)


def is_superuser(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def manages_council(user: Any, obj: Any) -> bool:
    return is_superuser(user) or is_office_over(user, obj)


def runs_session(user: Any, obj: Any) -> bool:
    return manages_council(user, obj) or is_council_officer(user, obj)


def sees_council(user: Any, obj: Any) -> bool:
    return is_superuser(user) or has_role_over(user, obj) or is_member(user, obj)


def may_add_council(user: Any, unit: Any) -> bool:
    return is_superuser(user) or has_capability(user, Capability.OFFICE, unit)


add_perm("councils.view_council", sees_council)
add_perm("councils.add_council", may_add_council)
add_perm("councils.change_council", manages_council)
add_perm("councils.run_session", runs_session)
add_perm("councils.view_session", sees_council)
add_perm("councils.vote", is_member)
add_perm("councils.change_threshold", may_edit_threshold)
