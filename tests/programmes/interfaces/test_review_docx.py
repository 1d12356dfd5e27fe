"""The review .docx: read back with python-docx, and converted by LibreOffice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.documents.reading import assert_decree_layout, assert_nfc, read, table_cells, text
from tests.documents.test_libreoffice import SOFFICE, to_pdf_text
from tests.programmes.review_world import Q1_25, Q4_24, build_history
from tests.programmes.world import World
from vinhdanh.programmes.domain.queries.review import build_review, review_periods
from vinhdanh.programmes.enums import MilestoneKind
from vinhdanh.programmes.interfaces.review_docx import figure, render_review

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
    assert "Sơ kết 02 năm thực hiện Nghị quyết số 05-NQ/TU về phổ biến pháp luật" in body
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
    # the charts are pictures in the file (targets, periods, activities, commendations)
    assert len(document.inline_shapes) == 4


def test_review_figures_are_written_the_vietnamese_way() -> None:
    assert figure(1250) == "1.250"
    assert figure(67.5) == "67,5"
    assert figure(None) == "—"


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_review_docx_converts_with_libreoffice(world: World, tmp_path: Path) -> None:
    content = _docx(world, MilestoneKind.FINAL)
    pdf_text = " ".join(to_pdf_text(content, tmp_path, "review").split())
    assert "BÁO CÁO" in pdf_text
    assert "Tổng kết 02 năm thực hiện" in pdf_text
    assert "Phạm Thị Hoa" in pdf_text
