"""Figures recorded at units, summed up the tree, through the lineage of reformed units.

Two general helpers, for any app that adds numbers up the organisation tree:

- `placements`: where the history of each unit hangs in the tree as it stands on a day. A unit
  still valid is its own place; a merged unit's history goes to its successor; a split unit's
  to the nearest unit above all its parts (so no part claims the whole, and nothing is counted
  twice); a dissolved unit's to its parent. Chains of reforms are followed to the end.
- `sum_up_tree`: "count per unit path, then sum up the tree". Rows are grouped per path first
  (a few thousand groups at most), then each group is added to every unit on its path — rather
  than joining every row to every ancestor. `add_up_tree` is its second half, for counts
  already grouped per path (the eligibility facts' `member_aggregates` uses it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

import polars as pl

from vinhdanh.orgs.models import Unit, UnitEvent


def path_ids(path: str) -> list[int]:
    return [int(p) for p in path.strip("/").split("/") if p]


def placements(unit_ids: Iterable[int], day: dt.date) -> dict[int, Unit]:
    """For each unit id: the unit valid on `day` whose subtree carries that unit's history."""
    wanted = set(unit_ids)
    if not wanted:
        return {}
    successors: dict[int, set[int]] = {}
    through = UnitEvent.predecessors.through
    succ_through = UnitEvent.successors.through
    by_event: dict[int, list[int]] = {}
    for event_id, unit_id in succ_through.objects.values_list("unitevent_id", "unit_id"):
        by_event.setdefault(event_id, []).append(unit_id)
    for event_id, unit_id in through.objects.values_list("unitevent_id", "unit_id"):
        successors.setdefault(unit_id, set()).update(
            u for u in by_event.get(event_id, []) if u != unit_id
        )
    units: dict[int, Unit] = {}

    def load(ids: Iterable[int]) -> None:
        missing = set(ids) - units.keys()
        if missing:
            for unit in Unit.objects.filter(pk__in=missing).only(
                "id", "name", "parent_id", "path", "valid_from", "valid_to", "level", "code"
            ):
                units[unit.pk] = unit

    load(wanted)
    resolved: dict[int, Unit | None] = {}

    def common_ancestor(targets: list[Unit], seen: frozenset[int]) -> Unit:
        """The nearest unit above all the parts (the parts themselves when only one)."""
        if len({t.pk for t in targets}) == 1:
            return targets[0]
        common: list[int] = []
        for parts in zip(*(path_ids(t.path) for t in targets), strict=False):
            if len(set(parts)) != 1:
                break
            common.append(parts[0])
        place = resolve(common[-1], seen) if common else None
        return place if place is not None else targets[0]

    def resolve(unit_id: int, seen: frozenset[int]) -> Unit | None:
        if unit_id in resolved:
            return resolved[unit_id]
        if unit_id in seen:
            return None
        load([unit_id])
        unit = units.get(unit_id)
        if unit is None:
            return None
        seen = seen | {unit_id}
        place: Unit | None
        if unit.is_valid_on(day) or unit.valid_from > day:
            place = unit  # still here (or not yet: it has no history before `day` to move)
        elif nexts := successors.get(unit_id):
            targets = [t for t in (resolve(n, seen) for n in sorted(nexts)) if t is not None]
            place = common_ancestor(targets, seen) if targets else None
        else:
            place = resolve(unit.parent_id, seen) if unit.parent_id else None
        resolved[unit_id] = place
        return place

    result: dict[int, Unit] = {}
    for unit_id in wanted:
        place = resolve(unit_id, frozenset())
        if place is not None:
            result[unit_id] = place
    return result


def units_above(
    paths: Iterable[str], targets: Collection[int] | None = None, *, path: str = "path"
) -> pl.DataFrame:
    """(path, unit_id) for every unit on each path (only those in `targets`, when given).

    Sums up the tree join their per-path counts to this: a few thousand distinct paths, rather
    than every row joined to every ancestor.
    """
    allowed = None if targets is None else set(targets)
    pairs = [
        (p, unit_id)
        for p in paths
        for unit_id in path_ids(p)
        if allowed is None or unit_id in allowed
    ]
    return pl.DataFrame(pairs, schema={path: pl.String, "unit_id": pl.Int64}, orient="row")


def sum_up_tree(
    frame: pl.DataFrame,
    *,
    keys: list[str],
    value: str = "value",
    targets: Collection[int] | None = None,
    path: str = "path",
) -> pl.DataFrame:
    """Per (unit_id, *keys): the sum, count and max of `value` over the unit's whole subtree.

    Keep `value` an integer column (scale decimals) and the sums are exact.

    `frame` holds one row per figure with the path of the unit it is recorded at. Every unit on
    each path gets the figure (only those in `targets`, when given).
    """
    dtype = frame.schema[value]
    out_schema: dict[str, pl.DataType | type[pl.DataType]] = {"unit_id": pl.Int64}
    out_schema.update({k: frame.schema[k] for k in keys})
    out_schema.update({"sum": dtype, "count": pl.Int64, "max": dtype})
    if frame.is_empty():
        return pl.DataFrame(schema=out_schema)
    per_path = frame.group_by([path, *keys]).agg(
        pl.col(value).sum().alias("sum"),
        pl.col(value).count().cast(pl.Int64).alias("count"),
        pl.col(value).max().alias("max"),
    )
    by_path = units_above(per_path.get_column(path).unique().to_list(), targets, path=path)
    if by_path.is_empty():
        return pl.DataFrame(schema=out_schema)
    return (
        per_path.join(by_path, on=path, how="inner")
        .group_by(["unit_id", *keys])
        .agg(
            pl.col("sum").sum(),
            pl.col("count").sum().cast(pl.Int64),
            pl.col("max").max(),
        )
    )


def add_up_tree(
    per_path: pl.DataFrame,
    *,
    keys: list[str],
    columns: list[str],
    targets: Collection[int] | None = None,
    path: str = "path",
) -> pl.DataFrame:
    """Per (unit_id, *keys): each of `columns` summed over the unit's whole subtree.

    `per_path` holds counts already grouped per (path, *keys); each row is added to every unit
    on its path (only those in `targets`, when given).
    """
    by_path = units_above(per_path.get_column(path).unique().to_list(), targets, path=path)
    return (
        per_path.join(by_path, on=path, how="inner")
        .group_by(["unit_id", *keys])
        .agg([pl.col(c).sum().cast(pl.Int64) for c in columns])
    )
