"""A form whose save was refused as stale comes back with the editor's values and the new version.

The editor sees what differs (`web/_stale_edit.html`); saving again then means "keep mine".
"""

from __future__ import annotations

from typing import Any, TypeVar

from django import forms
from django.http import QueryDict

from vinhdanh.common.versioning import StaleEdit

F = TypeVar("F", bound=forms.Form)


def refused_form(form_class: type[F], data: QueryDict, exc: StaleEdit, **kwargs: Any) -> F:
    """The same values, carrying the version now saved, with the refusal on top."""
    fresh = data.copy()
    fresh["version"] = str(exc.current_version)
    form = form_class(fresh, **kwargs)
    form.is_valid()
    form.add_error(None, exc.summary)
    return form
