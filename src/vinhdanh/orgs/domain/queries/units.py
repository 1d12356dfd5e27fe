"""Reads about units: which a user may see, the tree as rows, and a unit's own page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from vinhdanh.common.text import collation_key
from vinhdanh.orgs.domain.queries.rollup import path_ids
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.orgs.domain.queries.tree import TreeNode, tree_as_of
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import CollectiveRating, RoleAssignment, Unit, UnitEvent
from vinhdanh.orgs.models.units import UnitQuerySet


def visible_units(user: Any) -> UnitQuerySet:
    """Every unit (current or ended) inside the user's scope; nothing for anonymous users."""
    return Unit.objects.filter(unit_scope(user).q())


@dataclass(frozen=True)
class TreeRow:
    """One line of the tree flattened for display: the node and how deep it hangs."""

    node: TreeNode
    depth: int

    @property
    def unit(self) -> Unit:
        return self.node.unit

    @property
    def indent(self) -> int:
        """Depth capped for display (CSS has classes for ten levels)."""
        return min(self.depth, 10)

    @property
    def name(self) -> str:
        return self.node.name


def tree_rows(day: dt.date, scope: UnitScope) -> list[TreeRow]:
    """The tree as of `day` in display order (parents before children, Vietnamese order)."""
    rows: list[TreeRow] = []

    def walk(nodes: list[TreeNode], depth: int) -> None:
        for node in nodes:
            rows.append(TreeRow(node, depth))
            walk(node.children, depth + 1)

    walk(tree_as_of(day, scope), 0)
    return rows


def opened_by_default(scope: UnitScope, rows: list[TreeRow]) -> set[int]:
    """The branches of the tree shown open: down to the user's own units (the units of their
    roles, whose children then show), and the top of the tree for those who see everything."""
    if scope.everything:
        return {row.unit.pk for row in rows if row.depth == 0}
    paths = list(scope.subtree_paths)
    paths += Unit.objects.filter(pk__in=scope.exact_ids).values_list("path", flat=True)
    return {int(p) for path in paths for p in path.strip("/").split("/") if p}


@dataclass(frozen=True)
class UnitLink:
    """A unit shown on another unit's page; linked only when the viewer may open it."""

    unit: Unit
    visible: bool


@dataclass(frozen=True)
class UnitRelation:
    """A predecessor or successor, with the event (merger, split …) that links them."""

    unit: Unit
    visible: bool
    event: UnitEvent


@dataclass(frozen=True)
class EventEntry:
    event: UnitEvent
    predecessors: list[UnitLink]
    successors: list[UnitLink]


@dataclass
class UnitDetail:
    unit: Unit
    ancestors: list[UnitLink]
    predecessors: list[UnitRelation]
    successors: list[UnitRelation]
    events: list[EventEntry]
    children: list[Unit]
    ratings: list[CollectiveRating]


def unit_detail(unit: Unit, *, scope: UnitScope) -> UnitDetail:
    """Everything about the unit itself (people and awards come from their own apps)."""
    event_ids = set(unit.events_as_predecessor.values_list("pk", flat=True)) | set(
        unit.events_as_successor.values_list("pk", flat=True)
    )
    events = list(
        UnitEvent.objects.filter(pk__in=event_ids)
        .prefetch_related("predecessors", "successors")
        .order_by("-effective_date", "-id")
    )
    entries: list[EventEntry] = []
    predecessors: list[UnitRelation] = []
    successors: list[UnitRelation] = []
    for event in events:
        before = list(event.predecessors.all())
        after = list(event.successors.all())
        entries.append(
            EventEntry(
                event,
                [UnitLink(u, scope.contains(u)) for u in before],
                [UnitLink(u, scope.contains(u)) for u in after],
            )
        )
        if any(u.pk == unit.pk for u in after):
            predecessors += [UnitRelation(u, scope.contains(u), event) for u in before if u != unit]
        if any(u.pk == unit.pk for u in before):
            successors += [UnitRelation(u, scope.contains(u), event) for u in after if u != unit]
    children = sorted(
        unit.children.all(), key=lambda u: (u.valid_to is not None, collation_key(u.name))
    )
    return UnitDetail(
        unit=unit,
        ancestors=[UnitLink(u, scope.contains(u)) for u in unit.ancestors()],
        predecessors=predecessors,
        successors=successors,
        events=entries,
        children=children,
        ratings=list(unit.ratings.order_by("-year")),
    )


# Parts of a unit rather than units of their own for its base-level titles: a division (phòng,
# ban) of a department or district, a village of a commune. Their people's CSTĐCS count in the
# quota of the unit above (rules.md R-CSTDCS-3: a share of the LĐTT "in the unit").
PART_LEVELS: frozenset[str] = frozenset({UnitLevel.DIVISION, UnitLevel.VILLAGE})


def _chain(unit: Unit) -> list[int]:
    """The unit's id and its ancestors' ids, nearest first."""
    return [int(p) for p in reversed(unit.path.strip("/").split("/")) if p]


def units_and_above(unit_ids: set[int]) -> set[int]:
    """These units' ids and the ids of every unit above them (from their paths)."""
    found = set(unit_ids)
    for path in Unit.objects.filter(pk__in=unit_ids).values_list("path", flat=True):
        found.update(path_ids(path))
    return found


def quota_units(units: Iterable[Unit]) -> dict[int, Unit]:
    """For each unit (by id), the unit whose CSTĐCS quota its people count in: itself, or for
    a division or village the nearest unit above that is neither. Two queries at most."""
    units = list(units)
    ancestors = Unit.objects.in_bulk({pk for u in units for pk in _chain(u)[1:]})
    found: dict[int, Unit] = {}
    for unit in units:
        found[unit.pk] = unit
        for pk in _chain(unit):
            candidate = unit if pk == unit.pk else ancestors.get(pk)
            if candidate is not None and candidate.level not in PART_LEVELS:
                found[unit.pk] = candidate
                break
    return found


def quota_unit(unit: Unit) -> Unit:
    return quota_units([unit])[unit.pk]


def units_in_scope(scope: UnitScope) -> UnitQuerySet:
    """The units a scope reaches, in tree order (the choices of a unit field)."""
    return Unit.objects.filter(scope.q()).order_by("path")


def role_holder_ids(unit: Unit) -> QuerySet[RoleAssignment, Any]:
    """The ids of the users with a role in `unit`, below it or above it, as a subquery."""
    ancestors = [int(p) for p in unit.path.strip("/").split("/") if p]
    return RoleAssignment.objects.filter(
        Q(unit__path__startswith=unit.path) | Q(unit_id__in=ancestors)
    ).values("user_id")


def unit_name(pk: Any) -> str | None:
    """A unit's name by its id, from a row the reader already owns (a job's parameters)."""
    unit = Unit.objects.filter(pk=pk).only("name").first()
    return unit.name if unit is not None else None


def any_unit() -> UnitQuerySet:
    """Every unit, unscoped: only for a page that checks access to the row itself after."""
    return Unit.objects.all()
