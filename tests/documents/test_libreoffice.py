"""One document of each kind opens in LibreOffice, converts to PDF and reads back as text.

Needs `soffice` (Debian libreoffice-writer-nogui, installed by scripts/system-deps.sh) and
`pdftotext` (poppler-utils); skipped with the reason when LibreOffice is absent.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from tests.documents.test_papers import _decision, _nominated
from tests.nominations.world import World, build_world
from vinhdanh.councils.interfaces.minutes import minutes_docx
from vinhdanh.documents.formats import MOTTO, NATIONAL_NAME
from vinhdanh.documents.interfaces import files, issued, kept_papers
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui",
)


def to_pdf_text(content: bytes, tmp_path: Path, name: str) -> str:
    source = tmp_path / f"{name}.docx"
    source.write_bytes(content)
    profile = tmp_path / "lo-profile"
    result = subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / f"{name}.pdf"
    assert result.returncode == 0, result.stderr
    assert pdf.exists(), result.stdout + result.stderr
    extracted = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return extracted.stdout


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_every_kind_converts_to_pdf_with_its_text(world: World, tmp_path: Path) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    nominations = _nominated(world)
    Nomination.objects.filter(pk=nominations[0].pk).update(state=NominationState.PROPOSED)
    documents = {
        "decision": issued.decision_file(decision)[1],
        "draft": files.draft_decision_file(world.round)[1],
        "submission": files.submission_file(world.round)[1],
        "notice": files.notice_file(world.round)[1],
        "report": files.report_file(nominations[1])[1],
    }
    expected = {
        "decision": ["Số: 125/QĐ-UBND", "Hà Tĩnh, ngày 17 tháng 7 năm 2025", "QUYẾT ĐỊNH"]
        + [p.full_name for p in people],
        "draft": ["QUYẾT ĐỊNH", nominations[0].subject_name],
        "submission": ["TỜ TRÌNH", "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh."]
        + [n.subject_name for n in nominations],
        "notice": ["THÔNG BÁO", "Về việc công khai danh sách các tập thể, cá nhân"]
        + [n.subject_name for n in nominations],
        "report": ["BÁO CÁO THÀNH TÍCH", nominations[1].subject_name],
    }
    for name, content in documents.items():
        text = _flat(to_pdf_text(content, tmp_path, name))
        assert NATIONAL_NAME in text, name
        assert MOTTO in text, name
        for phrase in expected[name]:
            assert phrase in text, (name, phrase)


def test_the_numbered_notice_converts_to_pdf(world: World, tmp_path: Path) -> None:
    nominations = _nominated(world)
    Nomination.objects.filter(pk=nominations[0].pk).update(state=NominationState.VOTED)
    day = dt.date(2026, 3, 2)
    moment = dt.datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        notice = post_notice(actor=world.office, round=world.round, starts_on=day, number=5)
    text = _flat(to_pdf_text(kept_papers.notice_download(world.round, notice)[1], tmp_path, "tb"))
    for phrase in (
        "Số: 05/TB-STP",
        "THÔNG BÁO",
        "Về việc công khai danh sách các tập thể, cá nhân",
        "DANH SÁCH CÁC TẬP THỂ, CÁ NHÂN ĐƯỢC ĐỀ NGHỊ KHEN THƯỞNG",
        nominations[0].subject_name,
    ):
        assert phrase in text, phrase


def test_minutes_convert_to_pdf(db: Any, tmp_path: Path) -> None:
    council = council_world(size=5)
    nomination = make_nomination(round=council.round, code="CSTD_BT")
    session = run_vote(
        council,
        [nomination],
        present=council.members,
        votes={nomination.pk: [FOR] * 5},
    )
    text = _flat(to_pdf_text(minutes_docx(session.minutes), tmp_path, "minutes"))
    assert "BIÊN BẢN" in text
    assert nomination.subject_name in text
