"""Importing a programme's activities, or one period's reports, from a spreadsheet.

All or nothing with problems by row (common.importing); each row meets the same rules as on the
pages and through the API. A period that has not begun, or is locked, refuses the whole file.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils.translation import gettext as _

from vinhdanh.common.importing import ImportResult, run_import
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.programmes.domain.errors import NotPermitted
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.domain.reports import refuse_if_period_locked, reporting_period
from vinhdanh.programmes.interfaces.imports import ActivityImporter, report_importer
from vinhdanh.programmes.models import Programme


def _refuse_outsiders(actor: Any, programme: Programme) -> None:
    if not visible_programmes(actor).filter(pk=programme.pk).exists() or not may_import(
        actor, programme
    ):
        raise NotPermitted(_("You may not change this programme."))


def import_activities(
    *, actor: Any, programme: Programme, source: IO[bytes], filename: str = ""
) -> ImportResult:
    _refuse_outsiders(actor, programme)
    return run_import(
        kind=ActivityImporter.kind,
        importer=ActivityImporter,
        target=(programme, actor),
        source=source,
        filename=filename,
        user=actor,
        scope=unit_scope(actor),
        audit_source="web:programme-import",
    )


def import_reports(
    *, actor: Any, programme: Programme, period_code: str, source: IO[bytes], filename: str = ""
) -> ImportResult:
    """One period's reports, a row per unit; raises ProgrammeError (PeriodLocked) for a period
    that has not begun or is locked."""
    _refuse_outsiders(actor, programme)
    period = reporting_period(programme, period_code)
    refuse_if_period_locked(programme, period)
    importer = report_importer(programme, period.code)
    return run_import(
        kind=importer.kind,
        importer=importer,
        target=(programme, actor),
        source=source,
        filename=filename,
        user=actor,
        scope=unit_scope(actor),
        audit_source="web:programme-import",
    )


def may_import(actor: Any, programme: Programme) -> bool:
    """The programme's office, or a clerk or head of one of its implementing units."""
    from vinhdanh.programmes.domain.queries.programmes import implementing_units
    from vinhdanh.programmes.rules import REPORTERS, manages_programme

    if manages_programme(actor, programme):
        return True
    units = implementing_units(programme, day=min(programme.ends_on, dt.date.today()))
    for capability in REPORTERS:
        scope = unit_scope(actor, capability)
        if scope.everything or (not scope.is_empty and units.filter(scope.q()).exists()):
            return True
    return False
