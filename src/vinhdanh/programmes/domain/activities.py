"""Recording a unit's activities under a programme."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.common.context import acting_as
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.domain.queries.programmes import implements_during
from vinhdanh.programmes.models import Activity, ActivityKind, Programme
from vinhdanh.programmes.rules import manages_programme, reports_for_unit


@transaction.atomic
def record_activity(
    *,
    actor: Any,
    programme: Programme,
    unit: Unit,
    kind: ActivityKind,
    date: dt.date,
    title: str,
    participants: int = 0,
    note: str = "",
    today: dt.date | None = None,
) -> Activity:
    """A unit records an activity (a dissemination session, a training …) it held."""
    if not (reports_for_unit(actor, unit) or manages_programme(actor, programme)):
        raise NotPermitted(_("You may not record activities of %(unit)s.") % {"unit": unit})
    if kind.programme_id != programme.pk:
        raise ProgrammeError(_("This kind of activity belongs to another programme."))
    if not implements_during(programme, unit, date, date):
        raise ProgrammeError(
            _("%(unit)s does not implement this programme on %(day)s.")
            % {"unit": unit, "day": date.strftime("%d/%m/%Y")}
        )
    if not programme.starts_on <= date <= programme.ends_on:
        raise ProgrammeError(_("The date is outside the programme's period."))
    if date > (today or timezone.localdate()):
        raise ProgrammeError(_("An activity cannot be recorded before it takes place."))
    if participants < 0:
        raise ProgrammeError(_("The number of participants cannot be negative."))
    if not title.strip():
        raise ProgrammeError(_("Give the activity a title."))
    with acting_as(actor):
        return Activity.objects.create(
            programme=programme,
            unit=unit,
            kind=kind,
            date=date,
            title=title.strip(),
            participants=participants,
            note=note.strip(),
            created_by=actor if getattr(actor, "pk", None) else None,
        )
