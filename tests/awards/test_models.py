from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.awards.enums import DecisionStatus
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.awards.models.decisions import ImmutableError

pytestmark = pytest.mark.django_db

# rules.md §2 (emulation titles) and §3 (forms of commendation): the contract with the engine.
CATALOGUE_CODES = [
    "LDTT",
    "CSTT",
    "CSTDCS",
    "CSTD_BT",
    "CSTDTQ",
    "TTLDTT",
    "TTLDXS",
    "CTD_BT",
    "CTD_CP",
    "XA_TB",
    "THON_VH",
    "GDVH",
    "GIAY_KHEN",
    "BK_BT",
    "BK_TTG",
    "HC_SAO_VANG",
    "HC_HCM",
    *[
        f"HC_{order}_{rank}"
        for order in ("DOC_LAP", "QUAN_CONG", "LAO_DONG", "BVTQ")
        for rank in (1, 2, 3)
    ],
    *[f"HC_CHIEN_CONG_{rank}" for rank in (1, 2, 3)],
    "HC_DAI_DOAN_KET",
    "HC_DUNG_CAM",
    "HC_HUU_NGHI",
]


def test_catalogue_has_every_code_of_the_rules() -> None:
    codes = set(AwardKind.objects.values_list("code", flat=True))

    assert [c for c in CATALOGUE_CODES if c not in codes] == []


@pytest.mark.parametrize(
    ("code", "subjects", "annual"),
    [
        ("LDTT", ["individual"], True),
        ("CSTDTQ", ["individual"], False),
        ("TTLDXS", ["collective"], True),
        ("GDVH", ["household"], True),
        ("THON_VH", ["village"], True),
        ("XA_TB", ["commune"], True),
    ],
)
def test_catalogue_subjects_and_annual_flag(code: str, subjects: list[str], annual: bool) -> None:
    entry = kind(code)

    assert entry.subject_types == subjects
    assert entry.is_annual is annual
    assert entry.name_vi
    assert entry.legal_basis


def test_catalogue_orders_ranked_first_class_highest() -> None:
    ranks = {
        k.code: k.class_rank for k in AwardKind.objects.filter(code__startswith="HC_LAO_DONG_")
    }

    assert ranks == {"HC_LAO_DONG_1": 1, "HC_LAO_DONG_2": 2, "HC_LAO_DONG_3": 3}


def test_issued_decision_cannot_be_saved() -> None:
    decision = DecisionFactory(status=DecisionStatus.ISSUED)
    decision.subject = "Sửa sau khi ban hành"

    with pytest.raises(ImmutableError):
        decision.save()

    decision.refresh_from_db()
    assert decision.subject == ""


def test_issued_decision_cannot_be_deleted() -> None:
    decision = DecisionFactory(status=DecisionStatus.ISSUED)

    with pytest.raises(ImmutableError):
        decision.delete()

    assert Decision.objects.filter(pk=decision.pk).exists()


def test_issued_decision_cannot_be_deleted_through_a_queryset() -> None:
    decision = DecisionFactory(status=DecisionStatus.ISSUED)

    with pytest.raises(ImmutableError):
        Decision.objects.filter(pk=decision.pk).delete()

    assert Decision.objects.filter(pk=decision.pk).exists()


def test_draft_decision_can_be_edited_and_deleted() -> None:
    draft = DecisionFactory(status=DecisionStatus.DRAFT, number=None)
    draft.subject = "Khen thưởng tổng kết năm 2024"
    draft.save()

    draft.delete()

    assert not Decision.objects.filter(pk=draft.pk).exists()


def test_decision_year_defaults_to_signing_year() -> None:
    decision = DecisionFactory(year=None, signed_on=dt.date(2023, 12, 29))

    assert decision.year == 2023


def test_decision_number_unique_per_issuing_unit_and_year() -> None:
    unit = UnitFactory(name="Tỉnh Nghệ An", level="province")
    DecisionFactory(issuing_unit=unit, issuing_body="UBND tỉnh Nghệ An", number=15, year=2024)

    with pytest.raises(IntegrityError):
        DecisionFactory(
            issuing_unit=unit, issuing_body="Ủy ban nhân dân tỉnh Nghệ An", number=15, year=2024
        )


def test_imported_decision_number_unique_per_body_and_year() -> None:
    DecisionFactory(
        issuing_body="Ủy ban nhân dân tỉnh Nghệ An", number=15, year=2024, imported=True
    )

    with pytest.raises(IntegrityError):
        DecisionFactory(
            issuing_body="UỶ BAN NHÂN DÂN TỈNH NGHỆ AN", number=15, year=2024, imported=True
        )


def test_decision_same_number_other_year_or_body_allowed() -> None:
    DecisionFactory(issuing_body="Ủy ban nhân dân tỉnh Nghệ An", number=15, year=2024)

    DecisionFactory(issuing_body="Ủy ban nhân dân tỉnh Nghệ An", number=15, year=2025)
    DecisionFactory(issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh", number=15, year=2024)

    assert Decision.objects.filter(number=15).count() == 3


def test_decision_drafts_without_number_do_not_clash() -> None:
    DecisionFactory(status=DecisionStatus.DRAFT, number=None)
    DecisionFactory(status=DecisionStatus.DRAFT, number=None)

    assert Decision.objects.filter(number__isnull=True).count() == 2


def test_decision_number_label() -> None:
    assert DecisionFactory(number=123, symbol="QĐ-UBND").number_label == "123/QĐ-UBND"


def test_award_to_a_person_or_a_collective() -> None:
    person_award = AwardFactory()
    unit_award = AwardFactory(
        person=None, unit=UnitFactory(name="Phòng Tổng hợp"), kind=kind("TTLDTT")
    )

    assert person_award.subject == person_award.person
    assert unit_award.subject == unit_award.unit
    assert not person_award.is_revoked


def test_award_with_two_subjects_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(person=PersonFactory(), unit=UnitFactory())


def test_award_without_subject_refused() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(person=None, unit=None)

    assert not Award.objects.exists()


def test_award_revoked_stays_in_history() -> None:
    award = AwardFactory()
    revocation = DecisionFactory(kind="revocation", revokes=award.decision)

    award.revoked_by = revocation
    award.revocation_ground = "a"
    award.save()

    award.refresh_from_db()
    assert award.is_revoked
    assert Award.objects.filter(pk=award.pk).exists()
