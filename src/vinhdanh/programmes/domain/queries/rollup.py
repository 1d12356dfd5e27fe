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
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import BigIntegerField, F
from django.db.models.functions import Cast, Round

from vinhdanh.orgs.domain.queries.rollup import placements, sum_up_tree, units_above
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


@dataclass(frozen=True)
class _Range:
    """One unit's figures of one indicator over all the periods counted: what combines them."""

    sum: int
    count: int
    max: int
    last: int  # the sum of the latest period with figures


def _scaled(raw: Decimal) -> Decimal:
    return (raw / SCALE).quantize(Decimal("0.0001")).normalize()


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
    return _scaled(raw)


def _combine_range(aggregation: str, cell: _Range | None) -> Decimal | None:
    """The same figure as `_combine` over every period, from the range's precomputed parts."""
    if cell is None:
        return None
    if aggregation == Aggregation.SUM:
        raw = Decimal(cell.sum)
    elif aggregation == Aggregation.AVERAGE:
        raw = Decimal(cell.sum) / cell.count
    elif aggregation == Aggregation.MAX:
        raw = Decimal(cell.max)
    else:
        raw = Decimal(cell.last)
    return _scaled(raw)


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
    # The approved values (unit_id, period, indicator_id, value ×SCALE) and where each unit's
    # figures hang (unit_id, path): the per-period cells are computed from them when first asked.
    _values: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    _where: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    _per_unit: pl.DataFrame = field(default_factory=pl.DataFrame, repr=False)
    _tree_range: dict[Key, _Range] = field(default_factory=dict, repr=False)
    _own_range: dict[Key, _Range] | None = field(default=None, repr=False)
    _tree_cells: dict[Key, dict[str, _Cell]] | None = field(default=None, repr=False)
    _own_cells: dict[Key, dict[str, _Cell]] | None = field(default=None, repr=False)

    def _period_cells(self, own: bool, key: Key, period: Period) -> dict[str, _Cell]:
        keys = ["indicator_id", "period"]
        order = ["unit_id", "indicator_id", "period", "sum", "count", "max"]
        if own:
            if self._own_cells is None:
                frame = self._values.with_columns(path=pl.format("/{}/", pl.col("unit_id")))
                self._own_cells = _cells(
                    sum_up_tree(frame.drop("unit_id"), keys=keys).select(order)
                )
            cells = self._own_cells.get(key, {})
        else:
            if self._tree_cells is None:
                placed = self._values.join(self._where, on="unit_id", how="inner")
                targets = {r.unit.pk for r in self.rows}
                self._tree_cells = _cells(
                    sum_up_tree(placed.drop("unit_id"), keys=keys, targets=targets).select(order)
                )
            cells = self._tree_cells.get(key, {})
        return {period.code: cells[period.code]} if period.code in cells else {}

    def total(
        self, unit: Unit, indicator: Indicator, period: Period | None = None
    ) -> Decimal | None:
        """The unit's whole subtree (with the history placed in it); None when nothing counted."""
        key = (unit.pk, indicator.pk)
        if period is None:
            return _combine_range(indicator.aggregation, self._tree_range.get(key))
        return _combine(indicator.aggregation, self._period_cells(False, key, period))

    def own(self, unit: Unit, indicator: Indicator, period: Period | None = None) -> Decimal | None:
        """What the unit itself reported (approved), without its sub-units."""
        key = (unit.pk, indicator.pk)
        if period is None:
            if self._own_range is None:
                self._own_range = _ranges(self._per_unit, "unit_id")
            return _combine_range(indicator.aggregation, self._own_range.get(key))
        return _combine(indicator.aggregation, self._period_cells(True, key, period))

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


def _parts(frame: pl.DataFrame, by: str) -> pl.DataFrame:
    """Combine range parts (sum, count, max, last period and its sum) per (`by`, indicator).

    The latest period of a group is the latest of its members', and its sum adds the members
    whose latest period it is (a member with figures in that period has it as its latest)."""
    return frame.group_by([by, "indicator_id"]).agg(
        pl.col("sum").sum(),
        pl.col("count").sum(),
        pl.col("max").max(),
        pl.col("last_sum").filter(pl.col("last") == pl.col("last").max()).sum(),
        pl.col("last").max(),
    )


