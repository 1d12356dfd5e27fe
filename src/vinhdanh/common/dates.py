"""The range of dates a record may carry, one rule for forms, imports and the API.

A year typed as 9999 or 0202 is a slip, not a record: refuse it with a message instead of
storing it (or failing later in a calculation on it).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

# No record this system keeps predates the founding of the state.
EARLIEST = dt.date(1945, 9, 2)


def validate_past_date(value: dt.date) -> None:
    """A date that has already happened: signing, birth, a decision taking effect."""
    today = timezone.localdate()
    if not EARLIEST <= value <= today:
        raise ValidationError(
            _("The date %(date)s is outside the valid range (%(earliest)s to %(latest)s).")
            % {
                "date": formats.date_format(value, "d/m/Y"),
                "earliest": formats.date_format(EARLIEST, "d/m/Y"),
                "latest": formats.date_format(today, "d/m/Y"),
            },
            code="date_out_of_range",
        )
