"""The decision paper (its .docx, the issued copy, the signed scan) lists every recipient: it is
offered only to those who see every award of the decision or who work for the issuing unit;
to anyone else it does not exist. Printing on the pre-printed blanks is the office's and the
issuing unit's clerks' job."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.documents.issuing import pdf_bytes
from tests.documents.test_certificates import make_decision
from tests.nominations.world import World, user_with
from vinhdanh.awards.models import Award
from vinhdanh.documents.domain.scans import record_signed_scan
from vinhdanh.documents.interfaces.files import DOCX


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_clerk_who_sees_part_of_the_decision_gets_no_paper(world: World) -> None:
    decision, people = make_decision(world)  # four people of Sở Tư pháp, one award to Sở Y tế
    record_signed_scan(
        decision=decision,
        upload=SimpleUploadedFile("ban-ky.pdf", pdf_bytes(), content_type="application/pdf"),
        actor=world.office,
    )
    paper = reverse("web:document_decision", args=[decision.pk])
    scan = reverse("web:document_scan", args=[decision.pk])
    api_scan = reverse("api:decision-scan", args=[decision.pk])
    clerk = _client(world.clerk)
    page = clerk.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert people[0].full_name in page  # their own people are listed on the page
    assert "ngoài phạm vi đơn vị của đồng chí" in page
    assert paper not in page
    assert scan not in page
    for url in (paper, scan, api_scan):
        assert clerk.get(url).status_code == 404
    # the issuing unit's office and decider have the whole paper
    for user in (world.office, world.decider):
        client = _client(user)
        page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
        assert paper in page
        assert scan in page
        response = client.get(paper)
        assert response.status_code == 200
        assert response["Content-Type"] == DOCX
        served = client.get(api_scan)
        assert served.status_code == 200
        assert b"".join(served.streaming_content).startswith(b"%PDF-")


def test_who_sees_every_award_has_the_paper(world: World) -> None:
    decision, _people = make_decision(world)
    Award.objects.filter(decision=decision, person=None).delete()  # all of Sở Tư pháp's now
    clerk = _client(world.clerk)
    paper = reverse("web:document_decision", args=[decision.pk])
    assert paper in clerk.get(reverse("web:decision", args=[decision.pk])).content.decode()
    assert clerk.get(paper).status_code == 200


def test_only_the_office_and_clerks_of_the_issuing_unit_print_on_blanks(world: World) -> None:
    decision, people = make_decision(world)
    Award.objects.filter(decision=decision, person=None).delete()
    on_blanks = reverse("web:certificates_decision", args=[decision.pk]) + "?blank=1"
    award = Award.objects.get(decision=decision, person=people[0])
    one_on_blank = reverse("web:certificate", args=[award.pk]) + "?blank=1"
    page_url = reverse("web:decision", args=[decision.pk])
    for user in (world.clerk, world.decider):
        client = _client(user)
        page = client.get(page_url).content.decode()
        assert "Giấy chứng nhận, bằng khen, giấy khen (PDF)" in page
        assert on_blanks not in page
        assert client.get(on_blanks).status_code == 403
        assert client.get(one_on_blank).status_code == 403
    printer = user_with(world.province, is_clerk=True)
    for user in (world.office, printer):
        client = _client(user)
        assert on_blanks in client.get(page_url).content.decode()
        response = client.get(on_blanks)
        assert response.status_code == 200
        assert (
            'filename="giay-chung-nhan-125-qd-ubnd-2025-tren-phoi.pdf"'
            in response["Content-Disposition"]
        )
    plain = _client(world.office).get(reverse("web:certificates_decision", args=[decision.pk]))
    assert 'filename="giay-chung-nhan-125-qd-ubnd-2025.pdf"' in plain["Content-Disposition"]
