"""Imports of a programme: its activities, and one period's reports (one row per unit).

Both run through the common import framework (`run_import(importer=…, target=…)`): every row
is checked with the same domain rules as the pages and the API (`check_activity`,
`check_report`) before anything is written, and a single problem leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.importing import columns as c
from vinhdanh.common.importing.base import Importer, Row
from vinhdanh.common.text import search_key
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.activities import check_activity, record_activity
from vinhdanh.programmes.domain.errors import NotPermitted, ProgrammeError
from vinhdanh.programmes.domain.reports import check_report, clean_value, save_report
from vinhdanh.programmes.enums import ValueType
from vinhdanh.programmes.models import Activity, PeriodReport, Programme

_UNIT = c.Column(
    "unit",
    "Mã đơn vị",
    c.code(40),
    required=True,
    example="XA001",
    aliases=("Mã ĐV",),
    help=gettext_lazy("The unit's code, as in the organisation tree."),
)


class _ProgrammeImporter(Importer):
    """Rows of one programme, written as the user who imports (the target is (programme, user))."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        programme, actor = self.target
        self.programme: Programme = programme
        self.actor: Any = actor
        self._units: dict[str, Unit] = {}

    def _load_units(self, rows: list[Row]) -> None:
        codes = {r["unit"] for r in rows if r["unit"]}
        self._units = {u.code: u for u in Unit.objects.filter(code__in=codes)}

    def _unit(self, row: Row) -> Unit | None:
        if not row["unit"]:
            return None
        unit = self._units.get(row["unit"])
        if unit is None:
            self.error(row, "unit", _("no unit has this code"))
        return unit

    def _refusal(self, row: Row, exc: Exception, default: str) -> None:
        field = getattr(exc, "field", "") or default
        key = field if any(col.key == field for col in self.columns) else default
        message = str(exc.args[0]) if exc.args else str(exc)
        self.error(row, key, message)


class ActivityImporter(_ProgrammeImporter):
    kind = "programme_activities"
    title = gettext_lazy("Activities of a programme")
    description = gettext_lazy("One activity per row: the unit, the kind, the date, the title.")
    sheet_title = "Hoạt động"
    columns: ClassVar[tuple[c.Column, ...]] = (
        _UNIT,
        c.Column(
            "kind",
            "Loại hoạt động",
            c.text(255),
            required=True,
            example="Hội nghị tuyên truyền",
            help=gettext_lazy("One of the programme's kinds of activity, as written there."),
        ),
        c.Column(
            "date",
            "Ngày",
            c.date_value,
            required=True,
            example=dt.date(2025, 3, 15),
            allowed="dd/mm/yyyy",
            help=gettext_lazy("The day the activity took place."),
        ),
        c.Column(
            "title",
            "Tên hoạt động",
            c.text(255),
            required=True,
            example="Hội nghị quán triệt Nghị quyết",
            help=gettext_lazy("Title of the activity."),
        ),
        c.Column(
            "participants",
            "Số người tham dự",
            c.integer(maximum=10_000_000),
            example=120,
            default=0,
            help=gettext_lazy("How many people took part (a whole number, 0 or more)."),
        ),
        c.Column("note", "Ghi chú", c.text(2000), example="", help=gettext_lazy("Note.")),
    )

    def check(self, rows: list[Row]) -> None:
        self._load_units(rows)
        kinds = {search_key(k.name): k for k in self.programme.activity_kinds.all()}
        self._planned: list[dict[str, Any]] = []
        for row in rows:
            unit = self._unit(row)
            kind = kinds.get(search_key(row["kind"] or "")) if row["kind"] else None
            if row["kind"] and kind is None:
                self.error(
                    row,
                    "kind",
                    _("not a kind of activity of this programme; use one of: %(kinds)s")
                    % {"kinds": ", ".join(k.name for k in kinds.values())},
                )
            if unit is None or kind is None or row.bad or row["date"] is None:
                continue
            fields: dict[str, Any] = {
                "programme": self.programme,
                "unit": unit,
                "kind": kind,
                "date": row["date"],
                "title": row["title"] or "",
                "participants": row["participants"] or 0,
            }
            try:
                check_activity(actor=self.actor, today=self.today, **fields)
            except (NotPermitted, ProgrammeError) as exc:
                self._refusal(row, exc, "unit")
                continue
            self._planned.append({**fields, "note": row["note"] or ""})

    def planned(self) -> dict[str, int]:
        return {"programmes.activity": len(self._planned)}

    def write(self) -> dict[str, int]:
        self._first: Activity | None = None
        for fields in self._planned:
            activity = record_activity(actor=self.actor, today=self.today, **fields)
            self._first = self._first or activity
        return {"programmes.activity": len(self._planned)}

    def summary_instance(self) -> models.Model | None:
        return self._first


