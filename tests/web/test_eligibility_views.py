from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory, TaskRatingFactory
from vinhdanh.eligibility.models import ParameterValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    province = UnitFactory(level="province", name="Tỉnh Hà Tĩnh")
    dept_a = UnitFactory(parent=province, name="Sở Tư pháp")
    dept_b = UnitFactory(parent=province, name="Sở Y tế")
    hong = PersonFactory(family_name="Nguyễn", middle_name="Thị", given_name="Hồng")
    PostFactory(person=hong, unit=dept_a, start_date=dt.date(2015, 1, 1))
    TaskRatingFactory(person=hong, year=2024, rating="HTTNV")
    clerk_a = RoleFactory(unit=dept_a).user
    clerk_b = RoleFactory(unit=dept_b).user
    office = RoleFactory(unit=province, is_clerk=False, is_emulation_office=True).user
    return {
        "province": province,
        "a": dept_a,
        "b": dept_b,
        "hong": hong,
        "clerk_a": clerk_a,
        "clerk_b": clerk_b,
        "office": office,
        "root": UserFactory(is_superuser=True, is_staff=True),
    }


def test_person_eligibility_shows_ldtt_eligible_with_reason(client, world):
    client.force_login(world["clerk_a"])
    url = reverse("web:person_eligibility", args=[world["hong"].pk]) + "?year=2024"
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lao động tiên tiến" in body
    assert "R-LDTT-1" in body


def test_person_eligibility_out_of_scope_is_404(client, world):
    client.force_login(world["clerk_b"])
    response = client.get(reverse("web:person_eligibility", args=[world["hong"].pk]))
    assert response.status_code == 404


