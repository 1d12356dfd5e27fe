"""Candidate lists of a unit's subtree: collectives against the collective titles, and the
LĐTT each unit's CSTĐCS quota is a share of."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.eligibility.domain.queries.candidates import (
    COLLECTIVE_LIST_CODES,
    candidate_list,
    collective_candidate_list,
)
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.domain.quotas import candidate_list_quotas
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import CollectiveRating

pytestmark = pytest.mark.django_db

YEAR = 2024
DECIDED = dt.date(2025, 1, 15)
EVERYTHING = UnitScope(True, (), ())


def member(unit, rating: str, *titles: str):  # type: ignore[no-untyped-def]
    """A person of `unit` rated `rating` for the year, holding `titles` for it."""
    person = PersonFactory()
    PostFactory(person=person, unit=unit, start_date=dt.date(2015, 1, 1))
    TaskRatingFactory(person=person, year=YEAR, rating=rating)
    for code in titles:
        AwardFactory(
            person=person,
            kind=kind(code),
            period=YEAR,
            decision=DecisionFactory(year=YEAR + 1, signed_on=dt.date(YEAR + 1, 1, 10)),
        )
    return person


def collective(parent, name: str, rating: str | None, **kw):  # type: ignore[no-untyped-def]
    unit = UnitFactory(parent=parent, name=name, **kw)
    if rating:
        CollectiveRating.objects.create(unit=unit, year=YEAR, rating=rating)
    return unit


@pytest.fixture
def province():  # type: ignore[no-untyped-def]
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, is_collective=False)
    # Excellent: HTXSNV, everyone completes, 3/3 LĐTT, one CSTĐCS → TTLĐXS and TTLĐTT.
    ton_giao = collective(province, "Ban Tôn giáo", "HTXSNV")
    member(ton_giao, "HTXSNV", "LDTT", "CSTDCS")
    member(ton_giao, "HTXSNV", "LDTT")
    member(ton_giao, "HTTNV", "LDTT")
    # Good: HTTNV, 2/2 LĐTT → TTLĐTT only.
    dan_toc = collective(province, "Ban Dân tộc", "HTTNV")
    member(dan_toc, "HTTNV", "LDTT")
    member(dan_toc, "HTTNV", "LDTT")
    # Exactly half LĐTT: not "more than 50%" (R-TTLDTT-1).
    doi_ngoai = collective(province, "Ban Đối ngoại", "HTTNV")
    member(doi_ngoai, "HTTNV", "LDTT")
    member(doi_ngoai, "HTNV")
    commune = collective(province, "Xã Cẩm Bình", "HTTNV", level=UnitLevel.COMMUNE)
    collective(commune, "Thôn Đông Hòa", None, level=UnitLevel.VILLAGE)
    collective(province, "Kho lưu trữ", None, is_collective=False)
    collective(province, "Ban Thi đua cũ", "HTXSNV", valid_to=dt.date(2022, 6, 30))
    return province


def _names(rows) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.unit.name for r in rows]


def test_collective_list_of_a_subtree_in_vietnamese_order(province) -> None:  # type: ignore[no-untyped-def]
    lst = collective_candidate_list(
        unit=province, period=YEAR, scope=EVERYTHING, decision_date=DECIDED
    )
    assert lst.codes == list(COLLECTIVE_LIST_CODES)
    # D < Đ < T in Vietnamese (Python's own order puts Đ after T).
    assert _names(lst.rows("TTLDTT", outcome=None)) == [
        "Ban Dân tộc",
        "Ban Đối ngoại",
        "Ban Tôn giáo",
    ]
    assert _names(lst.rows("TTLDTT")) == ["Ban Dân tộc", "Ban Tôn giáo"]
    assert _names(lst.rows("TTLDXS")) == ["Ban Tôn giáo"]
    assert lst.counts["TTLDTT"] == {"ELIGIBLE": 2, "NOT_ELIGIBLE": 1}
    # Commune and village titles list only communes and villages; the law leaves their
    # criteria to the province, so a person decides.
    assert [(r.unit.name, r.outcome) for r in lst.rows("XA_TB", outcome=None)] == [
        ("Xã Cẩm Bình", "NEEDS_REVIEW")
    ]
    assert [(r.unit.name, r.outcome) for r in lst.rows("THON_VH", outcome=None)] == [
        ("Thôn Đông Hòa", "NEEDS_REVIEW")
    ]
    # Flags go to the leader of a cluster: a council's judgement.
    assert {r.outcome for r in lst.rows("CTD_BT", outcome=None)} == {"NEEDS_REVIEW"}
    listed = {r.unit.name for code in lst.codes for r in lst.rows(code, outcome=None)}
    assert "Kho lưu trữ" not in listed  # receives no collective titles
    assert "Ban Thi đua cũ" not in listed  # gone before the year


def test_every_no_in_a_collective_list_comes_with_its_article(province) -> None:  # type: ignore[no-untyped-def]
    lst = collective_candidate_list(
        unit=province, period=YEAR, scope=EVERYTHING, decision_date=DECIDED
    )
    (doi_ngoai,) = [r.unit for r in lst.rows("TTLDTT", outcome="NOT_ELIGIBLE")]
    result = lst.batch.explain(doi_ngoai.pk, code="TTLDTT")
    failed = [c for c in result.checks if not c.ok]
    assert [(c.rule, c.cite) for c in failed] == [("R-TTLDTT-1", "Law 06/2022 Art. 28(1)")]
    assert "50%" in failed[0].message("vi")
    dan_toc, _ = [r.unit for r in lst.rows("TTLDXS", outcome="NOT_ELIGIBLE")]
    assert dan_toc.name == "Ban Dân tộc"
    failed = [c for c in lst.batch.explain(dan_toc.pk, code="TTLDXS").checks if not c.ok]
    # Rated HTTNV, not HTXSNV, and nobody is CSTĐCS.
    assert len(failed) == 2
    assert all(c.rule == "R-TTLDXS-1" and c.cite.startswith("Law 06/2022 Art. 27") for c in failed)


def test_collective_list_of_a_sub_unit_and_a_narrow_scope(province) -> None:  # type: ignore[no-untyped-def]
    commune = province.children.get(name="Xã Cẩm Bình")
    lst = collective_candidate_list(
        unit=commune, period=YEAR, scope=EVERYTHING, decision_date=DECIDED
    )
    assert set(lst.units) == {commune.pk, commune.children.get().pk}
    dan_toc = province.children.get(name="Ban Dân tộc")
    narrow = UnitScope(False, (), (dan_toc.pk,))
    lst = collective_candidate_list(unit=province, period=YEAR, scope=narrow, decision_date=DECIDED)
    assert _names(lst.rows("TTLDTT", outcome=None)) == ["Ban Dân tộc"]


def test_ldtt_held_or_eligible_is_the_base_of_each_units_cstdcs_quota(province) -> None:  # type: ignore[no-untyped-def]
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="50%", unit=None, valid_from=dt.date(2024, 1, 1)
    )
    dan_toc = province.children.get(name="Ban Dân tộc")
    member(dan_toc, "HTTNV")  # not yet awarded, eligible for LĐTT
    lst = candidate_list(unit=province, period=YEAR, scope=EVERYTHING, decision_date=DECIDED)
    by_name = {q.unit.name: q.base_count for q in candidate_list_quotas(lst)}
    # Ban Dân tộc: 2 held + 1 eligible; Ban Đối ngoại: 1 held, the HTNV one is not LĐTT.
    assert by_name == {"Ban Tôn giáo": 3, "Ban Dân tộc": 3, "Ban Đối ngoại": 1}
