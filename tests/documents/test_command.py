"""`vinhdanh documents sample OUTDIR` writes one file of every kind from the database."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from tests.documents.reading import read
from tests.documents.test_papers import _decision, _nominated
from tests.nominations.world import World, build_world
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_sample_writes_every_kind(world: World, tmp_path: Path) -> None:
    _decision(world, dt.date(2025, 7, 17))
    nominations = _nominated(world)
    Nomination.objects.filter(pk=nominations[0].pk).update(state=NominationState.PROPOSED)
    out = io.StringIO()
    call_command("documents", "sample", str(tmp_path), stdout=out)
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    for prefix in (
        "quyet-dinh-125-",
        "du-thao-quyet-dinh-",
        "to-trinh-",
        "danh-sach-cong-khai-",
        "bao-cao-thanh-tich-ca-nhan-",
        "bao-cao-thanh-tich-tap-the-",
    ):
        assert any(name.startswith(prefix) for name in names), (prefix, names)
    for path in tmp_path.glob("*.docx"):
        assert read(path.read_bytes()).paragraphs
    # The decision's certificates, in full and on the office's blanks (text only).
    pdfs = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert pdfs == [
        "giay-chung-nhan-125-qd-ubnd-2025.pdf",
        "giay-chung-nhan-in-phoi-125-qd-ubnd-2025.pdf",
    ]
    text = subprocess.run(
        ["pdftotext", str(tmp_path / pdfs[0]), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert "Nguyễn Thị Ánh Tuyết" in text
    # No closed council session in this database: the command says so and goes on.
    assert "council minutes: nothing in the database to make it from" in out.getvalue()