class ReportImporter(_ProgrammeImporter):
    """One period's reports: a row per unit, a column per indicator (its name, or its code)."""

    kind = "programme_reports"
    title = gettext_lazy("Period reports of a programme")
    description = gettext_lazy(
        "One row per unit: its figures for the period, one column per indicator."
    )
    sheet_title = "Báo cáo kỳ"
    columns: ClassVar[tuple[c.Column, ...]] = ()
    period_code: ClassVar[str] = ""

    def check(self, rows: list[Row]) -> None:
        self._load_units(rows)
        indicators = list(self.programme.indicators.all())
        self._planned: list[dict[str, Any]] = []
        seen: dict[int, int] = {}
        for row in rows:
            unit = self._unit(row)
            values = {i.code: row[f"i_{i.code}"] for i in indicators}
            bad = False
            for indicator in indicators:  # every wrong value of the row, not only the first
                raw = values[indicator.code]
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                try:
                    clean_value(indicator, raw)
                except ProgrammeError as exc:
                    self.error(row, f"i_{indicator.code}", str(exc))
                    bad = True
            if unit is None or bad or row.bad:
                continue
            if unit.pk in seen:
                self.error(
                    row,
                    "unit",
                    _("this unit is already on row %(row)s") % {"row": seen[unit.pk]},
                )
                continue
            seen[unit.pk] = row.number
            fields: dict[str, Any] = {
                "programme": self.programme,
                "unit": unit,
                "period_code": self.period_code,
                "values": values,
                "submit": bool(row["submit"]),
            }
            try:
                check_report(actor=self.actor, today=self.today, **fields)
            except (NotPermitted, ProgrammeError) as exc:
                self._refusal(row, exc, "unit")
                continue
            self._planned.append({**fields, "narrative": row["narrative"] or ""})

    def _refusal(self, row: Row, exc: Exception, default: str) -> None:
        field = getattr(exc, "field", "")
        if field and field != "unit":
            field = f"i_{field}"  # a value: its indicator's column
        message = str(exc.args[0]) if exc.args else str(exc)
        key = field if any(col.key == field for col in self.columns) else default
        self.error(row, key, message)

    def planned(self) -> dict[str, int]:
        return {"programmes.periodreport": len(self._planned)}

    def write(self) -> dict[str, int]:
        self._first: PeriodReport | None = None
        for fields in self._planned:
            report = save_report(actor=self.actor, today=self.today, **fields)
            self._first = self._first or report
        return {"programmes.periodreport": len(self._planned)}

    def summary_instance(self) -> models.Model | None:
        return self._first


def _value_parser() -> c.Parser:
    """Cells are kept as typed: the domain's `clean_value` reads them (and explains)."""

    def parse(value: Any) -> Any:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, float):
            return str(value)
        return value if isinstance(value, int | bool) else c.display(value)

    return parse


def report_importer(programme: Programme, period_code: str) -> type[ReportImporter]:
    """The report importer of one programme and period: its columns are the indicators."""
    indicator_columns = tuple(
        c.Column(
            f"i_{i.code}",
            i.name,
            _value_parser(),
            example="Có" if i.value_type == ValueType.YES_NO else 0,
            aliases=(i.code,),
            help=i.measure or i.get_value_type_display(),
        )
        for i in programme.indicators.all()
    )
    columns = (
        _UNIT,
        *indicator_columns,
        c.Column(
            "narrative",
            "Nội dung báo cáo",
            c.text(20000),
            example="",
            aliases=("Thuyết minh",),
            help=gettext_lazy("A short narrative of the period."),
        ),
        c.Column(
            "submit",
            "Gửi báo cáo",
            c.boolean,
            example="Không",
            default=False,
            choices=("Có", "Không"),
            allowed="Có, Không",
            help=gettext_lazy("Có: submit the report to the office; Không: keep it as a draft."),
        ),
    )
    return type(
        "ProgrammeReportImporter",
        (ReportImporter,),
        {"columns": columns, "period_code": period_code, "__module__": __name__},
    )
