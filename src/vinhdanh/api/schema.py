"""The OpenAPI schema of the API: the error answers every operation can give, documented once.

drf-spectacular documents the success answer of each operation and whatever `extend_schema`
adds. The errors that DRF itself produces are the same everywhere, so they are added here:

- 400 when the operation reads a body or query parameters (a field is invalid: each field
  maps to its messages; or a rule refuses: `detail` and `code`);
- 403 when the operation needs a signed-in user (no credentials, or a role that may not);
- 404 when the URL names an object (not found in the caller's scope), and on cursor-paged
  lists (a cursor that is not one of ours);
- 415 when the operation reads a body (sent without a content type, or one it cannot parse).
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.plumbing import ComponentRegistry
from rest_framework import serializers

from vinhdanh.api.pagination import KeysetPagination


class ErrorSerializer(serializers.Serializer[dict[str, Any]]):
    """What every refusal carries: the message in the caller's language."""

    detail = serializers.CharField()
    code = serializers.CharField(required=False, help_text="A stable machine-readable reason.")


BAD_REQUEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": (
        "Either each invalid field (or `non_field_errors`) with its messages, or `detail` "
        "(and `code`) when a rule refuses the request."
    ),
    "properties": {
        "detail": {"type": "string"},
        "code": {"type": "string"},
    },
    "additionalProperties": {},
}

DESCRIPTIONS = {
    "400": "The request is invalid.",
    "403": "Not signed in, or the caller's roles do not allow it.",
    "404": "Not found in the caller's scope.",
    "415": "The body's content type is missing or not one the operation reads.",
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, plus the error answers (the project's DEFAULT_SCHEMA_CLASS).

    What an operation declares itself (`extend_schema(responses=...)`) is kept as it is.
    """

    def get_operation(
        self,
        path: str,
        path_regex: str,
        path_prefix: str,
        method: str,
        registry: ComponentRegistry,
    ) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(
            path, path_regex, path_prefix, method, registry
        )
        if operation is None:
            return None
        responses: dict[str, Any] = operation["responses"]
        for code in self._error_codes(operation):
            if code in responses:
                continue
            body = BAD_REQUEST_SCHEMA if code == "400" else ErrorSerializer
            response = self._get_response_for_code(body, code)  # type: ignore[no-untyped-call]
            responses[code] = {**response, "description": DESCRIPTIONS[code]}
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_codes(self, operation: dict[str, Any]) -> list[str]:
        places = {parameter["in"] for parameter in operation.get("parameters", [])}
        codes = []
        if "requestBody" in operation or "query" in places:
            codes.append("400")
        if {} not in operation.get("security", [{}]):
            codes.append("403")
        paginator = self._get_paginator()  # type: ignore[no-untyped-call]
        if "path" in places or isinstance(paginator, KeysetPagination):
            codes.append("404")
        if "requestBody" in operation:
            codes.append("415")
        return codes
