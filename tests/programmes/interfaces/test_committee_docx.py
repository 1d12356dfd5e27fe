"""The committee's set-up and re-formation decisions read back as Decree 30/2020 decisions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.documents.reading import assert_decree_layout, assert_nfc, read, text
from tests.documents.test_libreoffice import SOFFICE, to_pdf_text
from tests.factories.orgs import UserFactory
from tests.programmes.world import World
from vinhdanh.programmes.domain.committees import (
    MemberSpec,
    create_committee,
    record_committee_decision,
)
from vinhdanh.programmes.enums import CommitteeDecisionKind as Kind
from vinhdanh.programmes.enums import CommitteeRole as Role
from vinhdanh.programmes.interfaces.committee_docx import render_committee_decision
from vinhdanh.programmes.models import CommitteeDecision


def _committee_reformed(w: World) -> tuple[CommitteeDecision, CommitteeDecision]:
    committee = create_committee(
        actor=w.office, unit=w.province, name="Ban Chỉ đạo", programme=w.programme
    )
    first = record_committee_decision(
        actor=w.office,
        committee=committee,
        kind=Kind.SET_UP,
        number="12/QĐ-UBND",
        date=dt.date(2024, 2, 1),
        members=[
            MemberSpec("Nguyễn Văn An", Role.HEAD, "Phó Chủ tịch UBND tỉnh"),
            MemberSpec("Trần Thị Bình", Role.DEPUTY),
        ],
    )
    second = record_committee_decision(
        actor=w.office,
        committee=committee,
        kind=Kind.REFORM,
        number="88/QĐ-UBND",
        date=dt.date(2025, 3, 1),
        effective_on=dt.date(2025, 3, 5),
        members=[
            MemberSpec("Phạm Văn Dũng", Role.HEAD, "Phó Chủ tịch UBND tỉnh"),
            MemberSpec("Trần Thị Bình", Role.DEPUTY),
            MemberSpec("Lê Văn Cường", Role.SECRETARY),
        ],
    )
    return first, second


def test_reformation_decision_names_the_members_on_its_day_and_the_decision_it_replaces(
    world: World,
) -> None:
    _first, second = _committee_reformed(world)
    document = read(render_committee_decision(second))
    assert_decree_layout(document)
    assert_nfc(document)
    body = text(document)
    assert "Số: 88/QĐ-UBND" in body
    assert "ngày 01 tháng 3 năm 2025" in body
    assert "Về việc kiện toàn Ban Chỉ đạo" in body
    assert "Căn cứ Luật Tổ chức chính quyền địa phương" in body
    assert "1. Ông (bà) Phạm Văn Dũng, Phó Chủ tịch UBND tỉnh – Trưởng ban;" in body
    assert "3. Ông (bà) Lê Văn Cường – Thư ký;" in body
    assert "Nguyễn Văn An" not in body  # replaced before this decision took effect
    assert "thay thế Quyết định số 12/QĐ-UBND ngày 01/02/2024" in body
    assert "Nơi nhận:" in body


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_set_up_decision_converts_with_libreoffice(world: World, tmp_path: Path) -> None:
    first, _second = _committee_reformed(world)
    pdf_text = " ".join(to_pdf_text(render_committee_decision(first), tmp_path, "bcd").split())
    assert "QUYẾT ĐỊNH" in pdf_text
    assert "Về việc thành lập Ban Chỉ đạo" in pdf_text
    assert "Nguyễn Văn An" in pdf_text


def test_the_programme_page_offers_each_decision_to_readers_only(world: World) -> None:
    first, _second = _committee_reformed(world)
    url = reverse("web:programmes:committee_decision_docx", args=[world.programme.pk, first.pk])
    office = Client()
    office.force_login(world.office)
    page = office.get(reverse("web:programmes:programme", args=[world.programme.pk]))
    assert url in page.content.decode()
    download = office.get(url)
    assert download.status_code == 200
    assert "Nguyễn Văn An" in text(read(download.content))
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
