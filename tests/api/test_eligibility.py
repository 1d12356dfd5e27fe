from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.orgs.models import CollectiveRating

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    province = UnitFactory(level="province")
    dept_a = UnitFactory(parent=province)
    dept_b = UnitFactory(parent=province)
    person = PersonFactory()
    PostFactory(person=person, unit=dept_a, start_date=dt.date(2015, 1, 1))
    TaskRatingFactory(person=person, year=2024, rating="HTTNV")
    return {
        "a": dept_a,
        "person": person,
        "clerk_a": RoleFactory(unit=dept_a).user,
        "clerk_b": RoleFactory(unit=dept_b).user,
    }


def test_api_person_eligibility_returns_outcomes_with_rules(client, world):
    client.force_login(world["clerk_a"])
    url = reverse("api:person-eligibility", args=[world["person"].pk]) + "?year=2024"
    data = client.get(url).json()
    ldtt = next(r for r in data if r["code"] == "LDTT")
    assert ldtt["outcome"] == "ELIGIBLE"
    assert any(c["rule"] == "R-LDTT-1" for c in ldtt["checks"])


def test_api_person_eligibility_out_of_scope_404(client, world):
    client.force_login(world["clerk_b"])
    assert (
        client.get(reverse("api:person-eligibility", args=[world["person"].pk])).status_code == 404
    )


def test_api_unit_candidates_lists_person(client, world):
    client.force_login(world["clerk_a"])
    url = reverse("api:unit-candidates", args=[world["a"].pk]) + "?year=2024&code=LDTT"
    data = client.get(url).json()
    assert [c["person"] for c in data["candidates"]] == [world["person"].pk]
    assert data["counts"]["ELIGIBLE"] == 1


def _ldtt_case(rating: str) -> dict:
    """A case in the case format (docs/case-format.md) asking LĐTT for 2024 with one rated year."""
    return {
        "id": "X1",
        "subject": {"type": "individual"},
        "years": {"2024": {"rating": rating, "months_worked": 12}},
        "request": {
            "code": "LDTT",
            "period": 2024,
            "decision_date": "2025-01-15",
            "award_type": "CONG_TRANG",
        },
    }


def test_api_cases_evaluates_and_reports_malformed(client, world):
    client.force_login(world["clerk_a"])
    case = _ldtt_case("HTNV")
    url = reverse("api:eligibility-cases")
    ok = client.post(url, case, content_type="application/json")
    assert ok.status_code == 200
    assert ok.json()[0]["outcome"] == "NOT_ELIGIBLE"
    case["request"]["cod"] = "LDTT"
    bad = client.post(url, case, content_type="application/json")
    assert bad.status_code == 400
    assert "cod" in str(bad.json())


def test_api_cases_takes_a_list_of_cases_as_json_only(client, world):
    client.force_login(world["clerk_a"])
    case = _ldtt_case("HTTNV")
    url = reverse("api:eligibility-cases")

    listed = client.post(url, [case, {**case, "id": "X2"}], content_type="application/json")
    form = client.post(url, {"id": "X1"})

    assert listed.status_code == 200, listed.content
    assert [r["id"] for r in listed.json()] == ["X1", "X2"]
    assert form.status_code == 415


@pytest.mark.parametrize("name", ["api:person-eligibility", "api:unit-candidates"])
def test_api_year_no_regime_covers_is_400(client, world, name):
    client.force_login(world["clerk_a"])
    target = world["person"] if name == "api:person-eligibility" else world["a"]

    response = client.get(reverse(name, args=[target.pk]) + "?year=2005")

    assert response.status_code == 400
    assert "year" in response.json()


@pytest.mark.parametrize("depth", [40, 5000])
def test_api_cases_refuse_json_nested_too_deep_with_400(client, world, depth):
    client.force_login(world["clerk_a"])
    body = "[" * depth + "]" * depth

    response = client.post(reverse("api:eligibility-cases"), body, content_type="application/json")

    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"] or "lồng" in response.json()["detail"]


def test_api_decision_date_selects_the_date_and_a_title_decided_later_is_held(client, world):
    from tests.factories.awards import AwardFactory, DecisionFactory

    AwardFactory(
        person=world["person"],
        period=2024,
        decision=DecisionFactory(signed_on=dt.date(2025, 1, 30), year=2025),
    )
    client.force_login(world["clerk_a"])
    url = reverse("api:unit-candidates", args=[world["a"].pk])
    data = client.get(url, {"year": 2024, "code": "LDTT", "decision_date": "2025-01-15"}).json()
    assert data["decision_date"] == "2025-01-15"
    assert data["candidates"] == []  # LĐTT 2024 is already held
    person = reverse("api:person-eligibility", args=[world["person"].pk])
    results = client.get(person, {"year": 2024, "decision_date": "2025-01-15"}).json()
    ldtt = next(r for r in results if r["code"] == "LDTT")
    assert ldtt["outcome"] == "NOT_ELIGIBLE"
    assert any(c["rule"] == "R-PRIN-1" and not c["ok"] for c in ldtt["checks"])
    refused = client.get(person, {"year": 2024, "decision_date": "2099-01-01"})
    assert refused.status_code == 400
    assert "decision_date" in refused.json()


def test_api_collective_candidates_are_scoped_and_explained(client, world):
    CollectiveRating.objects.create(unit=world["a"], year=2024, rating="HTTNV")
    client.force_login(world["clerk_a"])
    url = reverse("api:unit-collective-candidates", args=[world["a"].pk])
    data = client.get(url + "?year=2024&code=TTLDTT&outcome=NOT_ELIGIBLE").json()
    # One member, rated HTTNV but not yet LĐTT: 0% is not "more than 50%".
    assert [c["unit"] for c in data["candidates"]] == [world["a"].pk]
    assert data["counts"] == {"NOT_ELIGIBLE": 1}
    why = client.get(
        reverse("api:unit-eligibility", args=[world["a"].pk]) + "?year=2024&code=TTLDTT"
    ).json()
    assert why["outcome"] == "NOT_ELIGIBLE"
    assert any(c["rule"] == "R-TTLDTT-1" and not c["ok"] for c in why["checks"])
    assert client.get(url + "?year=2024&code=LDTT").status_code == 400
    client.force_login(world["clerk_b"])
    assert client.get(url + "?year=2024").status_code == 404
    assert client.get(reverse("api:unit-eligibility", args=[world["a"].pk])).status_code == 404


def test_api_unit_candidates_carry_each_units_quota(client, world):
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value="50%", unit=None, valid_from=dt.date(2024, 1, 1)
    )
    client.force_login(world["clerk_a"])
    url = reverse("api:unit-candidates", args=[world["a"].pk])
    data = client.get(url + "?year=2024&code=CSTDCS&decision_date=2025-01-15").json()
    (quota,) = data["quotas"]
    assert quota["unit"] == world["a"].pk
    # One LĐTT → floor(50% × 1) = 0 CSTĐCS; nothing used yet.
    assert (quota["ldtt"], quota["quota"], quota["remaining"], quota["over"]) == (1, 0, 0, False)
    assert quota["over_by"] == 0
