"""The submission (tờ trình) that proposes a round's voted dossiers to the decider is the
emulation office's at the decider's level (the Sở Nội vụ for the province's chair), or the
decider's own council where no such office stands under it: numbered in that issuer's
register, under its letterhead, signed by its head (never by the one it is addressed to) and
naming the council that voted. Read back with python-docx."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.councils.builders import (
    FOR,
    CouncilWorld,
    department,
    make_council,
    make_nomination,
    office_user,
    province,
    run_vote,
)
from tests.documents.reading import assert_decree_layout, find, read, starting, text
from tests.documents.test_numbered_papers import DAY, at
from tests.factories.orgs import RoleFactory, UnitFactory, UserFactory
from tests.factories.people import PersonFactory, PostFactory
from tests.nominations.world import no_public_notice
from vinhdanh.awards.models import OutgoingDocument
from vinhdanh.councils.enums import CouncilRole
from vinhdanh.documents.domain.settings import office_for
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import files
from vinhdanh.nominations.domain.workflow import bulk_transition
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Round
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit

S = NominationState


def _head(unit: Unit, family: str, given: str, **flags: bool) -> Any:
    user = UserFactory(last_name=family, first_name=given)
    RoleFactory(user=user, unit=unit, is_clerk=False, is_head=True, **flags)
    return user


def _voted(world: CouncilWorld, code: str, unit: Unit) -> list[Any]:
    """Two nominees of `unit`, appraised, passed by the council's session."""
    nominations = []
    for given in ("An", "Bình"):
        person = PostFactory(unit=unit, person=PersonFactory(given_name=given)).person
        nominations.append(make_nomination(round=world.round, code=code, person=person))
    run_vote(
        world,
        nominations,
        present=world.members,
        votes={n.pk: [FOR] * len(world.members) for n in nominations},
    )
    for n in nominations:
        n.refresh_from_db()
        assert n.state == S.VOTED
    return nominations


def _propose(world: CouncilWorld) -> OutgoingDocument:
    with at(DAY):
        result = bulk_transition(round=world.round, to=S.PROPOSED, actor=world.office)
    assert not result.failed
    assert result.submission is not None
    return result.submission


def _letterhead(doc: Any) -> str:
    """The governing body, then the issuing body (a long name wraps on a second line)."""
    cell = doc.tables[0].rows[0].cells[0].paragraphs
    return " / ".join(p.text for p in cell if p.text and not p.text.startswith("Số:"))


@pytest.fixture
def provincial(db: Any) -> CouncilWorld:
    """A commune's nominees for the province chair's Bằng khen, voted by the province's
    council; the province has its Sở Nội vụ."""
    root = province()
    commune = UnitFactory(name="Xã Sơn Hồng", parent=root, level=UnitLevel.COMMUNE)
    interior = department(root, "Sở Nội vụ")
    _head(interior, "Phan Minh", "Đức")
    _head(commune, "Đinh Công", "Xã", is_decider=True)
    _head(root, "Trần Văn", "Bình", is_decider=True)
    council, members = make_council(
        unit=root, size=3, name="Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh"
    )
    round_ = Round.objects.create(
        name="Đề nghị khen thưởng cấp tỉnh năm 2024 — Xã Sơn Hồng",
        owning_unit=commune,
        decider_unit=root,
        decider_role="chu_tich_ubnd_tinh",
        year=2024,
    )
    world = CouncilWorld(
        unit=root, council=council, members=members, office=office_user(root), round=round_
    )
    world.extra.update(commune=commune, interior=interior)
    return world


def test_a_provincial_proposal_is_the_sở_nội_vụ_s_not_the_nominating_commune_s(
    provincial: CouncilWorld, django_capture_on_commit_callbacks: Any
) -> None:
    no_public_notice("BK_BT")
    voted = _voted(provincial, "BK_BT", provincial.extra["commune"])
    with django_capture_on_commit_callbacks(execute=True):
        entry = _propose(provincial)
    # numbered in the provincial office's register, nothing in the commune's
    assert entry.issuing_unit == provincial.extra["interior"]
    assert entry.number_label == "01/TTr-SNV"
    assert set(entry.nominations.all()) == set(voted)
    assert not OutgoingDocument.objects.filter(issuing_unit=provincial.extra["commune"]).exists()
    doc = read(files.submission_file(provincial.round, entry)[1])
    assert_decree_layout(doc)
    assert _letterhead(doc) == "ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH / SỞ NỘI VỤ"
    assert find(doc, "Số: 01/TTr-SNV")
    body = text(doc)
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh." in body
    # the council that voted, named with its capitals
    assert starting(
        doc, "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh trong đợt"
    )
    assert "Sở Nội vụ kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh xem xét" in body
    assert find(doc, "GIÁM ĐỐC")
    assert find(doc, "Phan Minh Đức")
    assert "(Kèm theo Tờ trình số 01/TTr-SNV ngày 02/03/2026 của Sở Nội vụ)" in body
    for foreign in ("XÃ SƠN HỒNG", "xã Sơn Hồng", "Đinh Công Xã", "Trần Văn Bình", "TM. ỦY BAN"):
        assert foreign not in body
    # the register keeps who signed it
    assert entry.kept_paper.signer_name == "Phan Minh Đức"
    assert entry.kept_paper.signer_title == "Giám đốc"


