"""Where a reformed unit's history hangs, and figures summed up the tree once per level."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from tests.factories.orgs import UnitFactory
from vinhdanh.orgs.domain.queries.rollup import add_up_tree, placements, sum_up_tree
from vinhdanh.orgs.domain.units import dissolve_unit, merge_units, split_unit
from vinhdanh.orgs.enums import UnitLevel

REFORM = dt.date(2025, 7, 1)


@pytest.fixture
def tree(db):  # type: ignore[no-untyped-def]
    province = UnitFactory(code="P", level=UnitLevel.PROVINCE)
    district = UnitFactory(code="D", parent=province, level=UnitLevel.DISTRICT)
    a = UnitFactory(code="A", parent=district, level=UnitLevel.COMMUNE)
    b = UnitFactory(code="B", parent=district, level=UnitLevel.COMMUNE)
    c = UnitFactory(code="C", parent=province, level=UnitLevel.COMMUNE)
    return province, district, a, b, c


def test_placements_follow_mergers_splits_and_dissolutions(tree) -> None:  # type: ignore[no-untyped-def]
    province, district, a, b, c = tree
    ab = merge_units(units=[a, b], code="AB", name="Xã AB", effective_date=REFORM)
    c1, c2 = split_unit(
        unit=c,
        parts=[{"code": "C1", "name": "Xã C1"}, {"code": "C2", "name": "Xã C2"}],
        effective_date=REFORM,
    )
    # The district is abolished: its sub-units go to the province, then it is dissolved.
    ab.parent = province
    ab.save()
    dissolve_unit(unit=district, effective_date=REFORM)

    before = placements([a.pk, b.pk, c.pk], dt.date(2025, 6, 30))
    after = placements([a.pk, b.pk, c.pk, c1.pk, district.pk], dt.date(2025, 12, 31))

    assert before == {a.pk: a, b.pk: b, c.pk: c}
    assert after[a.pk] == ab
    assert after[b.pk] == ab
    assert after[c.pk] == province  # neither part claims the whole
    assert after[c1.pk] == c1
    assert after[district.pk] == province
    assert c2.pk not in after  # not asked


def test_placements_follow_a_chain_of_reforms(tree) -> None:  # type: ignore[no-untyped-def]
    _province, _district, a, b, c = tree
    ab = merge_units(units=[a, b], code="AB", name="Xã AB", effective_date=dt.date(2024, 1, 1))
    abc = merge_units(units=[ab, c], code="ABC", name="Xã ABC", effective_date=REFORM)

    assert placements([a.pk], dt.date(2025, 12, 31)) == {a.pk: abc}


def test_sum_up_tree_adds_each_row_once_at_every_level() -> None:
    frame = pl.DataFrame(
        {
            "path": ["/1/2/3/", "/1/2/4/", "/1/5/", "/1/2/3/"],
            "year": [2025, 2025, 2025, 2026],
            "value": [3, 5, 2, 7],
        }
    )

    result = sum_up_tree(frame, keys=["year"], targets={1, 2, 3})
    got = {
        (r["unit_id"], r["year"]): (r["sum"], r["count"], r["max"])
        for r in result.iter_rows(named=True)
    }

    assert got == {
        (1, 2025): (10, 3, 5),
        (1, 2026): (7, 1, 7),
        (2, 2025): (8, 2, 5),
        (2, 2026): (7, 1, 7),
        (3, 2025): (3, 1, 3),
        (3, 2026): (7, 1, 7),
    }
    assert sum_up_tree(frame.clear(), keys=["year"]).is_empty()


def test_add_up_tree_adds_counts_per_path_to_every_unit_above() -> None:
    per_path = pl.DataFrame(
        {
            "path": ["/1/2/3/", "/1/2/4/", "/1/5/"],
            "year": [2025, 2025, 2025],
            "evaluated": [3, 5, 2],
            "LDTT": [1, 0, 2],
        }
    )

    result = add_up_tree(per_path, keys=["year"], columns=["evaluated", "LDTT"], targets={1, 2})
    got = {
        (r["unit_id"], r["year"]): (r["evaluated"], r["LDTT"]) for r in result.iter_rows(named=True)
    }

    assert got == {(1, 2025): (10, 3), (2, 2025): (8, 1)}
