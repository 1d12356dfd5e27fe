"""An activity's attendance list from .xlsx (or .csv): all or nothing, problems by row.

Runs through the common import framework (`run_import(importer=AttendanceImporter,
target=activity)`). The list replaces the one the activity had, and the activity's number of
participants becomes the number of people on it, so indicators counting participants follow.
"""

from __future__ import annotations

from typing import IO, Any, ClassVar

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.audit import record_action
from vinhdanh.common.importing import ImportResult, run_import
from vinhdanh.common.importing import columns as c
from vinhdanh.common.importing.base import Importer, Row, in_scope, out_of_scope
from vinhdanh.common.text import search_key
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.people.interfaces.imports import full_name_column, gender_column
from vinhdanh.people.models import Person
from vinhdanh.programmes.domain.activities import may_change_activity, refuse_if_day_locked
from vinhdanh.programmes.domain.errors import NotPermitted
from vinhdanh.programmes.models import Activity, ActivityAttendee

MAX_ATTENDEES = 100_000


class AttendanceImporter(Importer):
    kind = "attendance"
    title = gettext_lazy("Attendance list")
    description = gettext_lazy(
        "The people who took part in the activity, one per row. The list replaces the one the "
        "activity had; the number of participants becomes the number of rows."
    )
    sheet_title = "Danh sách tham dự"
    columns: ClassVar[tuple[c.Column, ...]] = (
        full_name_column(255),
        gender_column(allowed="Nam, Nữ"),
        c.Column(
            "post_title",
            "Chức vụ",
            c.text(255),
            example="Trưởng thôn",
            help=gettext_lazy("Post or title, as the person signed the sheet."),
        ),
        c.Column(
            "organisation",
            "Cơ quan, đơn vị",
            c.text(255),
            example="Thôn Đông",
            aliases=("Đơn vị", "Cơ quan", "Địa chỉ"),
            help=gettext_lazy("Agency, unit or place the person came from."),
        ),
        c.Column(
            "code",
            "Mã cán bộ",
            c.code(40),
            example="",
            aliases=("Mã CB",),
            help=gettext_lazy(
                "For staff of your units: their staff code, to link the row to their record."
            ),
        ),
        c.Column("note", "Ghi chú", c.text(500), example="", help=gettext_lazy("Note.")),
    )

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(self.target, Activity):
            raise TypeError("an attendance list is imported into one activity")
        self.activity: Activity = self.target
        self._rows: list[Row] = []
        self._people: dict[str, Person] = {}

    def check(self, rows: list[Row]) -> None:
        if len(rows) > MAX_ATTENDEES:
            self.problems.add_file(
                _("An attendance list has at most %(max)s rows.") % {"max": MAX_ATTENDEES}
            )
            return
        codes = {r["code"] for r in rows if r["code"]}
        people = {
            p.code: p for p in Person.objects.filter(code__in=codes).select_related("current_unit")
        }
        seen_codes: dict[str, int] = {}
        seen_names: dict[tuple[str, str], int] = {}
        for row in rows:
            code = row["code"]
            if code:
                person = people.get(code)
                if person is None:
                    self.error(row, "code", _("no person has this staff code"))
                elif not in_scope(
                    self.scope,
                    person.current_unit_id,
                    person.current_unit.path if person.current_unit else "",
                ):
                    self.error(row, "code", out_of_scope())
                elif code in seen_codes:
                    self.error(
                        row,
                        "code",
                        _("this person is already on row %(row)s") % {"row": seen_codes[code]},
                    )
                else:
                    seen_codes[code] = row.number
                    self._people[code] = person
            if row["full_name"] and not code:
                key = (search_key(row["full_name"]), search_key(row["organisation"] or ""))
                if key in seen_names:
                    self.error(
                        row,
                        "full_name",
                        _("the same name and unit are already on row %(row)s")
                        % {"row": seen_names[key]},
                    )
                else:
                    seen_names[key] = row.number
        self._rows = rows

    def planned(self) -> dict[str, int]:
        return {"programmes.activityattendee": len(self._rows)}

    def write(self) -> dict[str, int]:
        activity = Activity.objects.select_for_update().get(pk=self.activity.pk)
        replaced = activity.attendees.count()
        activity.attendees.all().delete()
        ActivityAttendee.objects.bulk_create(
            ActivityAttendee(
                activity=activity,
                row=row.number,
                full_name=row["full_name"],
                person=self._people.get(row["code"]) if row["code"] else None,
                post_title=row["post_title"] or "",
                organisation=row["organisation"] or "",
                gender=row["gender"] or "",
                note=row["note"] or "",
            )
            for row in self._rows
        )
        before = activity.participants
        activity.participants = len(self._rows)
        activity.save(update_fields=["participants"])
        record_action(
            activity,
            "attendance list imported",
            rows=len(self._rows),
            replaced=replaced,
            participants_before=before,
        )
        self.activity = activity
        return {"programmes.activityattendee": len(self._rows)}

    def summary_instance(self) -> models.Model | None:
        return self.activity


def import_attendance(
    *, actor: Any, activity: Activity, source: IO[bytes], filename: str = "", dry_run: bool = False
) -> ImportResult:
    """Replace the activity's attendance list from a file (all or nothing, problems by row);
    the number of participants becomes the number of people on the list."""
    if not may_change_activity(actor, activity):
        raise NotPermitted(_("You may not change this activity."))
    refuse_if_day_locked(activity.programme, activity.date)
    return run_import(
        kind=AttendanceImporter.kind,
        importer=AttendanceImporter,
        target=activity,
        source=source,
        filename=filename,
        dry_run=dry_run,
        user=actor,
        scope=unit_scope(actor),
        audit_source="web:attendance",
    )
