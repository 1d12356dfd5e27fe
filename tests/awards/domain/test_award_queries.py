from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory
from vinhdanh.awards.domain.queries.awards import person_awards, unit_awards, visible_awards
from vinhdanh.awards.domain.queries.catalogue import catalogue_by_category
from vinhdanh.awards.domain.queries.decisions import (
    award_counts,
    decision_detail,
    issuing_bodies,
    search_decisions,
    visible_decisions,
)
from vinhdanh.awards.enums import AwardCategory, DecisionKind
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE)
    unit_a = UnitFactory(name="Sở Nội vụ", parent=province)
    unit_b = UnitFactory(name="Sở Tài chính", parent=province)
    person_a = PersonFactory(given_name="Hồng")
    PostFactory(person=person_a, unit=unit_a)
    person_b = PersonFactory(given_name="Lan")
    PostFactory(person=person_b, unit=unit_b)
    clerk = RoleFactory(unit=unit_a).user
    return SimpleNamespace(
        province=province,
        unit_a=unit_a,
        unit_b=unit_b,
        person_a=person_a,
        person_b=person_b,
        clerk=clerk,
    )


def test_visible_decisions_issued_in_scope_or_awarding_someone_in_scope(world):
    own = DecisionFactory(issuing_unit=world.unit_a, issuing_body="Sở Nội vụ")
    provincial = DecisionFactory(issuing_unit=world.province)
    AwardFactory(decision=provincial, person=world.person_a)
    AwardFactory(decision=provincial, person=world.person_b)
    elsewhere = DecisionFactory(issuing_unit=world.unit_b, issuing_body="Sở Tài chính")
    AwardFactory(decision=elsewhere, person=world.person_b)
    assert set(visible_decisions(world.clerk)) == {own, provincial}
    assert world.clerk.has_perm("awards.view_decision", provincial)
    assert not world.clerk.has_perm("awards.view_decision", elsewhere)


def test_visible_decisions_include_the_revocation_of_an_award_in_scope(world):
    revocation = DecisionFactory(issuing_unit=world.province, kind=DecisionKind.REVOCATION)
    AwardFactory(
        decision=DecisionFactory(issuing_unit=world.province),
        person=world.person_a,
        revoked_by=revocation,
    )
    assert revocation in visible_decisions(world.clerk)


@pytest.mark.parametrize(
    "issued_in_scope", [1, 8], ids=["few issued in scope", "most issued in scope"]
)
def test_visible_decisions_are_the_same_set_whichever_way_the_database_is_asked(
    world, issued_in_scope
):
    """A department and a province office ask the database differently (see
    `_issues_most_decisions`); both must see exactly the decisions the rule names."""
    own = {DecisionFactory(issuing_unit=world.unit_a) for _ in range(issued_in_scope)}
    to_person = DecisionFactory(issuing_unit=world.province)
    AwardFactory(decision=to_person, person=world.person_b)
    AwardFactory(decision=to_person, person=world.person_a)
    to_unit = DecisionFactory(issuing_unit=world.province)
    AwardFactory(decision=to_unit, person=None, unit=world.unit_a, kind=kind("TTLDTT"))
    revocation = DecisionFactory(issuing_unit=world.province, kind=DecisionKind.REVOCATION)
    AwardFactory(decision=to_person, person=world.person_a, revoked_by=revocation)
    for _ in range(3):  # decisions about someone else only
        AwardFactory(decision=DecisionFactory(issuing_unit=world.province), person=world.person_b)
    AwardFactory(decision=DecisionFactory(issuing_unit=world.unit_b), person=world.person_b)
    assert set(visible_decisions(world.clerk)) == own | {to_person, to_unit, revocation}


def test_visible_decisions_are_empty_without_roles(world):
    DecisionFactory()
    assert list(visible_decisions(UserFactory())) == []


