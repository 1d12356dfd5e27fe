"""Template filters of the programme pages: which actions a user's roles offer."""

from __future__ import annotations

from typing import Any

from django import template

from vinhdanh.programmes.domain.imports import may_import

register = template.Library()


@register.filter
def may_import_into(user: Any, programme: Any) -> bool:
    """Show the imports link only to who may import (the office, a unit's clerk or head)."""
    return programme is not None and may_import(user, programme)
