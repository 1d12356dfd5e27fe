"""The signed scan of an issued decision: only a real PDF, kept beside the decision, replaced
with its history."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.documents.issuing import issue, pdf_bytes
from tests.factories.awards import DecisionFactory
from tests.nominations.world import World, build_world
from vinhdanh.awards.models import Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.documents.domain.queries.scans import current_scan, scan_history
from vinhdanh.documents.domain.scans import ScanError, record_signed_scan
from vinhdanh.documents.models import SignedScan, SignedScanError


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _upload(content: bytes, name: str = "ban-ky.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _stored(scan: SignedScan) -> bytes:
    with scan.file.open("rb") as stream:
        return stream.read()


def test_a_real_pdf_is_kept_beside_the_decision(world: World) -> None:
    decision = issue(world)
    frozen = Decision.objects.filter(pk=decision.pk).values().get()
    content = pdf_bytes(pages=2)
    scan = record_signed_scan(
        decision=decision, upload=_upload(content), actor=world.office, reason=""
    )
    assert (scan.pages, scan.size, _stored(scan)) == (2, len(content), content)
    assert current_scan(decision) == scan
    assert scan.uploaded_by == world.office
    # The decision itself is exactly as issued.
    assert Decision.objects.filter(pk=decision.pk).values().get() == frozen
    event = AuditEvent.objects.get(message="signed scan attached", object_id=str(decision.pk))
    assert event.after["sha256"] == scan.sha256


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"0" * 64, "ban-ky.pdf", "tải lên bản quét dưới dạng tệp PDF"),
        (b"Quyet dinh so 125", "ban-ky.pdf", "tải lên bản quét dưới dạng tệp PDF"),
        (b"%PDF-1.4\nnot really a pdf at all\n", "ban-ky.pdf", "không mở được"),
    ],
    ids=["png-named-pdf", "text", "broken-pdf"],
)
def test_anything_but_a_real_pdf_is_refused_and_nothing_is_stored(
    world: World, content: bytes, name: str, message: str, settings: Any
) -> None:
    decision = issue(world)
    with pytest.raises(ScanError, match=message):
        record_signed_scan(decision=decision, upload=_upload(content, name), actor=world.office)
    assert not SignedScan.objects.exists()
    assert not (settings.MEDIA_ROOT / "scans").exists()


def test_a_scan_over_the_size_limit_is_refused(world: World, settings: Any) -> None:
    settings.VINHDANH_SCAN_MAX_BYTES = 200
    decision = issue(world)
    with pytest.raises(ScanError, match="quá lớn"):
        record_signed_scan(decision=decision, upload=_upload(pdf_bytes()), actor=world.office)
    assert not SignedScan.objects.exists()


def test_replacing_a_scan_keeps_the_earlier_one_with_the_reason(world: World) -> None:
    decision = issue(world)
    first_content = pdf_bytes(pages=1)
    first = record_signed_scan(decision=decision, upload=_upload(first_content), actor=world.office)
    with pytest.raises(ScanError, match="lý do"):
        record_signed_scan(decision=decision, upload=_upload(pdf_bytes(2)), actor=world.office)
    with pytest.raises(ScanError, match="đã là bản ký"):
        record_signed_scan(
            decision=decision, upload=_upload(first_content), actor=world.office, reason="x"
        )
    second = record_signed_scan(
        decision=decision,
        upload=_upload(pdf_bytes(pages=2)),
        actor=world.office,
        reason="Bản quét thiếu trang 2",
    )
    assert current_scan(decision) == second
    assert second.replaces == first
    assert scan_history(decision) == [second, first]
    assert _stored(first) == first_content  # the earlier file is still there
    replaced = AuditEvent.objects.get(message="signed scan replaced", object_id=str(decision.pk))
    assert replaced.after["reason"] == "Bản quét thiếu trang 2"
    assert replaced.after["replaces"] == first.pk
    with pytest.raises(SignedScanError):
        first.save()
    with pytest.raises(SignedScanError):
        first.delete()


def test_only_the_office_or_clerks_of_the_issuing_unit_record_a_scan(world: World) -> None:
    decision = issue(world)
    for outsider in (world.decider, world.clerk, world.council):
        with pytest.raises(PermissionDenied):
            record_signed_scan(decision=decision, upload=_upload(pdf_bytes()), actor=outsider)
    assert not SignedScan.objects.exists()


def test_imported_history_takes_no_scan(world: World) -> None:
    imported = DecisionFactory(imported=True, number=77, year=2020)
    with pytest.raises(ScanError, match="ban hành trên Vinh Danh"):
        record_signed_scan(decision=imported, upload=_upload(pdf_bytes()), actor=world.office)
