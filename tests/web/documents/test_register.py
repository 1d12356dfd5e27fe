"""The register of outgoing documents and the signed scan, as the office uses them on the web
and through the API."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.documents.issuing import issue, pdf_bytes
from tests.factories.awards import DecisionFactory
from tests.nominations.world import World
from vinhdanh.awards.domain.decisions import revoke_awards
from vinhdanh.awards.models import Award
from vinhdanh.documents.domain.scans import record_signed_scan
from vinhdanh.documents.models import SignedScan


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _notes(response: Any) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def _scan(world: World, decision: Any, content: bytes) -> SignedScan:
    upload = SimpleUploadedFile("ban-ky.pdf", content, content_type="application/pdf")
    return record_signed_scan(decision=decision, upload=upload, actor=world.office)


def test_the_register_lists_the_units_documents_of_the_year(world: World) -> None:
    first = issue(world, subject="Về việc tặng Bằng khen năm 2024")
    manual = issue(world, number=57)
    revocation = revoke_awards(
        awards=list(Award.objects.filter(decision=first)),
        ground="a",
        reason="Kê khai không trung thực",
        issuing_unit=world.province,
        issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
        symbol="QĐ-UBND",
        signed_on=first.signed_on,
        signer_name="Trần Văn Bình",
        signer_title="Chủ tịch",
        decider_role="chu_tich_ubnd_tinh",
        actor=world.decider,
    )
    _scan(world, manual, pdf_bytes())
    DecisionFactory(imported=True, number=999, year=2025, issuing_body="UBND tỉnh cũ")
    response = _client(world.office).get(
        reverse("web:document_register", args=[world.province.pk]), {"year": 2025}
    )
    assert response.status_code == 200
    lines = response.context["lines"]
    assert [line.number_label for line in lines] == ["01/QĐ-UBND", "57/QĐ-UBND", "58/QĐ-UBND"]
    by_number = {line.decision.number: line for line in lines}
    assert by_number[1].subject == "Về việc tặng Bằng khen năm 2024"
    assert by_number[1].signer == "Chủ tịch Trần Văn Bình"
    assert by_number[1].recipients == "1 cá nhân"
    assert by_number[57].has_scan
    assert not by_number[1].has_scan
    assert by_number[57].number_entered
    assert by_number[58].decision == revocation
    assert "hủy bỏ" in by_number[58].kind
    page = response.content.decode()
    assert "999" not in page  # imported history is not in the register
    assert "Sổ văn bản đi" in page


def test_the_register_downloads_as_xlsx(world: World) -> None:
    decision = issue(world, subject="Về việc tặng Bằng khen")
    _scan(world, decision, pdf_bytes())
    response = _client(world.office).get(
        reverse("web:document_register_xlsx", args=[world.province.pk]), {"year": 2025}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số, ký hiệu", "Ngày", "Loại văn bản")
    number, date, kind, subject, signer, recipients, scanned, source = rows[1]
    assert (number, subject, signer) == (
        "01/QĐ-UBND",
        "Về việc tặng Bằng khen",
        "Chủ tịch Trần Văn Bình",
    )
    assert date.date() == decision.signed_on
    assert kind.startswith("QĐ")
    assert (recipients, scanned) == ("1 cá nhân", "có")
    assert source == "Vinh Danh cấp số"


def test_only_the_office_and_clerks_of_the_unit_see_its_register(world: World) -> None:
    issue(world)
    url = reverse("web:document_register", args=[world.province.pk])
    # a clerk of a department: the province's register is out of scope
    assert _client(world.clerk).get(url).status_code == 404
    assert _client(world.outsider).get(url).status_code == 404
    # in scope but not a keeper of the register
    assert _client(world.council).get(url).status_code == 403
    assert _client(world.decider).get(url).status_code == 403
    xlsx = reverse("web:document_register_xlsx", args=[world.province.pk])
    assert _client(world.clerk_b).get(xlsx).status_code == 404
    # the department's clerk keeps the department's register
    own = reverse("web:document_register", args=[world.dept.pk])
    assert _client(world.clerk).get(own).status_code == 200


def test_the_office_records_and_downloads_the_scan_on_the_decision_page(world: World) -> None:
    decision = issue(world)
    office = _client(world.office)
    page = reverse("web:decision", args=[decision.pk])
    assert "Chưa có bản quét" in office.get(page).content.decode()
    content = pdf_bytes(pages=3)
    response = office.post(
        reverse("web:document_scan_upload", args=[decision.pk]),
        {"file": SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")},
    )
    assert response.status_code == 302
    assert _notes(response) == ["Đã lưu bản quét văn bản đã ký."]
    download = office.get(reverse("web:document_scan", args=[decision.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == content
    # a person the decision concerns reads it too, but may not record one
    person_page = _client(world.decider).get(page).content.decode()
    assert "3 trang" in person_page
    assert "Ghi bản quét" not in person_page


def test_a_file_that_is_not_a_pdf_is_refused_on_the_page(world: World) -> None:
    decision = issue(world)
    response = _client(world.office).post(
        reverse("web:document_scan_upload", args=[decision.pk]),
        {"file": SimpleUploadedFile("scan.pdf", b"GIF89a....", content_type="application/pdf")},
    )
    assert response.status_code == 302
    (note,) = _notes(response)
    assert note == "Đề nghị tải lên bản quét dưới dạng tệp PDF."
    assert not SignedScan.objects.exists()


def test_out_of_scope_users_get_404_for_the_scan(world: World) -> None:
    decision = issue(world)
    _scan(world, decision, pdf_bytes())
    for url in (
        reverse("web:document_scan", args=[decision.pk]),
        reverse("api:decision-scan", args=[decision.pk]),
    ):
        assert _client(world.outsider).get(url).status_code == 404
    upload = reverse("web:document_scan_upload", args=[decision.pk])
    refused = _client(world.outsider).post(
        upload, {"file": SimpleUploadedFile("s.pdf", pdf_bytes(2), "application/pdf")}
    )
    assert refused.status_code == 404
    assert SignedScan.objects.count() == 1


def test_the_api_gives_the_scan_and_says_whether_there_is_one(world: World) -> None:
    decision = issue(world)
    office = _client(world.office)
    detail = reverse("api:decision-detail", args=[decision.pk])
    assert office.get(detail).json()["signed_scan"] is None
    assert office.get(reverse("api:decision-scan", args=[decision.pk])).status_code == 404
    content = pdf_bytes(pages=2)
    scan = _scan(world, decision, content)
    body = office.get(detail).json()
    assert body["signed_scan"]["pages"] == 2
    assert body["signed_scan"]["sha256"] == scan.sha256
    assert body["number_entered"] is False
    response = office.get(reverse("api:decision-scan", args=[decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == content


def test_the_issue_form_takes_the_clerks_number_and_refuses_a_taken_one(world: World) -> None:
    issue(world, number=12)
    nomination = world.nominate(code="BK_BT")
    from tests.nominations.world import force_state
    from vinhdanh.nominations.enums import NominationState

    force_state(nomination, NominationState.PROPOSED)
    form = {
        "issuing_unit": world.province.pk,
        "issuing_body": "Ủy ban nhân dân tỉnh Hà Tĩnh",
        "symbol": "QĐ-UBND",
        "signed_on": "2025-01-15",
        "signer_name": "Trần Văn Bình",
        "signer_title": "Chủ tịch",
        "decider_role": "chu_tich_ubnd_tinh",
        "subject": "",
        "legal_bases": "",
        "nominations": [nomination.pk],
        "number": "12",
        "confirm": "on",
    }
    decider = _client(world.decider)
    url = reverse("web:councils:issue")
    refused = decider.post(url, form)
    assert refused.status_code == 200
    assert "Số 12 năm 2025 đã có trong sổ văn bản đi" in refused.content.decode()
    issued = decider.post(url, {**form, "number": "13"})
    assert issued.status_code == 302
    assert _notes(issued)[-1] == "Đã ban hành Quyết định số 13/QĐ-UBND."


def test_the_register_index_lists_issuing_units_by_level_dissolved_apart(world: World) -> None:
    import datetime as dt

    from tests.factories.orgs import UnitFactory
    from vinhdanh.orgs.enums import UnitLevel

    issue(world)  # the province issued through Vinh Danh
    ban = UnitFactory(name="Xã Bình An", parent=world.province, level=UnitLevel.COMMUNE)
    an = UnitFactory(name="Xã Ân Phú", parent=world.province, level=UnitLevel.COMMUNE)
    old = UnitFactory(
        name="Huyện Cẩm Xuyên",
        parent=world.province,
        level=UnitLevel.DISTRICT,
        valid_to=dt.date(2025, 6, 30),
    )
    UnitFactory(name="Xã Chưa Ban Hành", parent=world.province, level=UnitLevel.COMMUNE)
    for unit in (ban, an, old):
        DecisionFactory(issuing_unit=unit)
    DecisionFactory(issuing_unit=world.dept_b, imported=True)  # history only: not listed
    office = _client(world.office)
    url = reverse("web:document_register_index")
    index = office.get(url).context["index"]
    groups = {group.label: [u.name for u in group.units] for group in index.current}
    assert list(groups) == ["Tỉnh, thành phố", "Xã, phường, đặc khu"]
    assert groups["Xã, phường, đặc khu"] == ["Xã Ân Phú", "Xã Bình An"]  # Vietnamese order
    assert [u.name for u in index.dissolved] == ["Huyện Cẩm Xuyên"]
    page = office.get(url).content.decode()
    assert "Xã Chưa Ban Hành" not in page
    assert "Sở Y tế" not in page
    assert "Huyện Cẩm Xuyên" in page.split("<details")[1]
    # a search without diacritics, as a plain GET
    found = office.get(url, {"q": "an phu"}).context["index"]
    assert [u.name for g in found.current for u in g.units] == ["Xã Ân Phú"]
    assert not found.dissolved
    # a clerk sees the register of the unit they keep it for, even before it issued anything
    clerk_index = _client(world.clerk).get(url).context["index"]
    assert [u.name for g in clerk_index.current for u in g.units] == ["Sở Tư pháp"]
