from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient


@pytest.mark.django_db
def test_schema_generates_without_warnings() -> None:
    out = StringIO()

    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)

    schema = out.getvalue()
    for path in ["/api/v1/units/", "/api/v1/people/{id}/awards/", "/api/v1/award-kinds/{code}/"]:
        assert path in schema


@pytest.mark.django_db
def test_schema_served_at_documented_address() -> None:
    response = APIClient().get("/api/v1/schema/")

    assert response.status_code == 200
    assert b"openapi" in response.content
