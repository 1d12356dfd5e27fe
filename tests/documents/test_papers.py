"""Every document read back with python-docx: layout of Decree 30/2020, wording, recipients."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import pytest

from tests.documents.reading import (
    assert_decree_layout,
    assert_nfc,
    find,
    has_border,
    read,
    starting,
    styled,
    table_cells,
    text,
)
from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.people import InitiativeFactory, PersonFactory, PostFactory
from tests.nominations.world import World, build_world, interior_office
from vinhdanh.awards.models import Decision
from vinhdanh.documents import money
from vinhdanh.documents.formats import DocumentError, date_line, number_line, outside_font
from vinhdanh.documents.interfaces import files, issued
from vinhdanh.documents.models import OfficeSettings
from vinhdanh.nominations.domain.nominations import create_nomination
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.models import CollectiveRating
from vinhdanh.people.models import Person, TaskRating

NAMES = [
    ("Nguyễn", "Thị Ánh", "Tuyết"),
    ("Đặng", "Quốc", "Khánh"),
    ("Lê", "", "Hường"),
    ("Võ", "Thị Thu", "Hiền"),
]


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _people(world: World) -> list[Person]:
    people = []
    for family, middle, given in NAMES:
        post = PostFactory(
            unit=world.dept,
            title="Chuyên viên",
            person=PersonFactory(family_name=family, middle_name=middle, given_name=given),
        )
        people.append(Person.objects.get(pk=post.person_id))
    return people


def _decision(world: World, signed_on: dt.date, **extra: Any) -> tuple[Decision, list[Person]]:
    values = {
        "issuing_unit": world.province,
        "number": 125,
        "signed_on": signed_on,
        "year": signed_on.year,
        "legal_bases": "",
        "subject": "",
        **extra,
    }
    decision = DecisionFactory(**values)
    people = _people(world)
    for person in people:
        AwardFactory(decision=decision, person=person, kind=kind("LDTT"), period=2024)
    AwardFactory(decision=decision, person=None, unit=world.dept_b, kind=kind("TTLDTT"))
    return decision, people


# --- formats --------------------------------------------------------------------------------


def test_date_and_number_follow_appendix_i() -> None:
    assert date_line("Hà Tĩnh", dt.date(2025, 7, 17)) == "Hà Tĩnh, ngày 17 tháng 7 năm 2025"
    assert date_line("Hà Tĩnh", dt.date(2025, 2, 5)) == "Hà Tĩnh, ngày 05 tháng 02 năm 2025"
    assert number_line(125, "QĐ-UBND") == "Số: 125/QĐ-UBND"
    assert number_line(5, "QĐ-UBND") == "Số: 05/QĐ-UBND"
    assert number_line(None, "TTr-UBND") == "Số:      /TTr-UBND"


def test_amounts_in_words() -> None:
    assert money.bonus_amount("LDTT", 2_340_000) == 710_000  # 702,000 rounded up
    assert money.bonus_amount("CSTDCS", 2_340_000) == 2_340_000
    assert money.bonus_amount("GIAY_KHEN", 2_340_000) is None
    assert money.vnd(1_500_000) == "1.500.000"
    assert money.words_line(1_500_000) == "Bằng chữ: Một triệu năm trăm nghìn đồng."
    assert money.in_words(710_000) == "Bảy trăm mười nghìn đồng"


def test_characters_outside_the_font_are_found() -> None:
    assert outside_font("Nguyễn Thị Ánh Tuyết") == []
    assert outside_font("Trần 陳 Văn 😀") == ["陳", "😀"]


# --- the decision ---------------------------------------------------------------------------


def test_decision_is_laid_out_as_the_decree_prescribes(world: World) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    name, content = issued.decision_file(decision)
    assert name.endswith(".docx")
    doc = read(content)
    assert_decree_layout(doc)
    assert_nfc(doc)
    assert find(doc, "Số: 125/QĐ-UBND")
    assert find(doc, "Hà Tĩnh, ngày 17 tháng 7 năm 2025")
    assert [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs][:2] == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH HÀ TĨNH",
    ]
    styled(find(doc, "QUYẾT ĐỊNH"), "kind")
    subject = starting(doc, "Về việc ")
    styled(subject, "subject")
    rule = doc.paragraphs[[p._p for p in doc.paragraphs].index(subject._p) + 1]
    assert rule.text == ""
    assert has_border(rule, "bottom")
    styled(find(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"), "authority")
    styled(find(doc, "QUYẾT ĐỊNH:"), "decides")
    # The regime in force on 17/07/2025: Law 06/2022 and Decree 152/2025, no Circular 15/2025.
    body = text(doc)
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in body
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in body
    assert "15/2025/TT-BNV" not in body
    assert "98/2023" not in body
    assert "Theo đề nghị của Giám đốc Sở Nội vụ." in body
    # a body's proper name keeps its capitals inside a sentence
    assert "chi từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân tỉnh Hà Tĩnh." in body
    article = starting(doc, "Điều 1. ")
    assert article.runs[0].text == "Điều 1. "
    assert article.runs[0].font.bold
    assert not article.runs[1].font.bold
    assert "04 cá nhân" in body
    assert "01 tập thể" in body
    styled(find(doc, "Nơi nhận:"), "recipients_label")
    styled(find(doc, "- Như Điều 3;"), "recipients")
    styled(find(doc, "- Lưu: VT, TĐKT."), "recipients")
    styled(find(doc, "CHỦ TỊCH"), "sign_title")
    styled(find(doc, "Trần Văn Bình"), "sign_name")
    assert "(Kèm theo Quyết định số 125/QĐ-UBND ngày 17/07/2025" in body
    cells = table_cells(doc)
    for person in people:
        assert person.full_name in cells  # exactly, in Vietnamese order
        assert unicodedata.is_normalized("NFC", person.full_name)
    assert "Nguyễn Thị Ánh Tuyết" in cells
    assert "Sở Y tế" in cells
    # LĐTT: 0.3 × 2,340,000 rounded up = 710,000 each; TTLĐTT 0.8 × = 1,880,000.
    assert "710.000" in cells
    assert "1.880.000" in cells
    total = 4 * 710_000 + 1_880_000
    assert f"Bằng chữ: {money.in_words(total)}." in body
    assert money.in_words(total) == "Bốn triệu bảy trăm hai mươi nghìn đồng"


def test_decision_before_july_2025_cites_decree_98(world: World) -> None:
    decision, _people = _decision(world, dt.date(2025, 6, 30))
    body = text(read(issued.decision_file(decision)[1]))
    assert "Nghị định số 98/2023/NĐ-CP" in body
    assert "Thông tư số 01/2024/TT-BNV" in body
    assert "152/2025" not in body


def test_a_deputy_signs_for_the_chair(world: World) -> None:
    decision, _people = _decision(
        world, dt.date(2025, 7, 17), signer_title="Phó Chủ tịch", signer_name="Lê Thị Mai"
    )
    doc = read(issued.decision_file(decision)[1])
    styled(find(doc, "KT. CHỦ TỊCH"), "sign_authority")
    styled(find(doc, "PHÓ CHỦ TỊCH"), "sign_title")
    assert find(doc, "Lê Thị Mai")


def test_office_settings_are_printed(world: World) -> None:
    OfficeSettings.objects.create(
        unit=world.province,
        place="Thành phố Hà Tĩnh",
        legal_bases="Căn cứ Quyết định số 20/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh",
        proposer="Theo đề nghị của Trưởng ban Thi đua - Khen thưởng",
        signer_authority="TUQ.",
        signer_on_behalf_of="Chủ tịch",
        signer_title="Giám đốc Sở Nội vụ",
        signer_name="Phan Văn Hòa",
    )
    decision, _people = _decision(world, dt.date(2025, 7, 17), signer_name="", signer_title="")
    doc = read(issued.decision_file(decision)[1])
    body = text(doc)
    assert find(doc, "Thành phố Hà Tĩnh, ngày 17 tháng 7 năm 2025")
    assert "Căn cứ Quyết định số 20/2024/QĐ-UBND ngày 10/5/2024 của UBND tỉnh;" in body
    assert "Theo đề nghị của Trưởng ban Thi đua - Khen thưởng." in body
    assert find(doc, "TUQ. CHỦ TỊCH")
    assert find(doc, "GIÁM ĐỐC SỞ NỘI VỤ")
    assert find(doc, "Phan Văn Hòa")


def test_missing_signer_is_refused_in_vietnamese(world: World) -> None:
    decision, _people = _decision(world, dt.date(2025, 7, 17), signer_name="")
    with pytest.raises(DocumentError) as error:
        issued.decision_file(decision)
    assert "người ký" in str(error.value)


def test_a_decision_without_recipients_is_refused(world: World) -> None:
    decision = DecisionFactory(issuing_unit=world.province, signed_on=dt.date(2025, 7, 17))
    with pytest.raises(DocumentError) as error:
        issued.decision_file(decision)
    assert "không có" in str(error.value).lower()


def test_a_name_outside_the_font_is_refused(world: World) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    Person.objects.filter(pk=people[0].pk).update(given_name="Tuyết 😀")
    with pytest.raises(DocumentError) as error:
        issued.decision_file(decision)
    assert "U+1F600" in str(error.value)
    assert "phông" in str(error.value)


# --- the round's documents ------------------------------------------------------------------


def test_the_commendation_is_named_by_the_decider_as_on_its_certificate(world: World) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    decision.awards.filter(person__in=people[:2]).update(kind=kind("BK_BT"))
    decision.awards.filter(person__in=people[2:]).update(kind=kind("GIAY_KHEN"))
    doc = read(issued.decision_file(decision)[1])
    body, cells = text(doc), table_cells(doc)
    named = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh"
    assert f"; tặng {named};" in starting(doc, "Về việc ").text
    assert f"Tặng {named} cho 02 cá nhân;" in body
    assert "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh cho 02 cá nhân" in body
    assert "II. BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in cells
    assert "Bộ, ban, ngành" not in body
    assert not any("BỘ, BAN, NGÀNH" in cell for cell in cells)


def test_a_commendation_that_names_its_issuer_keeps_its_name(world: World) -> None:
    decision, _people = _decision(world, dt.date(2025, 7, 17))
    decision.awards.update(kind=kind("BK_TTG"))
    body = text(read(issued.decision_file(decision)[1]))
    assert "Tặng Bằng khen của Thủ tướng Chính phủ cho" in body


def _named_signers(world: World) -> None:
    interior_office(world)  # the Sở Nội vụ sends the proposals up, signed by Phan Minh Đức
    for user, (last, first) in (
        (world.head, ("Hoàng Văn", "Nam")),
        (world.decider, ("Trần Văn", "Bình")),
    ):
        user.last_name, user.first_name = last, first
        user.save()


def _nominated(world: World) -> list[Nomination]:
    _named_signers(world)
    people = _people(world)
    nominations = [world.nominate(person) for person in people]
    return nominations


def test_submission_lists_every_nominee(world: World) -> None:
    nominations = _nominated(world)
    doc = read(files.submission_file(world.round)[1])
    assert_decree_layout(doc)
    assert_nfc(doc)
    body = text(doc)
    # the proposal is the emulation office's at the decider's level, not the nominating unit's
    assert find(doc, "Số:      /TTr-SNV")
    styled(find(doc, "TỜ TRÌNH"), "kind")
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh." in body
    assert "Kính trình Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh xem xét, quyết định./." in body
    assert "Sở Nội vụ kính đề nghị Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh xem xét" in body
    assert "Căn cứ kết quả bình xét của Hội đồng Thi đua - Khen thưởng tỉnh Hà Tĩnh" in body
    assert find(doc, "GIÁM ĐỐC")
    assert find(doc, "Phan Minh Đức")
    # never signed by the chair it is addressed to, nor on the committee's behalf
    assert "Trần Văn Bình" not in body
    assert "Hoàng Văn Nam" not in body
    assert "TM. ỦY BAN NHÂN DÂN" not in body
    cells = table_cells(doc)
    for n in nominations:
        assert n.subject_name in cells
    # A department's documents carry its governing body above its own name.
    left = [p.text for p in doc.tables[0].rows[0].cells[0].paragraphs]
    assert left[:2] == ["ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ NỘI VỤ"]


def test_submission_and_notice_name_the_commendation_by_the_decider(world: World) -> None:
    nominations = _nominated(world)
    Nomination.objects.filter(pk=nominations[0].pk).update(kind=kind("BK_BT"))
    named = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh"
    submission = read(files.submission_file(world.round)[1])
    assert f"Tặng {named}: 01 cá nhân" in text(submission)
    assert "Bộ, ban, ngành" not in text(submission)
    notice_cells = table_cells(read(files.notice_file(world.round)[1]))
    assert any(
        c.endswith("BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH") for c in notice_cells
    )
    assert not any("BỘ, BAN, NGÀNH" in c for c in notice_cells)


def test_draft_decision_lists_the_proposed_nominations(world: World) -> None:
    nominations = _nominated(world)
    Nomination.objects.filter(pk=nominations[0].pk).update(state=NominationState.PROPOSED)
    doc = read(files.draft_decision_file(world.round)[1])
    assert_decree_layout(doc)
    assert find(doc, "Số:      /QĐ-UBND")
    cells = table_cells(doc)
    assert nominations[0].subject_name in cells
    assert nominations[1].subject_name not in cells
    assert find(doc, "Trần Văn Bình")


def test_draft_decision_needs_a_proposed_nomination(world: World) -> None:
    _nominated(world)
    with pytest.raises(DocumentError) as error:
        files.draft_decision_file(world.round)
    assert "chưa" in str(error.value).lower()


def test_submission_without_nominations_is_refused(world: World) -> None:
    _named_signers(world)
    with pytest.raises(DocumentError):
        files.submission_file(world.round)


def test_notice_list(world: World) -> None:
    nominations = _nominated(world)
    doc = read(files.notice_file(world.round)[1])
    assert_decree_layout(doc, number=False)
    styled(find(doc, "THÔNG BÁO"), "kind")
    styled(find(doc, "Về việc công khai danh sách các tập thể, cá nhân"), "subject")
    assert find(doc, "DANH SÁCH CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC ĐỀ NGHỊ KHEN THƯỞNG")
    cells = table_cells(doc)
    for n in nominations:
        assert n.subject_name in cells


# --- achievement reports --------------------------------------------------------------------


def test_individual_report_is_prefilled_from_the_record(world: World) -> None:
    _named_signers(world)
    person = _people(world)[0]
    TaskRating.objects.create(person=person, year=2023, rating="HTXSNV")
    TaskRating.objects.create(person=person, year=2024, rating="HTTNV")
    InitiativeFactory(title="Số hóa hồ sơ thi đua", decision_number="12/QĐ-STP", authors=[person])
    earlier = DecisionFactory(
        issuing_unit=world.dept,
        issuing_body="Sở Tư pháp tỉnh Hà Tĩnh",
        number=7,
        symbol="QĐ-STP",
        signed_on=dt.date(2023, 12, 20),
    )
    AwardFactory(decision=earlier, person=person, kind=kind("LDTT"), period=2023)
    nomination = world.nominate(person, code="CSTDCS")
    doc = read(files.report_file(nomination)[1])
    assert_decree_layout(doc, number=False)
    assert_nfc(doc)
    body = text(doc)
    # The round is decided on 15/01/2025: the forms of Decree 98/2023.
    assert "Mẫu số 02 (theo Nghị định số 98/2023/NĐ-CP)" in body
    styled(find(doc, "BÁO CÁO THÀNH TÍCH"), "kind")
    assert "- Họ và tên: Nguyễn Thị Ánh Tuyết" in body
    cells = table_cells(doc)
    assert "Chuyên viên, Sở Tư pháp" in cells
    assert cells[cells.index("2023") : cells.index("2023") + 2] == [
        "2023",
        "Hoàn thành xuất sắc nhiệm vụ",
    ]
    assert "Số hóa hồ sơ thi đua" in cells
    assert "Số 07/QĐ-STP ngày 20/12/2023 của Sở Tư pháp tỉnh Hà Tĩnh" in cells
    # The parts the person writes are marked, italic, in brackets.
    marked = [p for p in doc.paragraphs if p.text.startswith("[")]
    assert marked
    for paragraph in marked:
        styled(paragraph, "to_fill")
    assert find(doc, "NGƯỜI BÁO CÁO THÀNH TÍCH")


def test_collective_report(world: World) -> None:
    _named_signers(world)
    PostFactory(unit=world.dept, title="Giám đốc")
    CollectiveRating.objects.create(unit=world.dept, year=2024, rating="HTXSNV")
    nomination = create_nomination(
        actor=world.clerk,
        round=world.round,
        kind=kind("TTLDTT"),
        unit=world.dept,
        achievement_summary="Đơn vị dẫn đầu khối.",
    )
    doc = read(files.report_file(nomination)[1])
    assert_decree_layout(doc, number=False)
    body = text(doc)
    assert "Mẫu số 01 (theo Nghị định số 98/2023/NĐ-CP)" in body
    assert "Tên tập thể đề nghị: Sở Tư pháp" in body
    assert "Đơn vị dẫn đầu khối." in body
    assert "Hoàn thành xuất sắc nhiệm vụ" in table_cells(doc)
