"""Decisions issued through the domain, and PDFs made by a PDF library, for the register and
signed-scan tests."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfWriter

from tests.nominations.world import DECISION_DAY, World, force_state
from vinhdanh.awards.models import Decision
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.enums import NominationState


def issue(
    world: World,
    *,
    number: int | None = None,
    symbol: str = "QĐ-UBND",
    signed_on: dt.date = DECISION_DAY,
    subject: str = "",
    code: str = "BK_BT",
) -> Decision:
    nomination = world.nominate(code=code)
    force_state(nomination, NominationState.PROPOSED)
    return issue_decision(
        issuing_unit=world.province,
        issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
        symbol=symbol,
        signed_on=signed_on,
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
        decider_role="chu_tich_ubnd_tinh",
        subject=subject,
        legal_bases="",
        nominations=[nomination],
        actor=world.decider,
        number=number,
    )


def pdf_bytes(pages: int = 1) -> bytes:
    """A real PDF of A4 pages, as a scanner's software writes one."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
