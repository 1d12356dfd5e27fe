"""Web import: templates, upload → preview (dry run) → confirm; scope and file checks."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.common.importing.files import counts, csv_bytes, xlsx_bytes
from tests.factories.orgs import RoleFactory
from tests.web.conftest import World, login
from vinhdanh.common.models import AuditEvent
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = ["Mã cán bộ", "Họ và tên", "Giới tính", "Ngày sinh", "Mã đơn vị", "Chức vụ", "Từ ngày"]


def english(client: Client) -> Client:
    """The language switch stores the choice in a cookie; these tests read English messages."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def uploads(media: Path) -> list[Path]:
    folder = media / "imports"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def people_file(*rows: list[object], name: str = "people.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, xlsx_bytes(HEADER, rows))


def upload(client: Client, kind: str, file: SimpleUploadedFile) -> HttpResponse:
    return english(client).post(reverse("web:import_upload", args=[kind]), {"file": file})


def test_imports_page_requires_login(client: Client, world: World) -> None:
    response = client.get(reverse("web:imports"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_imports_forbidden_without_clerk_office_or_admin_role(client: Client, world: World) -> None:
    council = RoleFactory(unit=world.unit_a, is_clerk=False, is_council_member=True).user
    login(client, council)
    assert client.get(reverse("web:imports")).status_code == 403
    assert client.get(reverse("web:import_template", args=["people"])).status_code == 403
    assert upload(client, "people", people_file()).status_code == 403


def test_imports_page_lists_every_kind_with_its_template(
    clerk_client: Client, world: World
) -> None:
    response = english(clerk_client).get(reverse("web:imports"))
    assert response.status_code == 200
    for kind in ("units", "people", "ratings", "initiatives", "awards"):
        assert reverse("web:import_template", args=[kind]) in response.content.decode()
        assert reverse("web:import_upload", args=[kind]) in response.content.decode()


def test_import_template_download_is_an_xlsx_built_from_the_specs(
    clerk_client: Client, world: World
) -> None:
    response = clerk_client.get(reverse("web:import_template", args=["units"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mau-nhap-units.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Đơn vị", "Hướng dẫn"]
    assert workbook.worksheets[0]["A1"].value == "Mã đơn vị"


def test_import_unknown_kind_is_not_found(clerk_client: Client, world: World) -> None:
    assert clerk_client.get(reverse("web:import_template", args=["medals"])).status_code == 404
    assert clerk_client.get(reverse("web:import_upload", args=["medals"])).status_code == 404


def test_import_upload_preview_then_confirm(
    clerk_client: Client, world: World, media: Path
) -> None:
    file = people_file(
        ["SNV-002", "Phạm Văn Đức", "Nam", "01/02/1990", "SNV-CC", "Chuyên viên", "01/03/2020"]
    )
    before = counts()
    response = upload(clerk_client, "people", file)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 row checked, no problem found." in page
    assert "Phạm Văn Đức" in page  # the first rows are shown
    assert counts() == before  # a preview writes nothing
    [stored] = uploads(media)
    token = stored.stem
    assert reverse("web:import_confirm", args=[token]) in page
    assert clerk_client.get(reverse("web:import_confirm", args=[token])).status_code == 200

    response = english(clerk_client).post(reverse("web:import_confirm", args=[token]))
    assert response.status_code == 302
    assert response["Location"] == reverse("web:imports")
    person = Person.objects.get(code="SNV-002")
    assert person.current_unit == world.division_a
    assert uploads(media) == []
    events = AuditEvent.objects.filter(source="web:import")
    assert events.filter(action="create").count() == 2
    assert {e.user_id for e in events} == {world.clerk_a.pk}
    # the token is spent
    assert clerk_client.post(reverse("web:import_confirm", args=[token])).status_code == 404


def test_import_upload_problems_are_listed_and_nothing_is_kept(
    clerk_client: Client, world: World, media: Path
) -> None:
    file = people_file(
        ["SNV-002", "Phạm Văn Đức", "Nam", "31/02/1990", "SNV-CC", "Chuyên viên", "01/03/2020"],
        ["SNV-003", "Vũ Thị Mai", "Nữ", "", "SNV-XX", "Chuyên viên", "01/03/2020"],
    )
    before = counts()
    response = upload(clerk_client, "people", file)
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 problems found: nothing was imported." in page
    assert "the date 31/02/1990 does not exist" in page
    assert "no unit has the code SNV-XX" in page
    assert "Ngày sinh" in page
    assert "Confirm the import" not in page
    assert uploads(media) == []
    assert counts() == before


def test_import_clerk_of_unit_a_cannot_import_into_unit_b(
    clerk_client: Client, world: World
) -> None:
    file = people_file(["STC-002", "Đỗ Văn Hải", "Nam", "", "STC", "Chuyên viên", "01/03/2020"])
    before = counts()
    response = upload(clerk_client, "people", file)
    page = response.content.decode()
    assert "the unit STC is outside the scope of your units" in page
    assert counts() == before
    ratings = SimpleUploadedFile(
        "r.csv", csv_bytes(["Mã cán bộ", "Năm", "Xếp loại"], [["STC-001", 2024, "HTTNV"]])
    )
    page = upload(clerk_client, "ratings", ratings).content.decode()
    assert "no person has the staff code STC-001" in page
    assert "Trần Thị Lan" not in page
    assert counts() == before


def test_import_admin_may_import_anywhere(client: Client, world: World) -> None:
    login(client, world.admin)
    file = people_file(["STC-002", "Đỗ Văn Hải", "Nam", "", "STC", "Chuyên viên", "01/03/2020"])
    page = upload(client, "people", file).content.decode()
    assert "1 row checked, no problem found." in page


def test_import_upload_rejects_content_that_is_not_a_spreadsheet(
    clerk_client: Client, world: World, media: Path
) -> None:
    fake = SimpleUploadedFile("people.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    response = upload(clerk_client, "people", fake)
    assert response.status_code == 400
    assert "neither an Excel workbook (.xlsx) nor a CSV text" in response.content.decode()
    assert uploads(media) == []


def test_import_upload_size_limit(clerk_client: Client, world: World, settings: Any) -> None:
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    response = upload(clerk_client, "people", people_file(["SNV-002"] * 7))
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()


def test_import_csv_upload_with_semicolons(clerk_client: Client, world: World) -> None:
    data = csv_bytes(
        HEADER,
        [["SNV-002", "Phạm Văn Đức", "Nam", "1990-02-01", "SNV", "Chuyên viên", "2020-03-01"]],
        sep=";",
        bom=True,
    )
    page = upload(clerk_client, "people", SimpleUploadedFile("p.csv", data)).content.decode()
    assert "1 row checked, no problem found." in page


def test_import_token_of_another_user_is_not_found(
    client: Client, world: World, media: Path
) -> None:
    login(client, world.clerk_a)
    upload(
        client,
        "people",
        people_file(["SNV-002", "Phạm Văn Đức", "Nam", "", "SNV", "Chuyên viên", "01/03/2020"]),
    )
    [stored] = uploads(media)
    other = RoleFactory(unit=world.unit_a).user
    client.logout()
    login(client, other)
    assert client.post(reverse("web:import_confirm", args=[stored.stem])).status_code == 404
    assert not Person.objects.filter(code="SNV-002").exists()


def test_import_cancel_deletes_the_upload(clerk_client: Client, world: World, media: Path) -> None:
    upload(
        clerk_client,
        "people",
        people_file(["SNV-002", "Phạm Văn Đức", "Nam", "", "SNV", "Chuyên viên", "01/03/2020"]),
    )
    [stored] = uploads(media)
    response = clerk_client.post(reverse("web:import_confirm", args=[stored.stem]), {"cancel": "1"})
    assert response.status_code == 302
    assert uploads(media) == []
    assert not Person.objects.filter(code="SNV-002").exists()
