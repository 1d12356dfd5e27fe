"""The pages' date and file fields: a date typed dd/mm/yyyy is saved, a bad one is refused in
Vietnamese, and the upload shows the Vietnamese button instead of the browser's own."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.nominations.world import World
from vinhdanh.movements.domain.movements import launch_movement
from vinhdanh.movements.models import Movement


def _launch_form(world: World, starts_on: str) -> dict[str, str]:
    return {
        "name": "Phong trào thi đua Dân vận khéo",
        "kind": Movement._meta.get_field("kind").choices[0][0],  # type: ignore[index]
        "launched_by": str(world.dept.pk),
        "starts_on": starts_on,
    }


def test_a_movement_launched_from_17_07_2025_starts_on_that_day(
    client: Client, world: World
) -> None:
    client.force_login(world.clerk)
    page = client.get(reverse("web:workflow_movement_new")).content.decode()
    assert 'placeholder="dd/mm/yyyy"' in page
    assert 'type="date"' not in page

    response = client.post(reverse("web:workflow_movement_new"), _launch_form(world, "17/07/2025"))

    assert response.status_code == 302
    assert Movement.objects.get().starts_on == dt.date(2025, 7, 17)


def test_a_bad_date_is_refused_in_vietnamese(client: Client, world: World) -> None:
    client.force_login(world.clerk)
    response = client.post(reverse("web:workflow_movement_new"), _launch_form(world, "07/17/2025"))

    assert response.status_code == 200
    assert "Nhập ngày theo dạng dd/mm/yyyy, ví dụ 17/07/2025." in response.content.decode()
    assert not Movement.objects.exists()


def test_the_document_upload_shows_the_vietnamese_button_and_saves(
    client: Client, world: World, settings, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    movement = launch_movement(
        actor=world.clerk,
        launched_by=world.dept,
        name="Phong trào thi đua",
        kind=Movement._meta.get_field("kind").choices[0][0],  # type: ignore[index]
        starts_on=dt.date(2025, 1, 1),
    )
    client.force_login(world.clerk)
    page = client.get(reverse("web:workflow_movement", args=[movement.pk])).content.decode()
    assert "Chọn tệp…" in page
    assert "Chưa chọn tệp" in page
    assert 'class="file-pick-input visually-hidden"' in page

    client.post(
        reverse("web:workflow_movement_document_add", args=[movement.pk]),
        {"title": "Kế hoạch", "file": SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4\n%%EOF\n")},
    )
    assert movement.documents.count() == 1


def test_the_candidate_list_reads_a_decision_date_typed_day_first(
    client: Client, world: World
) -> None:
    client.force_login(world.clerk)
    url = reverse("web:unit_candidates", args=[world.dept.pk])
    page = client.get(url + "?year=2024&decision_date=15/01/2025").content.decode()
    assert 'value="15/01/2025"' in page
    assert "không phải là ngày" not in page
