from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

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


def _schema() -> dict[str, Any]:
    from drf_spectacular.generators import SchemaGenerator

    return dict(SchemaGenerator().get_schema(request=None, public=True))


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


@pytest.mark.django_db
def test_schema_documents_the_errors_each_operation_can_answer() -> None:
    for path, method, operation in _operations(_schema()):
        codes = set(operation["responses"])
        places = {p["in"] for p in operation.get("parameters", [])}
        label = f"{method.upper()} {path}"
        assert "403" in codes, label  # every operation needs a signed-in user
        if "path" in places:
            assert "404" in codes, label
        if "requestBody" in operation or "query" in places:
            assert "400" in codes, label
        if "requestBody" in operation:
            assert "415" in codes, label


@pytest.mark.django_db
def test_schema_allows_blank_for_choice_columns_that_may_be_blank() -> None:
    schema = _schema()["components"]["schemas"]

    for component, field in [
        ("Award", "revocation_ground"),
        ("Decision", "decider_role"),
        ("Person", "gender"),
        ("Threshold", "method"),
        ("Round", "decider_role"),
        ("Nomination", "eligibility_outcome"),
    ]:
        refs = [s["$ref"] for s in schema[component]["properties"][field]["oneOf"]]
        assert "#/components/schemas/BlankEnum" in refs, (component, field)


@pytest.mark.django_db
def test_schema_tally_is_one_whole_list() -> None:
    operation = _schema()["paths"]["/api/v1/councils/sessions/{id}/tally/"]["get"]

    assert {p["in"] for p in operation["parameters"]} == {"path"}
    assert operation["responses"]["200"]["content"]["application/json"]["schema"]["type"] == (
        "array"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/nothing-here/"),
        ("post", "/api/v1/units/abc/"),
        ("get", "/api/v1/units/-1/"),
        ("get", "/api/v1/units/1\n2/"),
    ],
)
def test_unknown_api_address_answers_json_404(method: str, path: str) -> None:
    from tests.factories.orgs import UserFactory

    client = APIClient()
    client.force_authenticate(UserFactory())

    response = getattr(client, method)(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


@pytest.mark.django_db
def test_unknown_site_address_still_answers_the_html_page() -> None:
    response = APIClient().get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_api_address_without_slash_still_redirects() -> None:
    response = APIClient().get("/api/v1/units")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/units/"


@pytest.mark.django_db
def test_schema_has_one_list_of_outcomes_and_one_of_decider_roles() -> None:
    from vinhdanh.eligibility.core import vocab

    schema = _schema()["components"]["schemas"]

    assert schema["OutcomeEnum"]["enum"] == [o.value for o in vocab.Outcome]
    assert schema["DeciderRoleEnum"]["enum"] == list(vocab.ROLES)
    assert schema["Result"]["properties"]["outcome"] == {"$ref": "#/components/schemas/OutcomeEnum"}
    others = [
        name
        for name, component in schema.items()
        if name not in {"OutcomeEnum", "DeciderRoleEnum"}
        and set(component.get("enum") or ()) & {"ELIGIBLE", "chu_tich_nuoc"}
    ]
    assert others == []
