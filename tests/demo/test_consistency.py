"""The generated demo data agrees with the engine (rules.md §2–5) and the 2025 history of the
tree.

One generation (800 people, 10 years) is shared by the module and rolled back at its end.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import polars as pl
import pytest
from django.db import connection, transaction

from vinhdanh.awards.models import Award, Decision
from vinhdanh.demo.generate import Summary, generate_demo
from vinhdanh.demo.merit import PERSON_STAGES, evaluation_dates
from vinhdanh.eligibility.core import BatchResult, Outcome, evaluate_many
from vinhdanh.eligibility.domain.queries.facts import person_facts, unit_facts
from vinhdanh.eligibility.domain.queries.parameters import parameters_for
from vinhdanh.eligibility.services import COLLECTIVE_CODES, PERSON_CODES, review_date
from vinhdanh.orgs.models import Unit, UnitEvent
from vinhdanh.people.models import Initiative, Person, Post, TaskRating

START, END = 2016, 2025
REFORM = dt.date(2025, 7, 1)

# The marker also keeps these tests ahead of the transactional ones, which flush the catalogue.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Summary]:
    with django_db_blocker.unblock(), transaction.atomic():
        summary = generate_demo(people=800, seed=10, start_year=START, end_year=END, parallel=False)
        yield summary
        transaction.set_rollback(True)


@dataclass(frozen=True)
class AwardFact:
    """An award with plain ints (0 when absent) so the checks read simply."""

    code: str
    person: int
    unit: int
    period: int
    award_type: str
    annual: bool
    decision: Decision
    revoked_by: int
    ground: str
    reason: str

    @classmethod
    def of(cls, award: Award) -> AwardFact:
        return cls(
            award.kind.code,
            award.person_id or 0,
            award.unit_id or 0,
            award.period or 0,
            award.award_type,
            award.kind.is_annual,
            award.decision,
            award.revoked_by_id or 0,
            award.revocation_ground,
            award.revocation_reason,
        )


@dataclass
class Facts:
    ratings: dict[tuple[int, int], TaskRating]
    awards: list[AwardFact]
    by_person: dict[int, list[AwardFact]]


@pytest.fixture(scope="module")
def facts(demo: Summary, django_db_blocker: Any) -> Facts:
    with django_db_blocker.unblock():
        return _load_facts()


def _load_facts() -> Facts:
    ratings = {(r.person_id, r.year): r for r in TaskRating.objects.all()}
    awards = [AwardFact.of(a) for a in Award.objects.select_related("kind", "decision")]
    by_person: dict[int, list[AwardFact]] = defaultdict(list)
    for award in awards:
        if award.person:
            by_person[award.person].append(award)
    return Facts(ratings, awards, by_person)


def _of(facts: Facts, code: str, *, merit: bool = True) -> list[AwardFact]:
    found = [
        a for a in facts.awards if a.code == code and (not merit or a.award_type == "CONG_TRANG")
    ]
    assert found, f"the demo data should contain {code}"
    return found


def test_demo_counts_look_like_a_province(demo: Summary) -> None:
    assert demo.rows["people_person"] == 800
    assert 6_000 < demo.rows["people_taskrating"] < 8_000
    assert demo.rows["awards_award"] > 6_000
    for code in (
        "LDTT",
        "CSTDCS",
        "CSTD_BT",
        "BK_BT",
        "BK_TTG",
        "TTLDTT",
        "TTLDXS",
        "THON_VH",
        "DOT_XUAT",
    ):
        assert demo.awards.get(code, 0) > 0, code
    assert demo.awards["revoked"] >= 2


def test_ratings_mostly_httnv_with_a_quarter_excellent(facts: Facts) -> None:
    counts: dict[str, int] = defaultdict(int)
    for rating in facts.ratings.values():
        counts[rating.rating] += 1
    total = sum(counts.values())
    assert 0.2 < counts["HTXSNV"] / total < 0.32
    assert counts["HTTNV"] / total > 0.55
    assert counts["HTNV"] > 0
    assert counts["KHTNV"] > 0
    recruits = [r for r in facts.ratings.values() if r.months_worked < 12]
    assert recruits, "new recruits start mid-period"


def _replayed(awards: pl.LazyFrame, year: int, later: set[str]) -> pl.LazyFrame:
    """The awards as the demo saw them when it chose the titles of `year` in `later`: none of
    those yet, nothing of the years after, and no revocation (revocations come at the end)."""
    merit_later = (pl.col("award_type") == "CONG_TRANG") & (
        (pl.col("period") > year) | ((pl.col("period") == year) & pl.col("code").is_in(later))
    )
    return awards.filter(~merit_later).with_columns(revoked=pl.lit(False))


def _eligible(batch: BatchResult, code: str) -> set[int]:
    outcomes = batch.outcomes(code).filter(pl.col("outcome") == Outcome.ELIGIBLE.value)
    return set(outcomes.get_column("subject_id").to_list())


def test_every_title_of_a_person_is_one_the_engine_finds_eligible(facts: Facts, db: None) -> None:
    """The demo never disagrees with the law: replayed year by year through the database
    adapter (the pages' path), every merit title it gave a person is ELIGIBLE (CSTĐCS: within
    the quota where the regime sets one), and most people eligible for LĐTT got it."""
    tables = person_facts(Person.objects.all())
    given: dict[tuple[int, str], set[int]] = defaultdict(set)
    for award in facts.awards:
        if award.person and award.award_type == "CONG_TRANG" and award.period >= START:
            given[(award.period, award.code)].add(award.person)
    checked = ldtt_eligible = ldtt_given = 0
    for year in range(START, END + 1):
        later = set(PERSON_CODES)
        for codes in PERSON_STAGES:
            awards = _replayed(tables.awards, year, later)
            later -= set(codes)
            for on in evaluation_dates(year):
                batch = evaluate_many(
                    dataclasses.replace(tables, awards=awards),
                    codes,
                    year,
                    on,
                    parameters_for(on, None),
                )
                for code in codes:
                    eligible = _eligible(batch, code)
                    assert given[(year, code)] <= eligible, (year, code, on)
                    checked += len(given[(year, code)])
                    if code == "CSTDCS" and (quota := batch.cstdcs_quota()).height:
                        within = set(quota.filter("within_quota").get_column("subject_id"))
                        assert given[(year, code)] <= within, (year, on)
                    if code == "LDTT" and on == review_date(year):
                        ldtt_eligible += len(eligible)
                        ldtt_given += len(given[(year, code)])
    assert checked > 6_000
    assert ldtt_given / ldtt_eligible > 0.95


def test_collective_titles_are_ones_the_engine_finds_eligible(facts: Facts, db: None) -> None:
    given: dict[tuple[int, str], set[int]] = defaultdict(set)
    for award in facts.awards:
        if award.unit and award.code in COLLECTIVE_CODES:
            given[(award.period, award.code)].add(award.unit)
    units = Unit.objects.filter(pk__in={u for ids in given.values() for u in ids})
    for year in range(START, END + 1):
        tables = unit_facts(units, years=range(year - 9, year + 1))
        awards = tables.awards.filter(
            ~((pl.col("period") >= year) & pl.col("code").is_in(COLLECTIVE_CODES))
        )
        for on in evaluation_dates(year):
            batch = evaluate_many(
                dataclasses.replace(tables, awards=awards),
                COLLECTIVE_CODES,
                year,
                on,
                parameters_for(on, None),
            )
            for code in COLLECTIVE_CODES:
                assert given[(year, code)] <= _eligible(batch, code), (year, code, on)
    assert given[(END, "TTLDTT")]
    assert any(given[(year, "TTLDXS")] for year in range(START, END + 1))


def test_merit_decisions_are_signed_by_the_bodies_with_the_power(facts: Facts) -> None:
    roles = {
        "LDTT": {"giam_doc_so", "chu_tich_ubnd_xa", "chu_tich_ubnd_huyen"},
        "CSTD_BT": {"chu_tich_ubnd_tinh"},
        "BK_BT": {"chu_tich_ubnd_tinh"},
        "BK_TTG": {"thu_tuong"},
        "HC_LAO_DONG_3": {"chu_tich_nuoc"},  # few: 800 people may have none
    }
    for code, allowed in roles.items():
        found = [a for a in facts.awards if a.code == code and a.award_type == "CONG_TRANG"]
        assert {a.decision.decider_role for a in found} <= allowed, code
    assert "chu_tich_ubnd_xa" not in {a.decision.decider_role for a in _of(facts, "CSTDCS")}


def test_decisions_are_issued_and_numbered_without_gaps(demo: Summary, db: None) -> None:
    groups: dict[tuple[object, int], list[int]] = defaultdict(list)
    for decision in Decision.objects.all():
        assert decision.status == "issued"
        assert decision.signer_name
        assert decision.signer_title
        assert decision.subject
        # A unit's series (however its name was written that year); national bodies by name.
        assert decision.imported == (decision.issuing_unit_id is None)
        series = decision.issuing_unit_id or decision.body_key
        groups[(series, decision.year)].append(decision.number or 0)
    assert len(groups) > 100
    for numbers in groups.values():
        assert sorted(numbers) == list(range(1, len(numbers) + 1))


def test_decisions_are_signed_by_an_authority_that_existed(facts: Facts, db: None) -> None:
    units = {u.pk: u for u in Unit.objects.all()}
    for award in facts.awards:
        decision = award.decision
        if decision.issuing_unit_id:
            assert units[decision.issuing_unit_id].is_valid_on(decision.signed_on)
        if decision.decider_role == "chu_tich_ubnd_huyen":
            assert decision.signed_on < REFORM
        if award.award_type == "CONG_TRANG" and award.annual and award.period >= START:
            assert (
                dt.date(award.period, 12, 1)
                <= decision.signed_on
                <= dt.date(award.period + 1, 3, 31)
            )


def test_revoked_awards_carry_their_revocation_decision(facts: Facts, db: None) -> None:
    revoked = [a for a in facts.awards if a.revoked_by]
    assert len(revoked) >= 2
    for award in revoked:
        revocation = Decision.objects.get(pk=award.revoked_by)
        assert revocation.kind == "revocation"
        assert revocation.revokes_id == award.decision.pk
        assert revocation.signed_on > award.decision.signed_on
        assert award.ground in {"a", "b", "c", "d"}
        assert award.reason


def test_districts_end_before_the_reform_and_communes_have_predecessors(
    demo: Summary, db: None
) -> None:
    districts = Unit.objects.filter(level="district")
    assert districts.count() >= 10
    assert set(districts.values_list("valid_to", flat=True)) == {dt.date(2025, 6, 30)}
    dissolved = set(
        UnitEvent.objects.filter(kind="dissolve").values_list("predecessors", flat=True)
    )
    assert set(districts.values_list("pk", flat=True)) <= dissolved
    new_communes = Unit.objects.filter(level="commune", valid_from=REFORM)
    assert 90 <= new_communes.count() <= 110
    for commune in new_communes:
        event = UnitEvent.objects.get(kind="merge", successors=commune)
        assert event.effective_date == REFORM
        assert event.decision_number.endswith("/NQ-UBTVQH15")
        assert event.decision_body == "Ủy ban Thường vụ Quốc hội"
        olds = list(event.predecessors.all())
        assert len(olds) >= 2
        assert all(o.valid_to == dt.date(2025, 6, 30) and o.level == "commune" for o in olds)
    assert UnitEvent.objects.filter(kind="rename").exists()
    assert UnitEvent.objects.filter(kind="merge", effective_date=dt.date(2025, 3, 1)).exists()


def test_unit_paths_are_materialised(demo: Summary, db: None) -> None:
    units = {u.pk: u for u in Unit.objects.all()}
    for unit in units.values():
        parent = units.get(unit.parent_id) if unit.parent_id else None
        assert unit.path == f"{parent.path if parent else '/'}{unit.pk}/"
        assert unit.depth == unit.path.count("/") - 2


def test_every_person_is_in_a_unit_valid_today_holding_an_open_post(
    demo: Summary, db: None
) -> None:
    today = dt.date(2026, 11, 1)
    for person in Person.objects.select_related("current_unit"):
        assert person.current_unit is not None
        assert person.current_unit.is_valid_on(today)
        open_posts = Post.objects.filter(person=person, end_date__isnull=True)
        assert [(p.unit_id, p.title) for p in open_posts] == [
            (person.current_unit_id, person.current_title)
        ]
        assert person.search_key
        assert person.sort_key
    moved = Post.objects.filter(end_date=dt.date(2025, 6, 30), unit__level="commune")
    assert moved.exists(), "people of the old communes moved on 01/07/2025"


def test_references_are_intact(demo: Summary, db: None) -> None:
    """The bulk load skips per-row foreign-key checks: every reference must still resolve."""
    from vinhdanh.demo.generate import TABLES

    with connection.cursor() as cursor:
        for model in TABLES.values():
            for field in model._meta.concrete_fields:
                target = field.related_model
                if not field.is_relation or not isinstance(target, type):
                    continue
                cursor.execute(
                    f'SELECT COUNT(*) FROM "{model._meta.db_table}" c LEFT JOIN '
                    f'"{target._meta.db_table}" p ON c."{field.column}" = p."id" '
                    f'WHERE c."{field.column}" IS NOT NULL AND p."id" IS NULL'
                )
                assert cursor.fetchone() == (0,), f"{model._meta.db_table}.{field.column}"
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []


def test_initiatives_are_recognised_under_the_symbol_of_the_body_that_decided(
    demo: Summary, db: None
) -> None:
    """A provincial initiative is recognised by the Chủ tịch UBND tỉnh on a "QĐ-UBND"
    decision (not the commune council's "QĐ-HĐSK"), numbered "01/…" as everywhere."""
    rows = list(Initiative.objects.values_list("level", "recognised_by", "decision_number"))
    assert {level for level, _by, _number in rows} >= {"co_so", "bo_tinh"}
    expected = {"co_so": ("Hội đồng sáng kiến cơ sở", "QĐ-HĐSK")}
    provincial = ("Chủ tịch Ủy ban nhân dân tỉnh", "QĐ-UBND")
    for level, by, number in rows:
        head, _slash, symbol = number.partition("/")
        assert head.isdigit(), number
        assert len(head) >= 2, number
        body, wanted = expected.get(level, provincial)
        assert (by.startswith(body), symbol) == (True, wanted), number