@pytest.fixture
def departmental(db: Any) -> CouncilWorld:
    """A department's own titles, decided by its director and voted by its council."""
    root = province()
    dept = department(root, "Sở Tư pháp")
    _head(dept, "Hoàng Văn", "Nam", is_decider=True)
    council, members = make_council(
        unit=dept, size=3, name="Hội đồng Thi đua - Khen thưởng Sở Tư pháp"
    )
    round_ = Round.objects.create(
        name="Xét danh hiệu năm 2024 — Sở Tư pháp",
        owning_unit=dept,
        decider_unit=dept,
        decider_role="giam_doc_so",
        year=2024,
    )
    world = CouncilWorld(
        unit=dept, council=council, members=members, office=office_user(dept), round=round_
    )
    world.extra.update(dept=dept)
    return world


def test_a_department_s_proposal_is_its_council_s_in_its_register(
    departmental: CouncilWorld, django_capture_on_commit_callbacks: Any
) -> None:
    vice = departmental.members[1]
    vice.role = CouncilRole.VICE_CHAIR
    vice.save()
    assert vice.person is not None
    vice_name = vice.person.full_name
    no_public_notice("CSTDCS")
    _voted(departmental, "CSTDCS", departmental.extra["dept"])
    with django_capture_on_commit_callbacks(execute=True):
        entry = _propose(departmental)
    assert entry.issuing_unit == departmental.extra["dept"]
    assert entry.number_label == "01/TTr-HĐTĐKT"
    doc = read(files.submission_file(departmental.round, entry)[1])
    assert_decree_layout(doc)
    assert _letterhead(doc).startswith("SỞ TƯ PHÁP / HỘI ĐỒNG THI ĐUA")
    assert "KHEN THƯỞNG" in _letterhead(doc)
    body = text(doc)
    assert "Kính gửi: Giám đốc Sở Tư pháp." in body
    assert (
        "Hội đồng Thi đua - Khen thưởng Sở Tư pháp kính đề nghị Giám đốc Sở Tư pháp xem xét" in body
    )
    # signed for the council by its vice chair, for the chair: not by the director
    for line in ("TM. HỘI ĐỒNG", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", vice_name):
        assert find(doc, line)
    assert "Hoàng Văn Nam" not in body
    kept = entry.kept_paper
    assert (kept.signer_title, kept.signer_name) == (
        "Phó Chủ tịch Hội đồng Thi đua - Khen thưởng Sở Tư pháp",
        vice_name,
    )


def test_a_submission_is_never_signed_by_the_one_it_is_addressed_to(
    departmental: CouncilWorld,
) -> None:
    # the council's chair is the director it proposes to, and it has no vice chair
    chair = departmental.members[0]
    assert chair.role == CouncilRole.CHAIR
    assert chair.person is not None
    chair.person.family_name, chair.person.middle_name, chair.person.given_name = (
        "Hoàng",
        "Văn",
        "Nam",
    )
    chair.person.save()
    no_public_notice("CSTDCS")
    _voted(departmental, "CSTDCS", departmental.extra["dept"])
    entry = _propose(departmental)
    with pytest.raises(DocumentError) as refused:
        files.submission_file(departmental.round, entry)
    assert "Hoàng Văn Nam" in str(refused.value)
    assert "gửi" in str(refused.value)


def test_council_names_keep_the_capitals_of_proper_names(db: Any) -> None:
    root = province()
    dept = department(root, "Sở Tư pháp")
    commune = UnitFactory(name="Xã Sơn Hồng", parent=root, level=UnitLevel.COMMUNE)
    on = dt.date(2026, 3, 2)
    assert office_for(dept, on).proposer == (
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng Sở Tư pháp"
    )
    # "xã", "tỉnh" are common nouns before the place's name
    assert office_for(commune, on).proposer == (
        "Theo đề nghị của Hội đồng Thi đua - Khen thưởng xã Sơn Hồng"
    )


def test_a_council_without_a_vice_chair_or_chair_says_who_must_sign(
    departmental: CouncilWorld,
) -> None:
    departmental.council.members.filter(role=CouncilRole.CHAIR).update(role=CouncilRole.MEMBER)
    make_nomination(round=departmental.round, code="CSTDCS", state=S.VOTED)
    with pytest.raises(DocumentError) as refused:
        files.submission_file(departmental.round)  # the preview
    assert "Hội đồng Thi đua - Khen thưởng Sở Tư pháp" in str(refused.value)
    assert "Phó Chủ tịch" in str(refused.value)
