"""Setting a programme up: the programme, its indicators, activity kinds and review milestones.

One function per change; each checks who acts, runs in one transaction and leaves an audit
trail (the models are @audited; the named actions add a line of their own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting_as
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.enums import (
    Aggregation,
    IndicatorSource,
    MilestoneKind,
    PeriodKind,
    ProgrammeStatus,
    ValueType,
)
from vinhdanh.programmes.models import (
    ActivityKind,
    Indicator,
    Programme,
    ReviewMilestone,
)
from vinhdanh.programmes.rules import manages_programme, manages_unit_programmes


@transaction.atomic
def create_programme(
    *,
    actor: Any,
    name: str,
    owner_unit: Unit,
    starts_on: dt.date,
    ends_on: dt.date,
    implementing_root: Unit | None = None,
    units_as_of: dt.date | None = None,
    reporting_levels: Sequence[str] = (),
    period_kind: PeriodKind | str = PeriodKind.QUARTER,
    report_due_days: int = 10,
    legal_basis: str = "",
    description: str = "",
    status: ProgrammeStatus | str = ProgrammeStatus.ACTIVE,
) -> Programme:
    """The owner unit's emulation office opens a programme for a subtree of units."""
    if not manages_unit_programmes(actor, owner_unit):
        raise NotPermitted(_("You may not run programmes of %(unit)s.") % {"unit": owner_unit})
    name = name.strip()
    if not name:
        raise ProgrammeError(_("Give the programme a name."))
    if ends_on < starts_on:
        raise ProgrammeError(_("The programme ends before it starts."))
    root = implementing_root or owner_unit
    if not root.path.startswith(owner_unit.path):
        raise ProgrammeError(
            _("%(unit)s is not under %(owner)s.") % {"unit": root, "owner": owner_unit}
        )
    with acting_as(actor):
        programme = Programme.objects.create(
            name=name,
            owner_unit=owner_unit,
            implementing_root=root,
            units_as_of=units_as_of or starts_on,
            reporting_levels=list(reporting_levels),
            starts_on=starts_on,
            ends_on=ends_on,
            period_kind=PeriodKind(period_kind),
            report_due_days=report_due_days,
            legal_basis=legal_basis.strip(),
            description=description.strip(),
            status=status,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        record_action(programme, "programme created", unit=owner_unit.pk)
    return programme


@transaction.atomic
def add_activity_kind(*, actor: Any, programme: Programme, name: str) -> ActivityKind:
    if not manages_programme(actor, programme):
        raise NotPermitted(_("You may not change this programme."))
    try:
        with transaction.atomic(), acting_as(actor):
            return ActivityKind.objects.create(
                programme=programme,
                name=name.strip(),
                sort_order=programme.activity_kinds.count() + 1,
            )
    except IntegrityError as exc:
        raise ProgrammeError(
            _("The programme already has the activity kind %(name)s.") % {"name": name}
        ) from exc


@transaction.atomic
def add_indicator(
    *,
    actor: Any,
    programme: Programme,
    code: str,
    name: str,
    value_type: ValueType | str = ValueType.INTEGER,
    aggregation: Aggregation | str = Aggregation.SUM,
    target: Decimal | int | None = None,
    measure: str = "",
    source: IndicatorSource | str = IndicatorSource.MANUAL,
    activity_kind: ActivityKind | None = None,
) -> Indicator:
    if not manages_programme(actor, programme):
        raise NotPermitted(_("You may not change this programme."))
    if source != IndicatorSource.MANUAL and (
        activity_kind is None or activity_kind.programme_id != programme.pk
    ):
        raise ProgrammeError(_("An indicator counted from activities needs an activity kind."))
    try:
        with transaction.atomic(), acting_as(actor):
            return Indicator.objects.create(
                programme=programme,
                code=code.strip(),
                name=name.strip(),
                value_type=ValueType(value_type),
                aggregation=Aggregation(aggregation),
                target=None if target is None else Decimal(target),
                measure=measure.strip(),
                source=IndicatorSource(source),
                activity_kind=activity_kind,
                sort_order=programme.indicators.count() + 1,
            )
    except IntegrityError as exc:
        raise ProgrammeError(
            _("The programme already has an indicator with code %(code)s.") % {"code": code}
        ) from exc


@transaction.atomic
def add_milestone(
    *,
    actor: Any,
    programme: Programme,
    kind: MilestoneKind | str,
    title: str,
    covers_from: dt.date,
    covers_to: dt.date,
    due_on: dt.date,
) -> ReviewMilestone:
    if not manages_programme(actor, programme):
        raise NotPermitted(_("You may not change this programme."))
    if covers_to < covers_from:
        raise ProgrammeError(_("The review covers a period that ends before it starts."))
    with acting_as(actor):
        return ReviewMilestone.objects.create(
            programme=programme,
            kind=MilestoneKind(kind),
            title=title.strip(),
            covers_from=covers_from,
            covers_to=covers_to,
            due_on=due_on,
        )
