"""Vote thresholds are data the emulation office edits (rules.md §5.4, R-VOTE-2)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.common.context import acting_as
from vinhdanh.councils.domain.common import require
from vinhdanh.councils.models import VoteThreshold


@transaction.atomic
def save_threshold(*, row: VoteThreshold, actor: Any) -> VoteThreshold:
    """Create or change a threshold row after validating it (audited by the change log)."""
    require(actor, "councils.change_threshold", row, _("You may not change this threshold."))
    if row.pk is not None:
        stored = VoteThreshold.objects.select_related("council__unit").get(pk=row.pk)
        require(actor, "councils.change_threshold", stored, _("You may not change this threshold."))
    row.full_clean()
    with acting_as(actor):
        row.save()
    return row
