"""The unit picker: only units valid on the day, only in the user's units for the action,
labelled by their path so that namesakes differ, searched without diacritics."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from vinhdanh.orgs.domain.queries.pickers import UnitPick, pick_options, search_options
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
TODAY = dt.date(2026, 12, 4)


class PickForm(forms.Form):
    unit = UnitChoiceField(label="Đơn vị", pick=UnitPick(capabilities=(Capability.CLERK,)))

    def __init__(self, *args: Any, user: Any, on: dt.date = TODAY, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitChoiceField)
        field.bind(user, on=on)


@pytest.fixture
def tree(db):  # type: ignore[no-untyped-def]
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")
    health = UnitFactory(name="Sở Y tế", parent=province, code="SYT")
    justice = UnitFactory(name="Sở Tư pháp", parent=province, code="STP")
    health_office = UnitFactory(
        name="Văn phòng Sở", parent=health, level=UnitLevel.DIVISION, code="SYT-VP"
    )
    justice_office = UnitFactory(
        name="Văn phòng Sở", parent=justice, level=UnitLevel.DIVISION, code="STP-VP"
    )
    dissolved = UnitFactory(
        name="Chi cục Dân số",
        parent=health,
        level=UnitLevel.DIVISION,
        valid_to=dt.date(2025, 6, 30),
    )
    commune = UnitFactory(name="Xã Đông Kinh", parent=province, level=UnitLevel.COMMUNE)
    province_clerk = RoleFactory(unit=province, user__username="vanphong").user
    health_clerk = RoleFactory(unit=health, user__username="vanthu.syt").user
    council_only = RoleFactory(
        unit=province, user__username="hoidong", is_clerk=False, is_council_member=True
    ).user
    return {
        "province": province,
        "health": health,
        "justice": justice,
        "health_office": health_office,
        "justice_office": justice_office,
        "dissolved": dissolved,
        "commune": commune,
        "province_clerk": province_clerk,
        "health_clerk": health_clerk,
        "council_only": council_only,
    }


def labels(form: PickForm) -> dict[int, str]:
    field = form.fields["unit"]
    assert isinstance(field, UnitChoiceField)
    return {o.pk: o.label for o in field.all_options()}


def test_picker_offers_only_units_valid_on_the_day(tree):  # type: ignore[no-untyped-def]
    today = labels(PickForm(user=tree["province_clerk"]))
    assert tree["dissolved"].pk not in today
    before = labels(PickForm(user=tree["province_clerk"], on=dt.date(2025, 1, 1)))
    assert before[tree["dissolved"].pk] == "Sở Y tế › Chi cục Dân số"


def test_picker_refuses_a_dissolved_unit(tree):  # type: ignore[no-untyped-def]
    form = PickForm({"unit": tree["dissolved"].pk}, user=tree["province_clerk"])
    assert not form.is_valid()
    assert "unit" in form.errors


def test_picker_offers_only_the_users_units_for_the_action(tree):  # type: ignore[no-untyped-def]
    offered = labels(PickForm(user=tree["health_clerk"]))
    assert set(offered) == {tree["health"].pk, tree["health_office"].pk}
    assert not PickForm({"unit": tree["justice"].pk}, user=tree["health_clerk"]).is_valid()
    # A council member is no clerk: nothing to pick where a clerk acts.
    assert labels(PickForm(user=tree["council_only"])) == {}


def test_picker_labels_tell_namesakes_apart_by_their_parent(tree):  # type: ignore[no-untyped-def]
    offered = labels(PickForm(user=tree["province_clerk"]))
    assert offered[tree["health_office"].pk] == "Sở Y tế › Văn phòng Sở"
    assert offered[tree["justice_office"].pk] == "Sở Tư pháp › Văn phòng Sở"
    assert offered[tree["province"].pk] == "Tỉnh Hà Tĩnh"  # the common root: its own name
    assert offered[tree["commune"].pk] == "Xã Đông Kinh"


def test_picker_draws_optgroups_in_vietnamese_order(tree):  # type: ignore[no-untyped-def]
    html = str(PickForm(user=tree["province_clerk"])["unit"])
    assert '<optgroup label="Sở, ban, ngành">' in html
    assert '<optgroup label="Xã, phường, đặc khu">' in html
    # Sở Tư pháp (T) before Sở Y tế (Y); each department before its office.
    order = [html.index(t) for t in ("Sở Tư pháp", "Sở Tư pháp › Văn phòng Sở", "Sở Y tế")]
    assert order == sorted(order)
    assert 'type="search"' in html
    assert "data-unit-picker" in html


def test_picker_search_ignores_diacritics_and_case(tree):  # type: ignore[no-untyped-def]
    options = pick_options(tree["province_clerk"], UnitPick(), on=TODAY)
    found, more = search_options(options, "VAN PHONG so y te")
    assert [o.label for o in found] == ["Sở Y tế › Văn phòng Sở"]
    assert not more
    found, _ = search_options(options, "văn phòng")
    assert {o.pk for o in found} == {tree["health_office"].pk, tree["justice_office"].pk}
    found, _ = search_options(options, "dong kinh")
    assert [o.label for o in found] == ["Xã Đông Kinh"]


def test_picker_endpoint_answers_within_the_users_units(tree, client):  # type: ignore[no-untyped-def]
    client.force_login(tree["health_clerk"], backend=MODEL_BACKEND)
    response = client.get("/units/pick/", {"cap": "clerk", "q": "van phong", "on": "2026-12-04"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["label"] for r in results] == ["Sở Y tế › Văn phòng Sở"]
    assert results[0]["id"] == tree["health_office"].pk


def test_picker_endpoint_is_for_signed_in_users(tree, client):  # type: ignore[no-untyped-def]
    response = client.get("/units/pick/", {"q": "van phong"})
    assert response.status_code == 302


def test_picker_endpoint_without_units_finds_nothing(tree, client):  # type: ignore[no-untyped-def]
    client.force_login(UserFactory(username="canbo"), backend=MODEL_BACKEND)
    assert client.get("/units/pick/", {"q": "so"}).json()["results"] == []


def test_picker_of_a_big_tree_lists_the_top_levels_and_says_to_search(tree, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("vinhdanh.orgs.interfaces.pickers.FULL_LIST_MAX", 3)
    html = str(PickForm(user=tree["province_clerk"])["unit"])
    assert "Sở Y tế" in html
    assert "Văn phòng Sở" not in html  # one level further down: reached by the search
    assert "type in the search box" in html or "gõ vào ô tìm kiếm" in html


def test_picker_of_a_big_tree_keeps_a_deeper_choice_when_redrawn(tree, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr("vinhdanh.orgs.interfaces.pickers.FULL_LIST_MAX", 3)
    form = PickForm({"unit": tree["health_office"].pk}, user=tree["province_clerk"])
    assert form.is_valid()
    html = str(form["unit"])
    assert f'<option value="{tree["health_office"].pk}" selected>Sở Y tế › Văn phòng Sở' in html
