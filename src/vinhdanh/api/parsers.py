"""Request parsers: JSON that cannot be read, or nests absurdly deep, answers 400."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# The deepest legitimate body (an eligibility case) nests about six levels.
MAX_DEPTH = 32


class JSONBodyParser(JSONParser):
    """DRF's JSON parser, refusing nesting deeper than MAX_DEPTH.

    `json.loads` raises RecursionError (not ValueError) past about a thousand levels, which DRF
    does not catch; below that, validators walking the data recursively would hit the limit.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            data = None
            too_deep = True
        else:
            too_deep = _depth_exceeds(data, MAX_DEPTH)
        if too_deep:
            raise ParseError(
                _("The JSON is nested too deeply (at most %(depth)d levels).")
                % {"depth": MAX_DEPTH}
            )
        return data


def _depth_exceeds(data: Any, limit: int) -> bool:
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            stack.extend((child, depth + 1) for child in children)
    return False
