"""Who may do what to a round or a nomination: named predicates scoped by unit (django `rules`).

Each predicate names the capabilities it accepts and the unit of the round they must reach:
the nominating unit (`owning_unit`) or the deciding unit (`decider_unit`). The same table
(`ACTORS`) builds the inbox filters, so what a user is asked to do and what they may do agree.
Predicates take a Round, or anything with a `.round` (a Nomination).

Domain code calls the plain functions (`allows`, `is_nominating_clerk` …); the same checks are
registered as `rules` permissions for templates and `user.has_perm`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rules.permissions import add_perm
from rules.predicates import Predicate

from vinhdanh.orgs.domain.queries.scope import has_capability, unit_scope
from vinhdanh.orgs.enums import Capability

# A head acts for the unit the role is held in. A head "with sub-units" (the provincial chair)
# sees the communes' dossiers but does not act as their clerk: a draft belongs to the unit
# that drafts it, and the nominating unit's own clerk or head moves it on.
OWN_UNIT_ONLY: frozenset[Capability] = frozenset({Capability.HEAD})


@dataclass(frozen=True)
class Actor:
    capabilities: tuple[Capability, ...]
    unit_field: str  # "owning_unit" | "decider_unit" (a field of Round)

    def reaches_subunits(self, capability: Capability) -> bool:
        return not (self.unit_field == "owning_unit" and capability in OWN_UNIT_ONLY)


ACTORS: dict[str, Actor] = {
    "is_nominating_clerk": Actor((Capability.CLERK, Capability.HEAD), "owning_unit"),
    "may_override": Actor((Capability.HEAD, Capability.OFFICE), "owning_unit"),
    "is_nominating_head": Actor((Capability.HEAD,), "owning_unit"),
    "is_appraising_office": Actor((Capability.OFFICE,), "decider_unit"),
    "is_council_secretariat": Actor((Capability.COUNCIL, Capability.OFFICE), "decider_unit"),
    # Proposing (the tờ trình to the decider) is the emulation office's step: the head of the
    # deciding unit is usually its decider, who must not propose to himself.
    "is_proposer": Actor((Capability.OFFICE,), "decider_unit"),
    "is_decider": Actor((Capability.DECIDER,), "decider_unit"),
}


def _round_of(obj: Any) -> Any:
    return getattr(obj, "round", obj)


def allows(name: str, user: Any, obj: Any) -> bool:
    """Does the actor predicate `name` (a key of ACTORS) accept this user for this object?"""
    if obj is None or user is None:
        return False
    actor = ACTORS[name]
    unit = getattr(_round_of(obj), actor.unit_field)
    return any(
        has_capability(user, cap, unit, subunits=actor.reaches_subunits(cap))
        for cap in actor.capabilities
    )


def is_nominating_clerk(user: Any, obj: Any) -> bool:
    return allows("is_nominating_clerk", user, obj)


def may_override(user: Any, obj: Any) -> bool:
    return allows("may_override", user, obj)


def is_appraising_office(user: Any, obj: Any) -> bool:
    return allows("is_appraising_office", user, obj)


def is_council_secretariat(user: Any, obj: Any) -> bool:
    return allows("is_council_secretariat", user, obj)


def is_proposer(user: Any, obj: Any) -> bool:
    return allows("is_proposer", user, obj)


def is_decider(user: Any, obj: Any) -> bool:
    return allows("is_decider", user, obj)


def can_view(user: Any, obj: Any) -> bool:
    """Anyone with a role over the nominating unit or the deciding unit (the tree decides)."""
    if obj is None:
        return False
    round_ = _round_of(obj)
    scope = unit_scope(user)
    return scope.contains(round_.owning_unit) or scope.contains(round_.decider_unit)


def can_edit(user: Any, obj: Any) -> bool:
    return bool(getattr(obj, "is_editable", False)) and is_nominating_clerk(user, obj)


def may_launch_rounds(user: Any, unit: Any) -> bool:
    """A round is opened by the clerk, head or emulation office of the nominating unit."""
    return unit is not None and any(
        has_capability(user, cap, unit, subunits=cap not in OWN_UNIT_ONLY)
        for cap in (Capability.CLERK, Capability.HEAD, Capability.OFFICE)
    )


def may_open_any_round(user: Any) -> bool:
    """Is there a unit where this user may open a round? (Shows the "Open a round" button.)"""
    return any(
        has_capability(user, cap) for cap in (Capability.CLERK, Capability.HEAD, Capability.OFFICE)
    )


def may_manage_round(user: Any, obj: Any) -> bool:
    """Edit, close or withdraw a round: whoever may open rounds for its nominating unit."""
    round_ = _round_of(obj)
    return round_ is not None and may_launch_rounds(user, round_.owning_unit)


def sees_comments(user: Any, obj: Any) -> bool:
    return is_proposer(user, obj) or is_appraising_office(user, obj) or may_override(user, obj)


CHECKS: dict[str, Callable[[Any, Any], bool]] = {
    "is_nominating_clerk": is_nominating_clerk,
    "may_override": may_override,
    "is_appraising_office": is_appraising_office,
    "is_council_secretariat": is_council_secretariat,
    "is_proposer": is_proposer,
    "is_decider": is_decider,
}
# The names used in nominations.enums.TRANSITIONS, as `rules` predicates.
PREDICATES: dict[str, Predicate] = {name: Predicate(fn, name=name) for name, fn in CHECKS.items()}

_PERMISSIONS: dict[str, Callable[[Any, Any], bool]] = {
    "nominations.view_round": can_view,
    "nominations.change_round": is_nominating_clerk,
    "nominations.add_nomination": is_nominating_clerk,
    "nominations.override_quota": may_override,
    "nominations.post_notice": is_proposer,
    "nominations.view_comments": sees_comments,
    "nominations.view_nomination": can_view,
    "nominations.change_nomination": can_edit,
    "nominations.override_nomination": may_override,
    "nominations.launch_round": may_launch_rounds,
    "nominations.manage_round": may_manage_round,
}
for _name, _fn in _PERMISSIONS.items():
    add_perm(_name, Predicate(_fn, name=_name))  # type: ignore[no-untyped-call]