def test_visible_awards_by_subject(world):
    mine = AwardFactory(person=world.person_a)
    collective = AwardFactory(person=None, unit=world.unit_a, kind=kind("TTLDTT"))
    AwardFactory(person=world.person_b)
    AwardFactory(person=None, unit=world.unit_b, kind=kind("TTLDTT"))
    assert set(visible_awards(world.clerk)) == {mine, collective}
    assert world.clerk.has_perm("awards.view_award", collective)
    assert not world.clerk.has_perm("awards.view_award", AwardFactory(person=world.person_b))


def test_search_decisions_by_year_body_and_number(world):
    DecisionFactory(number=12, year=2024, issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh")
    wanted = DecisionFactory(
        number=125,
        year=2025,
        signed_on=dt.date(2025, 1, 10),
        issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
    )
    DecisionFactory(
        number=125,
        year=2025,
        signed_on=dt.date(2025, 1, 9),
        issuing_body="Sở Nội vụ",
        symbol="QĐ-SNV",
    )
    admin = UserFactory(is_superuser=True)
    assert list(
        search_decisions(
            user=admin, year=2025, issuing_body="uy ban nhan dan tinh ha tinh", number="125"
        )
    ) == [wanted]
    assert list(search_decisions(user=admin, number="125/QĐ-UBND")) == [wanted]
    assert list(search_decisions(user=admin, number="125 / qd-ubnd")) == [wanted]
    assert len(search_decisions(user=admin, number="125")) == 2
    assert len(search_decisions(user=admin, year=2024)) == 1
    assert issuing_bodies(admin) == ["Sở Nội vụ", "Ủy ban nhân dân tỉnh Hà Tĩnh"]


def test_decision_detail_shows_only_the_subjects_the_user_sees(world):
    decision = DecisionFactory(issuing_unit=world.province)
    mine = AwardFactory(decision=decision, person=world.person_a)
    AwardFactory(decision=decision, person=world.person_b)
    collective = AwardFactory(
        decision=decision, person=None, unit=world.unit_a, kind=kind("TTLDTT")
    )
    detail = decision_detail(decision, user=world.clerk)
    assert detail.awards == [collective, mine]  # collectives first
    assert detail.hidden_awards == 1
    everything = decision_detail(decision, user=UserFactory(is_superuser=True))
    assert everything.hidden_awards == 0
    assert len(everything.awards) == 3
    assert award_counts([decision.pk]) == {decision.pk: 3}


def test_decision_detail_of_a_revocation_lists_the_revoked_awards(world):
    original = DecisionFactory(issuing_unit=world.province)
    revocation = DecisionFactory(
        issuing_unit=world.province, kind=DecisionKind.REVOCATION, revokes=original
    )
    award = AwardFactory(decision=original, person=world.person_a, revoked_by=revocation)
    detail = decision_detail(revocation, user=world.clerk)
    assert detail.revoked_awards == [award]
    assert detail.revokes_visible
    assert decision_detail(original, user=world.clerk).revoked_by == [revocation]


def test_person_and_unit_awards_include_revoked_ones_newest_first(world):
    old = AwardFactory(
        person=world.person_a, decision=DecisionFactory(signed_on=dt.date(2020, 1, 5))
    )
    new = AwardFactory(
        person=world.person_a,
        decision=DecisionFactory(signed_on=dt.date(2024, 1, 5)),
        revoked_by=DecisionFactory(kind=DecisionKind.REVOCATION),
    )
    assert list(person_awards(world.person_a)) == [new, old]
    flag = AwardFactory(person=None, unit=world.unit_a, kind=kind("CTD_BT"))
    assert list(unit_awards(world.unit_a)) == [flag]


def test_catalogue_is_grouped_by_category_in_the_law_order():
    groups = catalogue_by_category()
    categories = [g.category for g in groups]
    assert categories[0] == AwardCategory.TITLE
    assert categories == [c for c in AwardCategory.values if c in categories]
    titles = {k.code for k in groups[0].kinds}
    assert {"LDTT", "CSTDCS", "TTLDXS"} <= titles
