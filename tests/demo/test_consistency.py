"""The generated demo data respects the law (rules.md §2–5) and the 2025 history of the tree.

One generation (800 people, 10 years) is shared by the module and rolled back at its end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction

from vinhdanh.awards.models import Award, Decision
from vinhdanh.demo.generate import Summary, generate_demo
from vinhdanh.orgs.models import CollectiveRating, Unit, UnitEvent
from vinhdanh.people.models import Discipline, Initiative, PendingReview, Person, Post, TaskRating

START, END = 2016, 2025
GOOD = {"HTXSNV", "HTTNV"}
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
    initiatives: dict[tuple[int, int], set[str]]  # (person, year) → levels

    def has(self, person: int, code: str, year: int) -> bool:
        return any(
            a.code == code and a.period == year and not a.revoked_by for a in self.by_person[person]
        )


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
    initiatives: dict[tuple[int, int], set[str]] = defaultdict(set)
    for init in Initiative.objects.prefetch_related("authors"):
        for author in init.authors.all():
            initiatives[(author.pk, init.recognised_on.year)].add(init.level)
    return Facts(ratings, awards, by_person, initiatives)


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
        "HC_LAO_DONG_3",
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


def test_every_ldtt_rests_on_a_good_rating_and_enough_months(facts: Facts) -> None:
    for award in _of(facts, "LDTT"):
        rating = facts.ratings[(award.person, award.period)]
        assert rating.rating in GOOD
        assert rating.movement_participation
        assert rating.months_worked >= (10 if award.period <= 2023 else 6)
        assert award.decision.decider_role in {
            "giam_doc_so",
            "chu_tich_ubnd_xa",
            "chu_tich_ubnd_huyen",
        }


def test_every_cstdcs_is_ldtt_with_excellence_or_an_initiative(facts: Facts) -> None:
    for award in _of(facts, "CSTDCS"):
        person, year = award.person, award.period
        assert facts.has(person, "LDTT", year)
        has_initiative = bool(facts.initiatives.get((person, year)))
        if year < 2024:
            assert has_initiative, "before 2024 an initiative was mandatory"
        else:
            assert has_initiative or facts.ratings[(person, year)].rating == "HTXSNV"
        assert award.decision.decider_role != "chu_tich_ubnd_xa"


def test_every_cstd_tinh_follows_three_unused_consecutive_cstdcs(facts: Facts) -> None:
    used: dict[int, set[int]] = defaultdict(set)
    for award in sorted(_of(facts, "CSTD_BT"), key=lambda a: (a.person, a.period)):
        person, year = award.person, award.period
        window = {year - 2, year - 1, year}
        assert all(facts.has(person, "CSTDCS", y) for y in window)
        assert not used[person] & window, "a CSTĐCS year is used for one CSTĐ tỉnh only"
        used[person] |= window
        levels = set().union(*(facts.initiatives.get((person, y), set()) for y in window))
        assert levels & {"bo_tinh", "toan_quoc"}
        assert award.decision.decider_role == "chu_tich_ubnd_tinh"


def test_every_bang_khen_tinh_follows_two_consecutive_cstdcs(facts: Facts) -> None:
    for award in _of(facts, "BK_BT"):
        assert award.decision.decider_role == "chu_tich_ubnd_tinh"
        if award.period < START:
            continue  # history from before the data window
        assert facts.has(award.person, "CSTDCS", award.period - 1)
        assert facts.has(award.person, "CSTDCS", award.period)


def _five_year_chain(facts: Facts, award: AwardFact, prior_code: str) -> list[str]:
    person, year = award.person, award.period
    window = range(year - 4, year + 1)
    start = dt.date(year - 4, 1, 1)
    prior = [
        a
        for a in facts.by_person[person]
        if a.code == prior_code and a.award_type == "CONG_TRANG" and a.decision.signed_on < start
    ]
    assert prior, f"{award.code} needs an earlier {prior_code}"
    ratings = [facts.ratings[(person, y)].rating for y in window]
    assert all(r in GOOD for r in ratings)
    assert sum(facts.has(person, "CSTDCS", y) for y in window) >= 3
    return ratings


def test_every_bang_khen_thu_tuong_has_its_prior_bang_khen_and_five_good_years(
    facts: Facts,
) -> None:
    for award in _of(facts, "BK_TTG"):
        assert award.decision.decider_role == "thu_tuong"
        if award.period - 4 >= START:
            _five_year_chain(facts, award, "BK_BT")


def test_every_huan_chuong_lao_dong_has_its_bang_khen_thu_tuong(facts: Facts) -> None:
    for award in _of(facts, "HC_LAO_DONG_3"):
        assert award.decision.decider_role == "chu_tich_nuoc"
        assert "HTXSNV" in _five_year_chain(facts, award, "BK_TTG")


def test_no_award_in_a_year_of_discipline_or_open_review(facts: Facts, db: None) -> None:
    disciplines = list(Discipline.objects.all())
    assert disciplines
    for discipline in disciplines:
        assert discipline.form in {"khien_trach", "canh_cao"}
        assert discipline.period_end is not None
        years = range(discipline.decision_date.year, discipline.period_end.year + 1)
        assert not [a for a in facts.by_person[discipline.person_id] if a.period in years]
    open_reviews = PendingReview.objects.filter(closed__isnull=True, person__isnull=False)
    assert open_reviews.exists()
    for review in open_reviews:
        assert not [a for a in facts.by_person[review.person_id or 0] if a.period == END]


def test_collective_titles_follow_the_members_results(facts: Facts, db: None) -> None:
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for (person, year), rating in facts.ratings.items():
        members[(rating.unit_id or 0, year)].append(person)
    collective = {(c.unit_id, c.year): c.rating for c in CollectiveRating.objects.all()}
    for award in _of(facts, "TTLDTT") + _of(facts, "TTLDXS"):
        key = (award.unit, award.period)
        people = members[key]
        ldtt = sum(facts.has(p, "LDTT", award.period) for p in people)
        if award.code == "TTLDTT":
            assert collective[key] in GOOD
            assert ldtt / len(people) > 0.5
        else:
            assert collective[key] == "HTXSNV"
            assert ldtt / len(people) >= 0.7
            assert any(facts.has(p, "CSTDCS", award.period) for p in people)
            assert all(facts.ratings[(p, award.period)].rating != "KHTNV" for p in people)
            assert award.decision.decider_role == "chu_tich_ubnd_tinh"


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
