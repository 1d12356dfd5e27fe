"""Each document is offered where the work happens, with a reason when it cannot be made."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.documents.reading import read, table_cells
from tests.documents.test_papers import _decision, _nominated
from tests.nominations.world import World
from tests.web.conftest import login
from vinhdanh.common.models import AuditEvent
from vinhdanh.documents.interfaces import issued
from vinhdanh.documents.interfaces.files import DOCX
from vinhdanh.documents.models import OfficeSettings


def test_nomination_page_offers_the_prefilled_report(client: Client, world: World) -> None:
    nomination = _nominated(world)[0]
    login(client, world.clerk)
    page = client.get(reverse("web:workflow_nomination", args=[nomination.pk]))
    url = reverse("web:document_report", args=[nomination.pk])
    assert url in page.content.decode()
    assert "Báo cáo thành tích, đã điền sẵn (.docx)" in page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert "bao-cao-thanh-tich-" in response["Content-Disposition"]
    assert read(response.content).paragraphs


def test_another_units_clerk_cannot_download_the_report(client: Client, world: World) -> None:
    nomination = _nominated(world)[0]
    login(client, world.clerk_b)
    assert client.get(reverse("web:document_report", args=[nomination.pk])).status_code == 404


def test_round_page_offers_submission_and_notice(client: Client, world: World) -> None:
    nominations = _nominated(world)
    login(client, world.clerk)
    page = client.get(reverse("web:workflow_round", args=[world.round.pk])).content.decode()
    assert "Văn bản cần lập" in page
    # Nothing is proposed to the decider yet: no draft decision is offered.
    assert reverse("web:document_draft_decision", args=[world.round.pk]) not in page
    for name in ("web:document_submission", "web:document_notice"):
        url = reverse(name, args=[world.round.pk])
        assert url in page
        response = client.get(url)
        assert response.status_code == 200
        cells = table_cells(read(response.content))
        for n in nominations:
            assert n.subject_name in cells


def test_a_document_that_cannot_be_made_says_why(client: Client, world: World) -> None:
    _nominated(world)  # none proposed yet
    login(client, world.office)
    url = reverse("web:document_draft_decision", args=[world.round.pk])
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:workflow_round", args=[world.round.pk])
    assert "chưa có hồ sơ nào được trình người có thẩm quyền" in response.content.decode()


def test_decision_page_offers_the_decision(client: Client, world: World) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    login(client, world.decider)
    page = client.get(reverse("web:decision", args=[decision.pk])).content.decode()
    url = reverse("web:document_decision", args=[decision.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="quyet-dinh-125-qd-ubnd-2025.docx"'
    )
    cells = table_cells(read(response.content))
    for person in people:
        assert person.full_name in cells


def test_the_office_adjusts_the_templates(client: Client, world: World) -> None:
    login(client, world.office)
    url = reverse("web:document_settings", args=[world.province.pk])
    assert url in client.get(reverse("web:unit", args=[world.province.pk])).content.decode()
    page = client.get(url).content.decode()
    assert 'placeholder="Ủy ban nhân dân tỉnh Hà Tĩnh"' in page
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022" in page
    response = client.post(
        url,
        {
            "place": "Thành phố Hà Tĩnh",
            "signer_title": "Chủ tịch",
            "signer_name": "Võ Trọng Hải",
            "legal_bases": "Căn cứ Quy chế thi đua, khen thưởng của tỉnh",
            "base_salary": "2340000",
        },
        follow=True,
    )
    assert "Đã lưu thiết lập văn bản." in response.content.decode()
    settings = OfficeSettings.objects.get(unit=world.province)
    assert settings.signer_name == "Võ Trọng Hải"
    assert AuditEvent.objects.filter(object_type="documents.officesettings").exists()
    decision, _people = _decision(world, dt.date(2025, 7, 17), signer_name="", signer_title="")
    body = "\n".join(p.text for p in read(issued.decision_file(decision)[1]).paragraphs)
    assert "Thành phố Hà Tĩnh, ngày 17 tháng 7 năm 2025" in "\n".join(
        p.text
        for t in read(issued.decision_file(decision)[1]).tables
        for c in t._cells
        for p in c.paragraphs
    )
    assert "Căn cứ Quy chế thi đua, khen thưởng của tỉnh;" in body


def test_a_clerk_does_not_see_the_template_settings(client: Client, world: World) -> None:
    login(client, world.clerk)
    url = reverse("web:document_settings", args=[world.dept.pk])
    assert url not in client.get(reverse("web:unit", args=[world.dept.pk])).content.decode()
    assert client.get(url).status_code == 403
    assert not OfficeSettings.objects.exists()
