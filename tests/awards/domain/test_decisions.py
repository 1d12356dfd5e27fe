"""Issuing decisions from proposed nominations, authority, immutability and revocation."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.councils.builders import (
    decider_user,
    department,
    make_nomination,
    make_round,
    province,
)
from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import RoleFactory, UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.awards.domain.decisions import (
    AuthorityError,
    DecisionError,
    DecisionNotAllowed,
    check_authority,
    revoke_awards,
)
from vinhdanh.awards.enums import DecisionKind, RevocationGround
from vinhdanh.awards.models import Award, Decision
from vinhdanh.awards.models.decisions import ImmutableError
from vinhdanh.common.models import AuditEvent
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import NominationEvent
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db

BODY = "Ủy ban nhân dân tỉnh Hà Tĩnh"
P = NominationState.PROPOSED


def _header(unit, decider, **overrides):
    values = {
        "issuing_unit": unit,
        "issuing_body": BODY,
        "symbol": "QĐ-UBND",
        "signed_on": dt.date(2025, 5, 20),
        "signer_name": "Trần Văn Bình",
        "signer_title": "Chủ tịch",
        "decider_role": "chu_tich_ubnd_tinh",
        "actor": decider,
    }
    values.update(overrides)
    return values


def _issue(unit, decider, nominations, **overrides):
    return issue_decision(
        **_header(unit, decider, **overrides),
        subject=overrides.pop("subject", "Về việc tặng Bằng khen của Chủ tịch UBND tỉnh"),
        legal_bases="Luật Thi đua, khen thưởng số 06/2022/QH15",
        nominations=nominations,
    )


def test_issuing_creates_one_award_per_nomination_and_decides_them():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)
    person_nomination = make_nomination(round=rnd, code="BK_BT", state=P)
    collective = UnitFactory(parent=unit)
    unit_nomination = make_nomination(round=rnd, code="TTLDXS", unit=collective, state=P)
    decision = _issue(unit, decider, [person_nomination, unit_nomination])
    assert decision.is_issued
    assert decision.kind == DecisionKind.AWARD
    assert decision.number == 1
    assert decision.year == 2025
    awards = {a.kind.code: a for a in decision.awards.all()}
    assert set(awards) == {"BK_BT", "TTLDXS"}
    assert awards["BK_BT"].person == person_nomination.person
    assert awards["TTLDXS"].unit == collective
    assert awards["BK_BT"].period == 2024
    for nomination in (person_nomination, unit_nomination):
        nomination.refresh_from_db()
        assert nomination.state == NominationState.DECIDED
        assert nomination.decision == decision
        assert nomination.award is not None
        assert NominationEvent.objects.filter(nomination=nomination, to_state="decided").exists()
    assert AuditEvent.objects.filter(
        object_type="awards.decision", object_id=str(decision.pk), message="decision issued"
    ).exists()


def test_only_proposed_nominations_are_decided():
    unit = province()
    decider = decider_user(unit)
    rnd = make_round(decider_unit=unit)
    voted = make_nomination(round=rnd, code="BK_BT", state=NominationState.VOTED)
    with pytest.raises(DecisionError):
        _issue(unit, decider, [voted])
    assert not Decision.objects.exists()


def test_only_a_decider_of_the_unit_issues():
    unit = province()
    other = province("Tỉnh Nghệ An")
    rnd = make_round(decider_unit=unit)
    nomination = make_nomination(round=rnd, code="BK_BT", state=P)
    office = RoleFactory(unit=unit, is_emulation_office=True).user
    with pytest.raises(DecisionNotAllowed):
        _issue(unit, office, [nomination])
    with pytest.raises(DecisionNotAllowed):  # a decider elsewhere
        _issue(unit, decider_user(other), [nomination])
    with pytest.raises(DecisionNotAllowed):  # a decider of another unit, issuing there
        _issue(other, decider_user(other), [nomination])


def test_district_chair_may_not_decide_after_30_june_2025():
    district = UnitFactory(level=UnitLevel.DISTRICT, name="UBND huyện Can Lộc")
    decider = decider_user(district)
    rnd = make_round(decider_unit=district)
    nomination = make_nomination(round=rnd, code="LDTT", state=P)
    header = {
        "issuing_body": "Ủy ban nhân dân huyện Can Lộc",
        "decider_role": "chu_tich_ubnd_huyen",
    }
    with pytest.raises(AuthorityError) as refused:
        _issue(district, decider, [nomination], signed_on=dt.date(2025, 7, 1), **header)
    assert "01/07/2025" in str(refused.value)
    assert not Decision.objects.exists()
    decision = _issue(district, decider, [nomination], signed_on=dt.date(2025, 6, 30), **header)
    assert decision.number == 1


def test_authority_follows_the_table_by_kind():
    assert check_authority(
        decider_role="chu_tich_ubnd_xa", award_code="LDTT", on=dt.date(2025, 3, 1)
    ).allowed
    refused = check_authority(
        decider_role="chu_tich_ubnd_xa", award_code="BK_BT", on=dt.date(2025, 3, 1)
    )
    assert not refused.allowed
    assert refused.message
    assert check_authority(
        decider_role="thu_tuong", award_code="CSTDTQ", on=dt.date(2025, 3, 1)
    ).allowed


def test_wrong_authority_for_a_kind_is_refused():
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="CSTDTQ", state=P)
    with pytest.raises(AuthorityError):
        _issue(unit, decider, [nomination])


def test_issued_decision_cannot_be_edited_or_deleted():
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    decision = _issue(unit, decider, [nomination])
    decision.subject = "Sửa"
    with pytest.raises(ImmutableError):
        decision.save()
    with pytest.raises(ImmutableError):
        decision.delete()
    assert Decision.objects.get(pk=decision.pk).subject != "Sửa"


def _revoke(unit, decider, awards, **overrides):
    values = _header(unit, decider, signed_on=dt.date(2025, 9, 1))
    values.update(overrides)
    return revoke_awards(
        awards=awards,
        ground=values.pop("ground", RevocationGround.FALSE_DOCUMENTS),
        reason=values.pop("reason", "Hồ sơ khai không trung thực"),
        **values,
    )


def test_revocation_marks_awards_flags_dependents_and_is_numbered():
    unit = department(province())
    decider = decider_user(unit)
    sở = {"issuing_body": "Sở Tư pháp tỉnh Hà Tĩnh", "decider_role": "giam_doc_so"}
    rnd = make_round(decider_unit=unit, year=2023)
    person = PersonFactory()
    nomination = make_nomination(round=rnd, code="CSTDCS", person=person, state=P, period=2023)
    original = _issue(unit, decider, [nomination], signed_on=dt.date(2024, 1, 15), **sở)
    revoked_award = original.awards.get()
    old = DecisionFactory(
        issuing_unit=unit, issuing_body=BODY, year=2025, number=None, signed_on=dt.date(2025, 2, 1)
    )
    later_chain = AwardFactory(decision=old, person=person, kind=kind("CSTD_BT"), period=2024)
    earlier = AwardFactory(decision=old, person=person, kind=kind("BK_BT"), period=2022)
    unrelated = AwardFactory(decision=old, person=person, kind=kind("GIAY_KHEN"), period=2024)
    other_person = AwardFactory(decision=old, kind=kind("CSTD_BT"), period=2024)
    open_nomination = make_nomination(
        round=make_round(decider_unit=unit, year=2025),
        code="CSTD_BT",
        person=person,
        state=NominationState.SUBMITTED,
        period=2025,
    )

    revocation = _revoke(unit, decider, [revoked_award], **sở)

    assert revocation.kind == DecisionKind.REVOCATION
    assert revocation.is_issued
    assert revocation.number == 1
    assert revocation.year == 2025
    assert revocation.revokes == original
    revoked_award.refresh_from_db()
    assert revoked_award.revoked_by == revocation
    assert revoked_award.revocation_ground == "b"
    assert revoked_award.revocation_reason == "Hồ sơ khai không trung thực"
    flagged = set(Award.objects.filter(needs_review=True).values_list("pk", flat=True))
    assert flagged == {later_chain.pk}
    assert earlier.pk not in flagged
    assert unrelated.pk not in flagged
    assert other_person.pk not in flagged
    open_nomination.refresh_from_db()
    assert open_nomination.needs_review
    assert revocation.number_label in open_nomination.review_note
    nomination.refresh_from_db()
    assert nomination.state == NominationState.REVOKED
    assert AuditEvent.objects.filter(
        object_type="awards.decision", object_id=str(revocation.pk), message="awards revoked"
    ).exists()


def test_revocation_needs_a_ground_and_a_reason():
    unit = province()
    decider = decider_user(unit)
    award = AwardFactory(
        decision=DecisionFactory(issuing_unit=unit, issuing_body=BODY), kind=kind("BK_BT")
    )
    with pytest.raises(DecisionError):
        _revoke(unit, decider, [award], ground="")
    with pytest.raises(DecisionError):
        _revoke(unit, decider, [award], reason="  ")
    revocation = _revoke(unit, decider, [award], ground=RevocationGround.FRAUD)
    with pytest.raises(DecisionError):  # twice
        _revoke(unit, decider, [award])
    assert Decision.objects.filter(kind=DecisionKind.REVOCATION).count() == 1
    assert revocation.number == 1


def test_revocation_shares_the_numbering_of_the_body():
    unit = province()
    decider = decider_user(unit)
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    issued = _issue(unit, decider, [nomination], signed_on=dt.date(2025, 3, 1))
    revocation = _revoke(unit, decider, list(issued.awards.all()))
    assert (issued.number, revocation.number) == (1, 2)


def test_issued_decision_is_read_only_in_the_admin(client):
    from django.urls import reverse

    from tests.factories.orgs import UserFactory

    unit = province()
    nomination = make_nomination(round=make_round(decider_unit=unit), code="BK_BT", state=P)
    decision = _issue(unit, decider_user(unit), [nomination])
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    change = reverse("admin:awards_decision_change", args=[decision.pk])
    assert client.get(change).status_code == 200  # may be read
    response = client.post(change, {"subject": "Sửa", "issuing_body": "X", "symbol": "Y"})
    assert response.status_code == 403
    assert (
        client.post(reverse("admin:awards_decision_delete", args=[decision.pk])).status_code == 403
    )
    assert client.get(reverse("admin:awards_decision_add")).status_code == 403
    changelist = client.get(reverse("admin:awards_decision_changelist"))
    assert b"delete_selected" not in changelist.content
    award = decision.awards.get()
    assert client.post(reverse("admin:awards_award_delete", args=[award.pk])).status_code == 403
    decision.refresh_from_db()
    assert decision.subject != "Sửa"
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_authority_follows_the_offices_overrides_in_the_engines_table():
    from vinhdanh.eligibility.models import ParameterValue

    commune = UnitFactory(level=UnitLevel.COMMUNE)
    on = dt.date(2025, 9, 1)
    unsettled = check_authority(
        decider_role="chu_tich_ubnd_xa", award_code="CSTDCS", on=on, unit=commune
    )
    assert not unsettled.allowed
    assert unsettled.rule == "R-AUTH-2025-2"
    ParameterValue.objects.create(
        key="authority",
        value=[{"role": "chu_tich_ubnd_xa", "code": "CSTDCS", "valid_from": "2025-07-01"}],
        valid_from=dt.date(2025, 7, 1),
    )
    assert check_authority(
        decider_role="chu_tich_ubnd_xa", award_code="CSTDCS", on=on, unit=commune
    ).allowed
