"""Issuing and revoking decisions from the pages (deciders only, in their units)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.councils.builders import decider_user, make_nomination, make_round, office_user, province
from tests.factories.orgs import UnitFactory
from tests.factories.people import PostFactory
from tests.web.conftest import login
from vinhdanh.awards.models import Award, Decision
from vinhdanh.nominations.enums import NominationState
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db

HEADER = {
    "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
    "symbol": "QĐ-UBND",
    "signed_on": "2025-05-20",
    "signer_name": "Trần Văn Bình",
    "signer_title": "Chủ tịch",
    "decider_role": "chu_tich_ubnd_tinh",
    "subject": "Về việc tặng Bằng khen",
    "legal_bases": "Luật Thi đua, khen thưởng 2022",
    "confirm": "on",
}


def test_decider_issues_a_decision_from_proposed_nominations(client):
    unit = province()
    decider = login(client, decider_user(unit))
    person = PostFactory(unit=unit).person  # a staff member of the province: visible there
    nomination = make_nomination(
        round=make_round(decider_unit=unit),
        code="BK_BT",
        state=NominationState.PROPOSED,
        person=person,
    )
    page = decider.get(reverse("web:councils:issue"))
    assert nomination.subject_name in page.content.decode()
    response = decider.post(
        reverse("web:councils:issue"),
        {**HEADER, "issuing_unit": unit.pk, "nominations": [nomination.pk]},
    )
    decision = Decision.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:decision", args=[decision.pk])
    assert decision.number_label == "01/QĐ-UBND"
    page = decider.get(response["Location"]).content.decode()
    assert "01/QĐ-UBND" in page
    assert nomination.subject_name in page


def test_issue_page_is_for_deciders_only(client):
    unit = province()
    login(client, office_user(unit))
    assert client.get(reverse("web:councils:issue")).status_code == 403


def test_authority_refusal_is_shown_and_nothing_is_issued(client):
    unit = province()
    decider = login(client, decider_user(unit))
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="CSTDTQ", state=NominationState.PROPOSED
    )
    response = decider.post(
        reverse("web:councils:issue"),
        {**HEADER, "issuing_unit": unit.pk, "nominations": [nomination.pk]},
    )
    assert response.status_code == 200
    assert any("Chiến sĩ thi đua toàn quốc" in str(m) for m in response.context["messages"])
    assert not Decision.objects.exists()


def test_revocation_form_requires_a_ground_and_a_reason(client):
    unit = province()
    user = decider_user(unit)
    decider = login(client, user)
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )
    decider.post(
        reverse("web:councils:issue"),
        {**HEADER, "issuing_unit": unit.pk, "nominations": [nomination.pk]},
    )
    decision = Decision.objects.get()
    award = Award.objects.get()
    url = reverse("web:councils:revoke", args=[decision.pk])
    assert decider.get(url).status_code == 200
    data = {**HEADER, "signed_on": "2025-09-01", "issuing_unit": unit.pk, "awards": [award.pk]}
    response = decider.post(url, data)
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {
        "ground",
        "reason",
    }
    response = decider.post(url, {**data, "ground": "a", "reason": "Khai man thành tích"})
    revocation = Decision.objects.get(kind="revocation")
    assert response.status_code == 302
    assert response["Location"] == reverse("web:decision", args=[revocation.pk])
    award.refresh_from_db()
    assert award.revoked_by == revocation
    assert revocation.number == 2
    nomination.refresh_from_db()
    assert nomination.state == NominationState.REVOKED


def test_revocation_page_is_for_deciders_of_the_issuing_unit(client):
    unit = province()
    nomination = make_nomination(
        round=make_round(decider_unit=unit), code="BK_BT", state=NominationState.PROPOSED
    )
    login(client, decider_user(unit)).post(
        reverse("web:councils:issue"),
        {**HEADER, "issuing_unit": unit.pk, "nominations": [nomination.pk]},
    )
    decision = Decision.objects.get()
    client.logout()
    login(client, office_user(unit))
    assert client.get(reverse("web:councils:revoke", args=[decision.pk])).status_code == 403


def test_the_issue_page_from_the_menu_starts_from_the_deciders_own_unit(client):
    unit = province()
    user = decider_user(unit)
    user.last_name, user.first_name = "Trần Văn", "Bình"
    user.save()
    role = user.role_assignments.get()
    role.title = "Chủ tịch"
    role.save()
    round_ = make_round(decider_unit=unit)
    round_.decider_role = ""  # nothing decided yet: the authority comes from the unit's level
    round_.save()
    make_nomination(round=round_, code="BK_BT", state=NominationState.PROPOSED)
    page = login(client, user).get(reverse("web:councils:issue")).content.decode()
    assert f'<option value="{unit.pk}" selected>' in page
    assert '<option value="chu_tich_ubnd_tinh" selected>' in page
    assert '<option value="chu_tich_nuoc" selected>' not in page
    assert 'value="Ủy ban nhân dân tỉnh Hà Tĩnh"' in page
    assert 'value="Trần Văn Bình"' in page
    assert 'value="Chủ tịch"' in page


def test_an_authority_nobody_could_tell_must_be_chosen(client):
    unit = UnitFactory(name="Ban Quản lý dự án", level=UnitLevel.OTHER)
    round_ = make_round(decider_unit=unit)
    round_.decider_role = ""
    round_.save()
    make_nomination(round=round_, code="GIAY_KHEN", state=NominationState.PROPOSED)
    page = login(client, decider_user(unit)).get(reverse("web:councils:issue")).content.decode()
    assert '<option value="" selected>' in page
    assert '<option value="chu_tich_nuoc" selected>' not in page
    # A Vietnamese prompt, not Django's "---------".
    assert '<option value="" selected>— Chọn thẩm quyền —</option>' in page
    assert "---------" not in page
