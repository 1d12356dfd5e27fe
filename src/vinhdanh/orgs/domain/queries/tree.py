"""Reading the organisation tree as it stood on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vinhdanh.common.text import collation_key
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit, UnitEvent


@dataclass
class TreeNode:
    unit: Unit
    name: str
    children: list[TreeNode] = field(default_factory=list)


def tree_as_of(day: dt.date, scope: UnitScope, *, root: Unit | None = None) -> list[TreeNode]:
    """The units valid on `day` that the scope reaches, nested; names as they were that day."""
    units = Unit.objects.valid_on(day).filter(scope.q())
    if root is not None:
        units = units.filter(path__startswith=root.path)
    rows = list(
        units.only("id", "name", "parent_id", "path", "level", "code", "valid_from", "valid_to")
    )
    renamed = {
        (u_id, e.effective_date): e.old_name
        for e in UnitEvent.objects.filter(kind="rename", effective_date__gt=day).prefetch_related(
            "successors"
        )
        for u_id in [s.pk for s in e.successors.all()]
    }
    names: dict[int, str] = {}
    for unit in rows:
        # The earliest rename after `day` carries the name the unit had on `day`.
        later = sorted(d for (u_id, d) in renamed if u_id == unit.pk)
        names[unit.pk] = renamed[(unit.pk, later[0])] if later else unit.name
    nodes = {u.pk: TreeNode(u, names[u.pk]) for u in rows}
    roots: list[TreeNode] = []
    for unit in rows:
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent.children if parent else roots).append(nodes[unit.pk])
    _sort(roots)
    return roots


def _sort(nodes: list[TreeNode]) -> None:
    nodes.sort(key=lambda n: (n.unit.level != "province", collation_key(n.name)))
    for node in nodes:
        _sort(node.children)


def predecessors(unit: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(events_as_predecessor__successors=unit).exclude(pk=unit.pk).distinct()
    )


def successors(unit: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(events_as_successor__predecessors=unit).exclude(pk=unit.pk).distinct()
    )
