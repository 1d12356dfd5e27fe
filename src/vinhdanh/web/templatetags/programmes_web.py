"""Template filters of the programme pages: which actions a user's roles offer."""

from __future__ import annotations

from typing import Any

from django import template

from vinhdanh.programmes.interfaces.importing import may_import
from vinhdanh.programmes.rules import manages_programme

register = template.Library()


@register.filter
def may_import_into(user: Any, programme: Any) -> bool:
    """Show the imports link only to who may import (the office, a unit's clerk or head)."""
    return programme is not None and may_import(user, programme)


@register.filter
def manages(user: Any, programme: Any) -> bool:
    """Show the review link only to the programme's office, on every programme page."""
    return programme is not None and manages_programme(user, programme)