def _ranges(parts: pl.DataFrame, by: str) -> dict[Key, _Range]:
    if parts.is_empty():
        return {}
    return {
        (key, indicator_id): _Range(total, n, most, last_sum)
        for key, indicator_id, total, n, most, last_sum in parts.select(
            [by, "indicator_id", "sum", "count", "max", "last_sum"]
        ).iter_rows()
    }


def _tree_rows(programme: Programme, as_of: dt.date, scope: UnitScope) -> list[RollUpRow]:
    """The rows of the table: the root, the reporting units and the levels between them."""
    reporting = set(implementing_units(programme, day=as_of).values_list("pk", flat=True))
    rows: list[RollUpRow] = []

    def reaches(node: TreeNode) -> bool:
        return node.unit.pk in reporting or any(reaches(c) for c in node.children)

    def walk(nodes: list[TreeNode], depth: int) -> None:
        for node in nodes:
            if depth == 0 or reaches(node):
                rows.append(RollUpRow(node.unit, node.name, depth))
                walk(node.children, depth + 1)

    walk(tree_as_of(as_of, scope, root=programme.implementing_root), 0)
    return rows


def _approved_values(programme: Programme, periods: list[Period]) -> pl.DataFrame:
    """(unit_id, period, indicator_id, value × SCALE) of the approved reports of the periods."""
    # Scaled to integers by the database: no Decimal per value on the way (values ≤ 10^13).
    values = (
        ReportValue.objects.filter(
            report__programme=programme,
            report__state=ReportState.APPROVED,
            report__period_code__in=[p.code for p in periods],
        )
        .annotate(scaled=Cast(Round(F("value") * SCALE), BigIntegerField()))
        .values_list("report__unit_id", "report__period_code", "indicator_id", "scaled")
    )
    schema = {
        "unit_id": pl.Int64,
        "period": pl.String,
        "indicator_id": pl.Int64,
        "value": pl.Int64,
    }
    # Read with the cursor: the rows are plain integers and codes, no per-row converters.
    try:
        sql, params = values.query.sql_with_params()
    except EmptyResultSet:  # no period asked for: nothing to read
        return pl.DataFrame(schema=schema)
    with connections[values.db].cursor() as cursor:
        cursor.execute(sql, params)
        return pl.DataFrame(cursor.fetchall(), schema=schema, orient="row")


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
    rows = _tree_rows(programme, as_of, scope)
    frame = _approved_values(programme, periods)
    reported = set(frame.get_column("unit_id").unique().to_list())
    places = placements(reported, as_of)
    where = pl.DataFrame(
        [(u, place.path) for u, place in places.items()],
        schema={"unit_id": pl.Int64, "path": pl.String},
        orient="row",
    )
    # The whole range first: per unit and indicator (a unit reports once a period), then per
    # place, then up the tree — each step on far fewer rows than the values.
    per_unit = frame.group_by(["unit_id", "indicator_id"]).agg(
        pl.col("value").sum().alias("sum"),
        pl.len().cast(pl.Int64).alias("count"),
        pl.col("value").max().alias("max"),
        pl.col("value").filter(pl.col("period") == pl.col("period").max()).sum().alias("last_sum"),
        pl.col("period").max().alias("last"),
    )
    per_place = _parts(per_unit.join(where, on="unit_id", how="inner"), "path")
    up = units_above(per_place.get_column("path").unique().to_list(), {r.unit.pk for r in rows})
    tree_range = _ranges(_parts(per_place.join(up, on="path", how="inner"), "unit_id"), "unit_id")
    ended = sorted(
        (
            u
            for u in Unit.objects.filter(pk__in=places.keys() | reported)
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
        _values=frame,
        _where=where,
        _per_unit=per_unit,
        _tree_range=tree_range,
    )
