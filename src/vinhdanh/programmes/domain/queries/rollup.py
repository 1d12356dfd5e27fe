"""Consolidating a programme: approved figures rolled up the tree, through the units' lineage.

Only approved reports count. A report stays with the unit that made it; for the totals its
figures hang where that unit's history hangs on the day of the consolidation
(`orgs.domain.queries.rollup.placements`): a merged unit's under its successor, a split unit's
under the nearest unit above all its parts, a dissolved unit's under its parent. Each figure is
therefore counted once at every level, and ended units keep their own rows ("history").

How figures combine (per indicator):
- SUM: added over units and periods;
- AVERAGE: the mean of the reported values (each unit-period once);
- MAX: the largest reported value;
- LAST: within one period, added over units; over a range, the latest period with figures.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from vinhdanh.orgs.domain.queries.rollup import placements, sum_up_tree
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.domain.queries.tree import TreeNode, tree_as_of
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.queries.programmes import implementing_units
from vinhdanh.programmes.enums import Aggregation, ReportState
from vinhdanh.programmes.models import Indicator, Programme, ReportValue
from vinhdanh.programmes.periods import Period

SCALE = 10_000  # values carry four decimals: summed as integers, exactly

Key = tuple[int, int]  # (unit id, indicator id)


@dataclass(frozen=True)
class _Cell:
    sum: int
    count: int
    max: int


def _combine(aggregation: str, cells: dict[str, _Cell]) -> Decimal | None:
    """One figure from a unit's per-period cells of one indicator."""
    if not cells:
        return None
    if aggregation == Aggregation.SUM:
        raw = Decimal(sum(c.sum for c in cells.values()))
    elif aggregation == Aggregation.AVERAGE:
        raw = Decimal(sum(c.sum for c in cells.values())) / sum(c.count for c in cells.values())
    elif aggregation == Aggregation.MAX:
        raw = Decimal(max(c.max for c in cells.values()))
    else:  # LAST: the latest period with figures (codes of one kind sort in time order)
        raw = Decimal(cells[max(cells)].sum)
    return (raw / SCALE).quantize(Decimal("0.0001")).normalize()


@dataclass(frozen=True)
class RollUpRow:
    unit: Unit
    name: str
    depth: int


@dataclass(frozen=True)
class HistoryRow:
    """A unit that ended before the consolidation day, with where its figures now count."""

    unit: Unit
    placed_under: Unit | None


@dataclass
class RollUp:
    programme: Programme
    as_of: dt.date
    periods: list[Period]
    indicators: list[Indicator]
    rows: list[RollUpRow]
    history: list[HistoryRow]
    _tree: dict[Key, dict[str, _Cell]] = field(default_factory=dict, repr=False)
    _own: dict[Key, dict[str, _Cell]] = field(default_factory=dict, repr=False)

    def _pick(self, cells: dict[str, _Cell], period: Period | None) -> dict[str, _Cell]:
        if period is None:
            return cells
        return {period.code: cells[period.code]} if period.code in cells else {}

    def total(
        self, unit: Unit, indicator: Indicator, period: Period | None = None
    ) -> Decimal | None:
        """The unit's whole subtree (with the history placed in it); None when nothing counted."""
        cells = self._tree.get((unit.pk, indicator.pk), {})
        return _combine(indicator.aggregation, self._pick(cells, period))

    def own(self, unit: Unit, indicator: Indicator, period: Period | None = None) -> Decimal | None:
        """What the unit itself reported (approved), without its sub-units."""
        cells = self._own.get((unit.pk, indicator.pk), {})
        return _combine(indicator.aggregation, self._pick(cells, period))

    def progress(self, indicator: Indicator) -> int | None:
        """The root's total against the target, in whole percent."""
        if indicator.target in (None, 0) or not self.rows:
            return None
        value = self.total(self.rows[0].unit, indicator)
        if value is None:
            return 0
        return int(100 * value / indicator.target)


def _cells(frame: pl.DataFrame) -> dict[Key, dict[str, _Cell]]:
    out: dict[Key, dict[str, _Cell]] = defaultdict(dict)
    for unit_id, indicator_id, code, total, count, most in frame.iter_rows():
        out[(unit_id, indicator_id)][code] = _Cell(total, count, most)
    return dict(out)


def roll_up(
    programme: Programme,
    *,
    periods: list[Period] | None = None,
    as_of: dt.date | None = None,
    scope: UnitScope | None = None,
) -> RollUp:
    """The programme's approved figures for the periods, for every unit of its subtree."""
    periods = programme.periods() if periods is None else periods
    as_of = as_of or min(programme.ends_on, dt.date.today())
    scope = scope or UnitScope(True, (), ())
    indicators = list(programme.indicators.all())
    root = programme.implementing_root
    rows: list[RollUpRow] = []

    reporting = set(implementing_units(programme, day=as_of).values_list("pk", flat=True))

    def reaches(node: TreeNode) -> bool:
        return node.unit.pk in reporting or any(reaches(c) for c in node.children)

    def walk(nodes: list[TreeNode], depth: int) -> None:
        for node in nodes:
            if depth == 0 or reaches(node):  # the root, the reporting units, the levels between
                rows.append(RollUpRow(node.unit, node.name, depth))
                walk(node.children, depth + 1)

    walk(tree_as_of(as_of, scope, root=root), 0)
    values = list(
        ReportValue.objects.filter(
            report__programme=programme,
            report__state=ReportState.APPROVED,
            report__period_code__in=[p.code for p in periods],
        ).values_list("report__unit_id", "report__period_code", "indicator_id", "value")
    )
    places = placements({v[0] for v in values}, as_of)
    schema = {
        "path": pl.String,
        "period": pl.String,
        "indicator_id": pl.Int64,
        "value": pl.Int64,
    }
    placed = pl.DataFrame(
        [
            (places[u].path, code, ind, int(value * SCALE))
            for u, code, ind, value in values
            if u in places
        ],
        schema=schema,
        orient="row",
    )
    own = pl.DataFrame(
        [(f"/{u}/", code, ind, int(value * SCALE)) for u, code, ind, value in values],
        schema=schema,
        orient="row",
    )
    targets = {r.unit.pk for r in rows}
    order = ["unit_id", "indicator_id", "period", "sum", "count", "max"]
    tree = sum_up_tree(placed, keys=["indicator_id", "period"], targets=targets).select(order)
    mine = sum_up_tree(own, keys=["indicator_id", "period"]).select(order)
    ended = sorted(
        (
            u
            for u in Unit.objects.filter(pk__in=places.keys() | {v[0] for v in values})
            if not u.is_valid_on(as_of) and scope.contains(u)
        ),
        key=lambda u: u.path,
    )
    history = [HistoryRow(u, places.get(u.pk)) for u in ended]
    return RollUp(
        programme=programme,
        as_of=as_of,
        periods=periods,
        indicators=indicators,
        rows=rows,
        history=history,
        _tree=_cells(tree),
        _own=_cells(mine),
    )
