"""The API's pagers: limit/offset for most lists, a keyset cursor for very long ones.

PagePagination (the default) is DRF's limit/offset with strict parameters: a `limit` or
`offset` that is not a whole number in range answers 400 instead of being ignored.

KeysetPagination serves people (a million rows). LimitOffsetPagination counts the whole list
and skips `offset` rows on every page; both grow with the table. A keyset cursor remembers the
last (sort_key, id) seen and asks for the rows after it, which is one index range scan
whatever the page. The cursor is opaque to clients; one that does not decode to values the
columns can hold answers 404, like any other cursor that is not ours.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Field, Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.fields import IntegerField
from rest_framework.pagination import BasePagination, LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

MAX_PAGE_SIZE = 500


def whole_number(request: Request, name: str, *, minimum: int) -> int | None:
    """The query parameter `name` as a whole number (None when absent); anything else is a 400.

    DRF's paginators quietly fall back to their defaults on `?limit=abc` or `?offset=-3`; a
    client with such a bug would read a different page than it asked for, without knowing.
    """
    raw = request.query_params.get(name)
    if raw is None:
        return None
    messages = IntegerField.default_error_messages
    if not re.fullmatch(r"[0-9]+", raw):
        raise ValidationError({name: [messages["invalid"]]})
    value = int(raw)
    if value < minimum:
        raise ValidationError({name: [str(messages["min_value"]).format(min_value=minimum)]})
    return value


def _whole_number_parameter(name: str, description: str, minimum: int) -> dict[str, Any]:
    return {
        "name": name,
        "required": False,
        "in": "query",
        "description": description,
        "schema": {"type": "integer", "minimum": minimum},
    }


class PagePagination(LimitOffsetPagination):
    """Limit/offset pages (the project default): `limit` 1–500 (larger is capped), `offset` ≥ 0."""

    max_limit = MAX_PAGE_SIZE

    def get_limit(self, request: Request) -> int:
        limit = whole_number(request, self.limit_query_param, minimum=1)
        if limit is None:
            return int(self.default_limit or MAX_PAGE_SIZE)
        return min(limit, MAX_PAGE_SIZE)

    def get_offset(self, request: Request) -> int:
        return whole_number(request, self.offset_query_param, minimum=0) or 0

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            _whole_number_parameter(
                self.limit_query_param,
                str(_("Number of results to return per page.")),
                minimum=1,
            ),
            _whole_number_parameter(
                self.offset_query_param,
                str(_("The initial index from which to return the results.")),
                minimum=0,
            ),
        ]


class KeysetPagination(BasePagination):
    """Pages ordered by `ordering` (ascending, non-null fields, the last one unique)."""

    ordering: Sequence[str] = ("sort_key", "id")
    cursor_query_param = "cursor"
    page_size_query_param = "limit"
    max_page_size = MAX_PAGE_SIZE
    invalid_cursor_message = _("Invalid cursor.")

    def get_page_size(self, request: Request) -> int:
        size = whole_number(request, self.page_size_query_param, minimum=1)
        if size is None:
            return int(api_settings.PAGE_SIZE or 50)
        return min(size, self.max_page_size)

    def _decode(self, request: Request, model: type[Model]) -> tuple[list[Any], bool] | None:
        raw = request.query_params.get(self.cursor_query_param)
        if not raw:
            return None
        try:
            data = json.loads(base64.urlsafe_b64decode(raw.encode("ascii")).decode("utf-8"))
            values, reverse = list(data["v"]), bool(data["r"])
        except (ValueError, KeyError, TypeError, UnicodeError, binascii.Error) as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        if len(values) != len(self.ordering):
            raise NotFound(self.invalid_cursor_message)
        values = [self._value(model, f, v) for f, v in zip(self.ordering, values, strict=True)]
        return values, reverse

    def _value(self, model: type[Model], name: str, value: Any) -> Any:
        """A cursor value as its field reads it; a value the field cannot hold is not our cursor."""
        field = model._meta.get_field(name)
        assert isinstance(field, Field)  # `ordering` names columns
        if isinstance(value, dict | list) or value is None:
            raise NotFound(self.invalid_cursor_message)
        try:
            value = field.to_python(value)
            field.run_validators(value)
        except DjangoValidationError as exc:
            raise NotFound(self.invalid_cursor_message) from exc
        return value

    def _encode(self, values: list[Any], *, reverse: bool) -> str:
        raw = json.dumps({"v": values, "r": int(reverse)}, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii")

    def _after(self, values: list[Any], *, reverse: bool) -> Q:
        """Rows strictly after (or, reversed, before) the position `values`."""
        op = "lt" if reverse else "gt"
        query = Q(pk__in=[])
        for i, field in enumerate(self.ordering):
            step = Q(**{f"{field}__{op}": values[i]})
            for prev_field, prev_value in zip(self.ordering[:i], values[:i], strict=True):
                step &= Q(**{prev_field: prev_value})
            query |= step
        return query

    def _position(self, item: Model) -> list[Any]:
        return [getattr(item, field) for field in self.ordering]

    def paginate_queryset(
        self,
        queryset: QuerySet[Any, Any] | Sequence[Any],
        request: Request,
        view: APIView | None = None,
    ) -> list[Any]:
        if not isinstance(queryset, QuerySet):
            raise TypeError("KeysetPagination pages querysets only.")
        self.request = request
        size = self.get_page_size(request)
        cursor = self._decode(request, queryset.model)
        reverse = bool(cursor and cursor[1])
        order = [f"-{f}" for f in self.ordering] if reverse else list(self.ordering)
        queryset = queryset.order_by(*order)
        if cursor is not None:
            queryset = queryset.filter(self._after(cursor[0], reverse=reverse))
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        page = rows[:size]
        if reverse:
            page.reverse()
        self.next_cursor: str | None = None
        self.previous_cursor: str | None = None
        if page:
            # Going forward there is a previous page whenever we started from a cursor; going
            # back there is a next page by construction. `more` tells the other direction.
            has_next = more if not reverse else True
            has_previous = (cursor is not None) if not reverse else more
            if has_next:
                self.next_cursor = self._encode(self._position(page[-1]), reverse=False)
            if has_previous:
                self.previous_cursor = self._encode(self._position(page[0]), reverse=True)
        return page

    def _link(self, cursor: str | None) -> str | None:
        if cursor is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "next": self._link(self.next_cursor),
                "previous": self._link(self.previous_cursor),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(_("The pagination cursor value.")),
                "schema": {"type": "string"},
            },
            _whole_number_parameter(
                self.page_size_query_param,
                str(_("Number of results to return per page.")),
                minimum=1,
            ),
        ]
