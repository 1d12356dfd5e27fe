"""Entry points: one function per document kind, returning (file name, .docx bytes).

Each raises `DocumentError` (a Vietnamese message for the clerk) before generating anything
when the input cannot make a proper document.
"""

from __future__ import annotations

from django.utils import translation
from unidecode import unidecode

from vinhdanh.awards.models import Decision, OutgoingDocument
from vinhdanh.documents.interfaces import achievement, papers
from vinhdanh.nominations.models import Nomination, PublicNotice, Round

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _slug(text: str) -> str:
    ascii_text = unidecode(text).lower()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text).split())[:60]


def numbered_name(what: str, number: int | None, symbol: str, year: int) -> str:
    """The download name of a numbered document, "quyet-dinh-08-qd-ubnd-2026": the number
    padded as the document prints it ("08/QĐ-UBND"), "du-thao" while it has none."""
    shown = f"{number:02d}" if number is not None else "du-thao"
    return f"{what}-{shown}-{_slug(symbol)}-{year}"


def render_decision_file(decision: Decision) -> tuple[str, bytes]:
    with translation.override("vi"):
        content = papers.render_decision(papers.decision_paper(decision))
    name = numbered_name("quyet-dinh", decision.number, decision.symbol, decision.year)
    return f"{name}.docx", content


def draft_decision_file(round_: Round) -> tuple[str, bytes]:
    with translation.override("vi"):
        content = papers.render_decision(papers.draft_decision_paper(round_))
    return f"du-thao-quyet-dinh-dot-{round_.pk}.docx", content


def submission_file(round_: Round, entry: OutgoingDocument | None = None) -> tuple[str, bytes]:
    """The submission as sent up (`entry`, numbered), or the round's preview."""
    with translation.override("vi"):
        content = papers.render_submission(papers.submission_paper(round_, entry=entry))
    if entry is not None:
        return f"{numbered_name('to-trinh', entry.number, entry.symbol, entry.year)}.docx", content
    return f"to-trinh-dot-{round_.pk}.docx", content


def notice_file(round_: Round, notice: PublicNotice | None = None) -> tuple[str, bytes]:
    """A posted notice (numbered once the register took it), or the round's latest / preview."""
    with translation.override("vi"):
        paper = papers.notice_paper(round_, notice)
        content = papers.render_notice(paper)
    if paper.number is not None:
        return f"thong-bao-{paper.number:02d}-{_slug(paper.symbol)}-{paper.day.year}.docx", content
    return f"danh-sach-cong-khai-dot-{round_.pk}.docx", content


def report_file(nomination: Nomination) -> tuple[str, bytes]:
    with translation.override("vi"):
        content = achievement.render_report(achievement.report_paper(nomination))
    return f"bao-cao-thanh-tich-{_slug(nomination.subject_name)}.docx", content
