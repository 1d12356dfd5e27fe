"""The review .docx: read back with python-docx, and converted by LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.documents.reading import assert_decree_layout, assert_nfc, read, table_cells, text
from tests.documents.test_libreoffice import SOFFICE, to_pdf_text
from tests.programmes.review_world import Q1_25, Q4_24, build_history
from tests.programmes.world import World
from vinhdanh.programmes.domain.committees import MemberSpec, record_committee_decision
from vinhdanh.programmes.domain.queries.review import build_review, review_periods
from vinhdanh.programmes.enums import CommitteeDecisionKind, CommitteeRole, MilestoneKind
from vinhdanh.programmes.interfaces.review_docx import figure, render_review, span_label
from vinhdanh.programmes.models import Committee

DAY = dt.date(2025, 6, 5)


def _docx(w: World, kind: str = MilestoneKind.PRELIMINARY) -> bytes:
    build_history(w)
    review = build_review(w.programme, review_periods(w.programme, Q4_24, Q1_25), kind=kind)
    return render_review(review, day=DAY)


def test_review_docx_reads_back_in_the_administrative_format(world: World) -> None:
    document = read(_docx(world))
    assert_decree_layout(document)
    assert_nfc(document)
    body = text(document)
    assert "BÁO CÁO" in body
    # Q4/2024–Q1/2025: six months, not "02 năm"
    assert "Sơ kết 06 tháng thực hiện Nghị quyết số 05-NQ/TU về phổ biến pháp luật" in body
    assert "ngày 05 tháng 6 năm 2025" in body
    assert "Số:      /BC-" in body
    assert "Nơi nhận:" in body
    cells = table_cells(document)
    # the province's sessions (23 of a target of 48) and the merged commune's 15
    assert cells[
        cells.index("Số buổi tuyên truyền") - 1 : cells.index("Số buổi tuyên truyền") + 5
    ] == ["1", "Số buổi tuyên truyền", "", "23", "48", "47%"]
    assert "Xã An Yên" in cells
    assert "15" in cells
    assert "Theo Quyết định số 210/QĐ-UBND (từ 01/02/2025 đến nay)" in cells
    assert "Lê Quốc Bảo" in cells
    assert "Phạm Thị Hoa, Xã An Yên" in cells
    assert "Các cấp đã khen thưởng 2 tập thể và 1 cá nhân" in body
    assert "Các đơn vị đã tổ chức 3 hoạt động với 180 lượt người tham dự" in body
    # the charts are PNG pictures in the file (targets, periods, activities, commendations)
    assert len(document.inline_shapes) == 4
    pictures = [p for p in document.part.related_parts.values() if "image" in p.content_type]
    assert pictures
    assert {p.content_type for p in pictures} == {"image/png"}


def test_the_span_is_worded_by_what_it_covers() -> None:
    assert span_label(dt.date(2025, 1, 1), dt.date(2026, 3, 31)) == "15 tháng"  # Q1/25–Q1/26
    assert span_label(dt.date(2024, 1, 1), dt.date(2025, 12, 31)) == "02 năm"
    assert span_label(dt.date(2025, 4, 1), dt.date(2025, 6, 30)) == "03 tháng"
    assert (
        span_label(dt.date(2025, 1, 15), dt.date(2025, 6, 30))
        == "giai đoạn từ 15/01/2025 đến 30/06/2025"
    )


def test_committee_members_are_named_as_on_the_pages(world: World) -> None:
    history = build_history(world)
    committee = Committee.objects.get(programme=world.programme)
    record_committee_decision(
        actor=world.office,
        committee=committee,
        kind=CommitteeDecisionKind.REFORM,
        number="230/QĐ-UBND",
        date=dt.date(2025, 3, 1),
        members=[
            MemberSpec("Nguyễn Văn Hùng", CommitteeRole.HEAD, "Phó Chủ tịch UBND tỉnh"),
            MemberSpec("Lê Quốc Bảo", CommitteeRole.DEPUTY, "Giám đốc Sở Nội vụ"),
            MemberSpec("Đỗ Văn Tâm", CommitteeRole.MEMBER, "Chánh Văn phòng"),
        ],
    )
    assert history.round is not None
    review = build_review(
        world.programme, review_periods(world.programme, Q4_24, Q1_25), kind="preliminary"
    )
    cells = table_cells(read(render_review(review, day=DAY)))
    row = cells.index("Đỗ Văn Tâm")
    assert cells[row + 2] == "Ủy viên"
    assert "Thành viên" not in cells
    assert "Phó Trưởng ban" in cells


def test_review_figures_are_written_the_vietnamese_way() -> None:
    assert figure(1250) == "1.250"
    assert figure(67.5) == "67,5"
    assert figure(None) == "—"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_review_docx_converts_with_libreoffice(world: World, tmp_path: Path) -> None:
    content = _docx(world, MilestoneKind.FINAL)
    pdf_text = " ".join(to_pdf_text(content, tmp_path, "review").split())
    assert "BÁO CÁO" in pdf_text
    assert "Tổng kết 06 tháng thực hiện" in pdf_text
    assert "Phạm Thị Hoa" in pdf_text
