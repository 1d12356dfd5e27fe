"""Each document is offered where the work happens, with a reason when it cannot be made."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse

from tests.documents.reading import read, table_cells
from tests.documents.test_papers import _decision, _nominated
from tests.nominations.world import World
from tests.web.conftest import login
from vinhdanh.documents.interfaces.files import DOCX


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
