"""Launching emulation movements and registering for them (đăng ký thi đua).

One function per change; each checks who acts, runs in one transaction and leaves an audit
trail (the models are @audited; the named actions add a line of their own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from vinhdanh.awards.models import AwardKind
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.common.files import UploadError, check_upload
from vinhdanh.movements.domain.errors import MovementError, NotPermitted
from vinhdanh.movements.enums import MovementKind
from vinhdanh.movements.models import Movement, MovementDocument, Registration
from vinhdanh.movements.rules import manages_unit, registers_for_unit
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person


def _is_under(unit: Unit | None, ancestor: Unit) -> bool:
    return unit is not None and unit.path.startswith(ancestor.path)


@transaction.atomic
def launch_movement(
    *,
    actor: Any,
    launched_by: Unit,
    name: str,
    kind: MovementKind | str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    year: int | None = None,
    criteria: str = "",
    description: str = "",
    target_kinds: Iterable[AwardKind] = (),
    launched_on: dt.date | None = None,
) -> Movement:
    """A unit launches a movement (phát động) for itself and the units under it."""
    if not manages_unit(actor, launched_by):
        raise NotPermitted(_("You may not launch movements for %(unit)s.") % {"unit": launched_by})
    name = name.strip()
    if not name:
        raise MovementError(_("Give the movement a name."))
    if ends_on is not None and ends_on < starts_on:
        raise MovementError(_("The movement ends before it starts."))
    if kind == MovementKind.REGULAR and year is None:
        year = starts_on.year
    with acting_as(actor):
        return _create_movement(
            actor=actor,
            launched_by=launched_by,
            name=name,
            kind=kind,
            starts_on=starts_on,
            ends_on=ends_on,
            year=year,
            criteria=criteria,
            description=description,
            target_kinds=target_kinds,
            launched_on=launched_on,
        )


def _create_movement(
    *,
    actor: Any,
    launched_by: Unit,
    name: str,
    kind: MovementKind | str,
    starts_on: dt.date,
    ends_on: dt.date | None,
    year: int | None,
    criteria: str,
    description: str,
    target_kinds: Iterable[AwardKind],
    launched_on: dt.date | None,
) -> Movement:
    movement = Movement.objects.create(
        name=name,
        kind=kind,
        launched_by=launched_by,
        starts_on=starts_on,
        ends_on=ends_on,
        year=year,
        criteria=criteria.strip(),
        description=description.strip(),
        launched_on=launched_on or timezone.localdate(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    movement.target_kinds.set(list(target_kinds))
    record_action(movement, "movement launched", unit=launched_by.pk, kind=str(kind))
    return movement


@transaction.atomic
def add_movement_document(
    *, actor: Any, movement: Movement, title: str, upload: UploadedFile[Any]
) -> MovementDocument:
    if not manages_unit(actor, movement.launched_by):
        raise NotPermitted(_("You may not change this movement."))
    try:
        checked = check_upload(upload)
    except UploadError as exc:
        raise MovementError(str(exc)) from exc
    document = MovementDocument(
        movement=movement,
        title=title.strip() or checked.original_name,
        original_name=checked.original_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    document.file.save(checked.original_name, upload, save=False)
    with acting_as(actor):
        document.save()
    return document


@transaction.atomic
def register(
    *,
    actor: Any,
    movement: Movement,
    registering_unit: Unit,
    target_kinds: Iterable[AwardKind],
    person: Person | None = None,
    unit: Unit | None = None,
    pledge: str = "",
    registered_on: dt.date | None = None,
) -> Registration:
    """Đăng ký thi đua: a person or a collective of `registering_unit` pledges titles."""
    if (person is None) == (unit is None):
        raise MovementError(_("Register either one person or one collective."))
    if not registers_for_unit(actor, registering_unit):
        raise NotPermitted(
            _("You may not register on behalf of %(unit)s.") % {"unit": registering_unit}
        )
    if not _is_under(registering_unit, movement.launched_by):
        raise MovementError(
            _("%(unit)s is not under %(launcher)s, which launched this movement.")
            % {"unit": registering_unit, "launcher": movement.launched_by}
        )
    subject_unit = person.current_unit if person is not None else unit
    if not _is_under(subject_unit, registering_unit):
        raise MovementError(
            _("%(subject)s does not belong to %(unit)s.")
            % {"subject": person or unit, "unit": registering_unit}
        )
    kinds = list(target_kinds)
    if not kinds:
        raise MovementError(_("Choose at least one title or form to aim for."))
    wanted = "individual" if person is not None else "collective"
    wrong = [k for k in kinds if k.subject_types and wanted not in k.subject_types]
    if wrong:
        raise MovementError(
            _("%(kind)s is not awarded to this kind of subject.") % {"kind": wrong[0].name}
        )
    day = registered_on or timezone.localdate()
    if movement.ends_on is not None and day > movement.ends_on:
        raise MovementError(_("The movement has ended: registrations are closed."))
    registration = Registration(
        movement=movement,
        registering_unit=registering_unit,
        person=person,
        unit=unit,
        year=movement.year or day.year,
        pledge=pledge.strip(),
        registered_on=day,
        registered_by=actor if getattr(actor, "pk", None) else None,
    )
    try:
        with transaction.atomic(), acting_as(actor):
            registration.save()
    except IntegrityError as exc:
        raise MovementError(
            _("%(subject)s is already registered in this movement.") % {"subject": person or unit}
        ) from exc
    with acting_as(actor):
        registration.target_kinds.set(kinds)
    return registration


@transaction.atomic
def withdraw_registration(*, actor: Any, registration: Registration) -> Registration:
    if not registers_for_unit(actor, registration.registering_unit):
        raise NotPermitted(_("You may not change this registration."))
    if registration.withdrawn_on is None:
        registration.withdrawn_on = timezone.localdate()
        with acting_as(actor):
            registration.save(update_fields=["withdrawn_on"])
    return registration