def test_unit_candidates_lists_eligible_person_and_exports(client, world):
    client.force_login(world["office"])
    url = reverse("web:unit_candidates", args=[world["province"].pk]) + "?year=2024&code=LDTT"
    response = client.get(url)
    assert response.status_code == 200
    assert "Nguyễn Thị Hồng" in response.content.decode()
    xlsx = client.get(
        reverse("web:unit_candidates_xlsx", args=[world["province"].pk]) + "?year=2024"
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert "Nguyễn Thị Hồng" in [row[3] for row in rows]
    # Titles by name, not by code, on the page and in the file.
    assert not [row[0] for row in rows if str(row[0]).replace("_", "").isupper()]
    assert "Lao động tiên tiến" in [row[0] for row in rows]
    body = response.content.decode()
    assert ">Lao động tiên tiến<" in body
    assert ">LDTT<" not in body


def test_unit_candidates_other_unit_is_404(client, world):
    client.force_login(world["clerk_b"])
    response = client.get(reverse("web:unit_candidates", args=[world["a"].pk]))
    assert response.status_code == 404


def test_why_explains_not_eligible_with_article(client, world):
    client.force_login(world["clerk_a"])
    url = reverse("web:eligibility_why", args=[world["hong"].pk, "CSTD_BT"]) + "?year=2024"
    body = client.get(url).content.decode()
    assert "R-CSTDBT-1" in body


def test_parameters_office_sets_quota_with_history(client, world):
    client.force_login(world["office"])
    url = reverse("web:eligibility_parameters")
    data = {
        "key": "cstdcs_quota_of_ldtt",
        "value": "0.15",
        "unit": world["province"].pk,
        "valid_from": "01/01/2024",
    }
    assert client.post(url, data).status_code == 302
    data.update(value="0.10", valid_from="01/01/2026")
    assert client.post(url, data).status_code == 302
    rows = list(ParameterValue.objects.order_by("valid_from"))
    assert [r.value for r in rows] == [0.15, 0.1]
    assert rows[0].valid_to == dt.date(2025, 12, 31)


def test_parameters_bad_value_is_reported(client, world):
    client.force_login(world["office"])
    response = client.post(
        reverse("web:eligibility_parameters"),
        {
            "key": "cstdcs_quota_of_ldtt",
            "value": "2.5",
            "unit": world["province"].pk,
            "valid_from": "01/01/2024",
        },
    )
    assert response.status_code == 200
    assert ParameterValue.objects.count() == 0
    body = response.content.decode()
    assert "Tỷ lệ không được nhỏ hơn 0 hoặc lớn hơn toàn bộ" in body
    assert "cstdcs_quota_of_ldtt" not in body.replace('value="cstdcs_quota_of_ldtt"', "")


def test_parameters_are_listed_by_name_with_values_in_words(client, world):
    ParameterValue.objects.create(
        key="public_notice_working_days", value={"LDTT": 5}, valid_from=dt.date(2024, 1, 1)
    )
    ParameterValue.objects.create(
        key="cstdcs_requires_initiative", value=True, valid_from=dt.date(2024, 1, 1)
    )
    client.force_login(world["office"])
    body = client.get(reverse("web:eligibility_parameters")).content.decode()
    assert "Thời hạn công khai" in body
    assert "Lao động tiên tiến: 5 ngày làm việc" in body
    assert "Bắt buộc có sáng kiến" in body
    for raw in ("public_notice_working_days", '{"LDTT": 5}', "cstdcs_requires_initiative"):
        assert raw not in body.split('<form method="get"')[0]


def _post(client, key, **fields):
    data = {"key": key, "valid_from": "2024-01-01", **fields}
    return client.post(reverse("web:eligibility_parameters"), data)


def test_parameter_inputs_are_typed_and_stored_as_the_engine_reads_them(client, world):
    client.force_login(world["root"])
    page = client.get(reverse("web:eligibility_parameters") + "?key=discipline_months_by_form")
    assert 'type="number"' in page.content.decode()
    assert _post(client, "cstdcs_requires_initiative", value="true").status_code == 302
    assert _post(client, "cstdtq_timing", value="gate").status_code == 302
    assert _post(client, "dissolved_rule_from", value="2025-08-05").status_code == 302
    assert _post(client, "ldtt_min_months_new_recruit", value="6.5").status_code == 302
    assert _post(client, "public_notice_working_days", n__LDTT="5", n__CSTDCS="").status_code == 302
    assert _post(client, "discipline_months_by_form", n__giang_chuc="24").status_code == 302
    assert _post(client, "min_rating", r__GIAY_KHEN="HTTNV").status_code == 302
    assert (
        _post(
            client,
            "vote_rules",
            v__CSTDCS__threshold="2/3",
            v__CSTDCS__denominator="present_members",
        ).status_code
        == 302
    )
    assert (
        _post(
            client,
            "authority",
            a__0__role="chu_tich_ubnd_xa",
            a__0__code="GIAY_KHEN",
            a__0__status="allowed",
            a__0__from="2025-07-01",
        ).status_code
        == 302
    )
    stored = {r.key: r.value for r in ParameterValue.objects.all()}
    assert stored == {
        "cstdcs_requires_initiative": True,
        "cstdtq_timing": "gate",
        "dissolved_rule_from": "2025-08-05",
        "ldtt_min_months_new_recruit": 6.5,
        "public_notice_working_days": {"LDTT": 5},
        "discipline_months_by_form": {"giang_chuc": 24},
        "min_rating": {"GIAY_KHEN": "HTTNV"},
        "vote_rules": {"CSTDCS": {"threshold": "2/3", "denominator": "present_members"}},
        "authority": [
            {
                "role": "chu_tich_ubnd_xa",
                "code": "GIAY_KHEN",
                "status": "allowed",
                "valid_from": "2025-07-01",
            }
        ],
    }


def test_an_authority_row_needs_both_role_and_title(client, world):
    client.force_login(world["root"])
    response = _post(client, "authority", a__0__role="chu_tich_ubnd_xa")
    assert response.status_code == 200
    assert not ParameterValue.objects.exists()


def test_parameters_forbidden_for_clerk(client, world):
    client.force_login(world["clerk_a"])
    assert client.get(reverse("web:eligibility_parameters")).status_code == 403


def test_person_page_loads_the_eligibility_section_and_unit_page_links_candidates(client, world):
    client.force_login(world["clerk_a"])
    person_page = client.get(reverse("web:person", args=[world["hong"].pk])).content.decode()
    check_url = reverse("web:person_eligibility", args=[world["hong"].pk])
    assert f'hx-get="{check_url}"' in person_page
    assert 'hx-trigger="load"' in person_page
    unit_page = client.get(reverse("web:unit", args=[world["a"].pk])).content.decode()
    assert reverse("web:unit_candidates", args=[world["a"].pk]) in unit_page


def test_unit_page_has_no_candidate_link_for_a_plain_viewer(client, world):
    viewer = RoleFactory(unit=world["a"], is_clerk=False).user
    client.force_login(viewer)
    unit_page = client.get(reverse("web:unit", args=[world["a"].pk]))
    assert unit_page.status_code == 200
    assert reverse("web:unit_candidates", args=[world["a"].pk]) not in unit_page.content.decode()


def test_person_eligibility_refuses_a_year_no_rule_covers(client, world):
    client.force_login(world["clerk_a"])
    url = reverse("web:person_eligibility", args=[world["hong"].pk])
    response = client.get(url + "?year=2005")
    assert response.status_code == 200
    body = response.content.decode()
    assert "2005" in body  # named in the warning, not evaluated
    assert "Lao động tiên tiến" in body  # the default year is shown instead
    response = client.get(url + "?year=abc")
    assert response.status_code == 200
    assert "“abc”" in response.content.decode()


def test_unit_candidates_refuses_a_year_no_rule_covers(client, world):
    client.force_login(world["office"])
    url = reverse("web:unit_candidates", args=[world["province"].pk])
    response = client.get(url + "?year=2001&code=LDTT")
    assert response.status_code == 200
    assert "2001" in response.content.decode()


@pytest.mark.parametrize("year", ["-1", "0", "99999", "-99999999999"])
def test_eligibility_pages_answer_years_outside_the_calendar_with_a_message(client, world, year):
    client.force_login(world["office"])
    person = reverse("web:person_eligibility", args=[world["hong"].pk])
    unit = reverse("web:unit_candidates", args=[world["province"].pk])

    for url in (f"{person}?year={year}", f"{unit}?year={year}&code=LDTT"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert year in response.content.decode()  # named in the warning


# --- the hypothetical decision date (issue 10) ----------------------------------------------------


@pytest.fixture
def held_ldtt(world):
    """Hồng holds LĐTT 2024 from a decision of 30/01/2025, after the year-end review date."""
    from tests.factories.awards import AwardFactory, DecisionFactory

    decision = DecisionFactory(signed_on=dt.date(2025, 1, 30), year=2025)
    return AwardFactory(decision=decision, person=world["hong"], period=2024)


def test_person_eligibility_title_decided_later_is_already_held(client, world, held_ldtt):
    client.force_login(world["clerk_a"])
    url = reverse("web:person_eligibility", args=[world["hong"].pk])
    body = client.get(url + "?year=2024&decision_date=2025-01-15").content.decode()
    assert "Đã được tặng LĐTT năm 2024" in body
    assert "Luật TĐKT 06/2022, Điều 5 khoản 2" in body
    assert "Trong năm này chưa đủ điều kiện xét tặng" in body  # LĐTT is not offered again
    assert 'value="15/01/2025"' in body  # the chosen date stays in the field, day first


def test_unit_candidates_do_not_offer_a_title_decided_later(client, world, held_ldtt):
    client.force_login(world["office"])
    url = reverse("web:unit_candidates", args=[world["province"].pk])
    body = client.get(url + "?year=2024&code=LDTT&decision_date=2025-01-15").content.decode()
    assert "Nguyễn Thị Hồng" not in body
    assert "15/01/2025" in body
    held_ldtt.delete()
    body = client.get(url + "?year=2024&code=LDTT&decision_date=2025-01-15").content.decode()
    assert "Nguyễn Thị Hồng" in body


def test_pages_evaluate_as_of_today_when_later_than_the_review(client, world):
    import time_machine

    client.force_login(world["office"])
    url = reverse("web:unit_candidates", args=[world["province"].pk]) + "?year=2024&code=LDTT"
    with time_machine.travel(dt.datetime(2025, 6, 2, 9, tzinfo=dt.UTC), tick=False):
        assert "02/06/2025" in client.get(url).content.decode()
    with time_machine.travel(dt.datetime(2025, 1, 3, 9, tzinfo=dt.UTC), tick=False):
        assert "15/01/2025" in client.get(url).content.decode()


@pytest.mark.parametrize(
    ("year", "value", "message"),
    [
        (2014, "2014-03-01", "Chưa có quy định nào áp dụng cho quyết định ngày 01/03/2014"),
        (2024, "2023-12-31", "trước năm thành tích 2024"),
        (2024, "2099-01-01", "quá xa"),
        (2024, "31/02/2025", "không phải là ngày"),
        (2024, "01/15/2025", "không phải là ngày"),  # never read month first
    ],
)
def test_decision_date_that_cannot_be_used_is_refused_in_vietnamese(
    client, world, year, value, message
):
    client.force_login(world["clerk_a"])
    url = reverse("web:person_eligibility", args=[world["hong"].pk])
    response = client.get(url, {"year": year, "decision_date": value})
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Lao động tiên tiến" in body  # evaluated as of the default date instead
