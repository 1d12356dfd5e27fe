"""State changes of the organisation tree. One function per change; each is one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.orgs.enums import UnitEventKind, UnitLevel
from vinhdanh.orgs.models import Unit, UnitEvent
from vinhdanh.orgs.signals import posts_moving, units_ending


class UnitEventError(ValueError):
    pass


@transaction.atomic
def create_unit(
    *,
    code: str,
    name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    valid_from: dt.date = dt.date(2000, 1, 1),
    short_name: str = "",
    priority_area: bool = False,
    is_collective: bool = True,
) -> Unit:
    if parent is not None and not parent.is_valid_on(valid_from):
        raise UnitEventError(
            _("The parent unit %(parent)s does not exist on %(day)s.")
            % {"parent": parent.name, "day": valid_from.strftime("%d/%m/%Y")}
        )
    return Unit.objects.create(
        code=code,
        name=name,
        level=level,
        parent=parent,
        valid_from=valid_from,
        short_name=short_name,
        priority_area=priority_area,
        is_collective=is_collective,
    )


def _check_current(units: Sequence[Unit], effective_date: dt.date) -> None:
    for unit in units:
        if not unit.is_valid_on(effective_date - dt.timedelta(days=1)):
            raise UnitEventError(
                _("%(unit)s no longer exists on %(day)s.")
                % {"unit": unit.name, "day": effective_date.strftime("%d/%m/%Y")}
            )


def _end(units: Sequence[Unit], effective_date: dt.date) -> None:
    last_day = effective_date - dt.timedelta(days=1)
    for unit in units:
        unit.valid_to = last_day
        unit.save(update_fields=["valid_to"])
    units_ending.send(sender=Unit, units=units, last_day=last_day)


def _new_event(
    kind: UnitEventKind, effective_date: dt.date, decision: dict[str, object]
) -> UnitEvent:
    return UnitEvent.objects.create(
        kind=kind,
        effective_date=effective_date,
        decision_number=str(decision.get("number", "")),
        decision_date=decision.get("date"),  # type: ignore[misc]
        decision_body=str(decision.get("body", "")),
        note=str(decision.get("note", "")),
    )


@transaction.atomic
def merge_units(
    *,
    units: Sequence[Unit],
    code: str,
    name: str,
    effective_date: dt.date,
    level: UnitLevel | str | None = None,
    parent: Unit | None = None,
    decision: dict[str, object] | None = None,
    move_people: bool = True,
) -> Unit:
    """Several units become one new unit; their open posts move to it (history follows)."""
    if len(units) < 2:
        raise UnitEventError(_("A merger needs at least two units."))
    _check_current(units, effective_date)
    successor = create_unit(
        code=code,
        name=name,
        level=level or units[0].level,
        parent=parent if parent is not None else units[0].parent,
        valid_from=effective_date,
        priority_area=any(u.priority_area for u in units),
    )
    event = _new_event(UnitEventKind.MERGE, effective_date, decision or {})
    event.predecessors.set(units)
    event.successors.set([successor])
    _move_children(units, successor, effective_date)
    if move_people:
        posts_moving.send(sender=Unit, units=units, to=successor, effective_date=effective_date)
    _end(units, effective_date)
    record_action(successor, f"merge of {', '.join(u.code for u in units)}", event=event.pk)
    return successor


@transaction.atomic
def split_unit(
    *,
    unit: Unit,
    parts: Sequence[dict[str, str]],
    effective_date: dt.date,
    decision: dict[str, object] | None = None,
) -> list[Unit]:
    """One unit becomes several; people are re-assigned by the clerk afterwards."""
    if len(parts) < 2:
        raise UnitEventError(_("A split needs at least two new units."))
    _check_current([unit], effective_date)
    new_units = [
        create_unit(
            code=p["code"],
            name=p["name"],
            level=p.get("level", unit.level),
            parent=unit.parent,
            valid_from=effective_date,
            priority_area=unit.priority_area,
        )
        for p in parts
    ]
    event = _new_event(UnitEventKind.SPLIT, effective_date, decision or {})
    event.predecessors.set([unit])
    event.successors.set(new_units)
    # People of a split unit go to the first part until the clerk re-assigns them.
    posts_moving.send(sender=Unit, units=[unit], to=new_units[0], effective_date=effective_date)
    _move_children([unit], new_units[0], effective_date)
    _end([unit], effective_date)
    record_action(unit, f"split into {', '.join(u.code for u in new_units)}", event=event.pk)
    return new_units


@transaction.atomic
def rename_unit(
    *, unit: Unit, new_name: str, effective_date: dt.date, decision: dict[str, object] | None = None
) -> UnitEvent:
    _check_current([unit], effective_date)
    event = _new_event(UnitEventKind.RENAME, effective_date, decision or {})
    event.old_name, event.new_name = unit.name, new_name
    event.save(update_fields=["old_name", "new_name"])
    event.predecessors.set([unit])
    event.successors.set([unit])
    unit.name = new_name
    unit.save()
    return event


@transaction.atomic
def dissolve_unit(
    *, unit: Unit, effective_date: dt.date, decision: dict[str, object] | None = None
) -> UnitEvent:
    _check_current([unit], effective_date)
    if unit.children.filter(valid_to__isnull=True).exists():
        raise UnitEventError(
            _("%(unit)s still has current sub-units: merge or move them first.")
            % {"unit": unit.name}
        )
    event = _new_event(UnitEventKind.DISSOLVE, effective_date, decision or {})
    event.predecessors.set([unit])
    _end([unit], effective_date)
    return event


def _move_children(units: Sequence[Unit], successor: Unit, effective_date: dt.date) -> None:
    """Current sub-units of the ended units hang under the successor from now on."""
    for child in Unit.objects.filter(parent__in=units, valid_to__isnull=True):
        old_path = child.path
        child.parent = successor
        child.save()
        # Re-derive the materialised path of the whole subtree, parents before children.
        for desc in (
            Unit.objects.filter(path__startswith=old_path).exclude(pk=child.pk).order_by("depth")
        ):
            desc.save()
