"""Recording a unit's activities under a programme."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.files import UploadError, check_upload
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.errors import NotPermitted, PeriodLocked, ProgrammeError
from vinhdanh.programmes.domain.queries.programmes import implements_during
from vinhdanh.programmes.domain.reports import is_locked
from vinhdanh.programmes.models import Activity, ActivityAttachment, ActivityKind, Programme
from vinhdanh.programmes.periods import period_containing
from vinhdanh.programmes.rules import manages_programme, reports_for_unit

if TYPE_CHECKING:
    pass


def refuse_if_day_locked(programme: Programme, day: dt.date) -> None:
    """An activity counts in the period of its date: a locked period keeps its activities."""
    period = period_containing(programme.period_kind, day)
    if is_locked(programme, period.code):
        raise PeriodLocked(
            _("%(period)s is locked: its activities cannot be changed.") % {"period": period},
            field="date",
        )


def may_change_activity(actor: Any, activity: Activity) -> bool:
    """The unit's clerk or head, or the programme's office."""
    return reports_for_unit(actor, activity.unit) or manages_programme(actor, activity.programme)


def check_activity(
    *,
    actor: Any,
    programme: Programme,
    unit: Unit,
    kind: ActivityKind,
    date: dt.date,
    title: str,
    participants: int,
    today: dt.date | None = None,
) -> None:
    """Every rule an activity must meet, in the order a clerk would fix them; raises the first
    broken one (`field` says which input). Shared by the page, the API and the import."""
    if not (reports_for_unit(actor, unit) or manages_programme(actor, programme)):
        raise NotPermitted(_("You may not record activities of %(unit)s.") % {"unit": unit})
    if kind.programme_id != programme.pk:
        raise ProgrammeError(_("This kind of activity belongs to another programme."), field="kind")
    if not implements_during(programme, unit, date, date):
        raise ProgrammeError(
            _("%(unit)s does not implement this programme on %(day)s.")
            % {"unit": unit, "day": date.strftime("%d/%m/%Y")},
            field="unit",
        )
    if not programme.starts_on <= date <= programme.ends_on:
        raise ProgrammeError(_("The date is outside the programme's period."), field="date")
    if date > (today or timezone.localdate()):
        raise ProgrammeError(
            _("An activity cannot be recorded before it takes place."), field="date"
        )
    if participants < 0:
        raise ProgrammeError(
            _("The number of participants cannot be negative."), field="participants"
        )
    if not title.strip():
        raise ProgrammeError(_("Give the activity a title."), field="title")
    refuse_if_day_locked(programme, date)


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
    check_activity(
        actor=actor,
        programme=programme,
        unit=unit,
        kind=kind,
        date=date,
        title=title,
        participants=participants,
        today=today,
    )
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


@transaction.atomic
def add_attachment(
    *, actor: Any, activity: Activity, upload: UploadedFile[Any], title: str = ""
) -> ActivityAttachment:
    """Keep a file with the activity (minutes, photos, the signed sheet): type read from the
    content, size limited (common.files)."""
    if not may_change_activity(actor, activity):
        raise NotPermitted(_("You may not change this activity."))
    try:
        checked = check_upload(upload)
    except UploadError as exc:
        raise ProgrammeError(str(exc)) from exc
    attachment = ActivityAttachment(
        activity=activity,
        title=title.strip()[:255] or checked.original_name,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    attachment.file.save(checked.original_name, upload, save=False)
    with acting_as(actor):
        attachment.save()
        record_action(activity, "attachment added", file=checked.original_name)
    return attachment
