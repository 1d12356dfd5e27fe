"""Importing the organisation tree (units) from a spreadsheet; unit look-ups for other importers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.audit import record_bulk
from vinhdanh.common.importing import columns as c
from vinhdanh.common.importing.base import (
    BATCH_SIZE,
    Importer,
    Row,
    chunks,
    distinct,
    fmt_date,
    in_scope,
    out_of_scope,
)
from vinhdanh.common.text import search_key
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit

DISTRICT_LEVEL_ENDS = dt.date(2025, 6, 30)
DEFAULT_VALID_FROM = dt.date(2000, 1, 1)

UNIT_LEVELS: dict[str, tuple[str, ...]] = {
    UnitLevel.PROVINCE: ("Tỉnh", "Thành phố trực thuộc trung ương", "province"),
    UnitLevel.DEPARTMENT: ("Sở", "Sở, ban, ngành", "Ban", "Ngành", "department"),
    UnitLevel.DISTRICT: ("Huyện", "Quận", "Thị xã", "Thành phố thuộc tỉnh", "district"),
    UnitLevel.COMMUNE: ("Xã", "Phường", "Thị trấn", "Đặc khu", "Xã, phường", "commune"),
    UnitLevel.DIVISION: ("Phòng", "Phòng, ban", "division"),
    UnitLevel.SCHOOL: ("Trường", "Trường học", "school"),
    UnitLevel.HOSPITAL: ("Bệnh viện", "hospital"),
    UnitLevel.ENTERPRISE: ("Doanh nghiệp", "Doanh nghiệp nhà nước", "enterprise"),
    UnitLevel.VILLAGE: ("Thôn", "Tổ dân phố", "Ấp", "Bản", "Thôn, tổ dân phố", "village"),
    UnitLevel.OTHER: ("Khác", "other"),
}


class UnitRef(NamedTuple):
    """What validation needs to know about a unit, loaded in bulk."""

    id: int
    code: str
    name: str
    path: str
    level: str
    valid_from: dt.date
    valid_to: dt.date | None

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def period(self) -> str:
        return f"{fmt_date(self.valid_from)}–{fmt_date(self.valid_to) or '…'}"


def load_units(codes: Iterable[str]) -> dict[str, UnitRef]:
    """Units by code, a few queries whatever the number of rows."""
    wanted = list(dict.fromkeys(codes))
    found: dict[str, UnitRef] = {}
    for part in chunks(wanted):
        for values in Unit.objects.filter(code__in=part).values_list(
            "id", "code", "name", "path", "level", "valid_from", "valid_to"
        ):
            found[values[1]] = UnitRef(*values)
    return found


def unknown_unit(code: str) -> str:
    return _("no unit has the code %(code)s") % {"code": code}


class _Planned(NamedTuple):
    row: Row
    parent_code: str | None


class UnitImporter(Importer):
    kind = "units"
    title = gettext_lazy("Units")
    description = gettext_lazy(
        "The organisation tree: one row per unit, with the code of its parent unit. A parent "
        "may be an existing unit or a unit further up or down in the same file."
    )
    sheet_title = "Đơn vị"
    columns = (
        c.Column(
            "code",
            "Mã đơn vị",
            c.code(40),
            required=True,
            example="SNV-TCCB",
            help=gettext_lazy("The unit's code, unique in the whole system."),
            allowed=gettext_lazy("At most 40 characters, no spaces."),
        ),
        c.Column(
            "name",
            "Tên đơn vị",
            c.text(255),
            required=True,
            example="Phòng Tổ chức cán bộ",
            help=gettext_lazy("The unit's full name."),
        ),
        c.Column(
            "short_name",
            "Tên viết tắt",
            c.text(120),
            example="P.TCCB",
            help=gettext_lazy("A short name for lists (optional)."),
        ),
        c.Column(
            "level",
            "Cấp",
            c.choice(UNIT_LEVELS),
            required=True,
            example="Phòng",
            help=gettext_lazy("The kind of unit."),
            allowed=", ".join(s[0] for s in UNIT_LEVELS.values()),
            choices=tuple(s[0] for s in UNIT_LEVELS.values()),
        ),
        c.Column(
            "parent_code",
            "Mã đơn vị cấp trên",
            c.code(40),
            example="SNV",
            aliases=("Đơn vị cấp trên",),
            help=gettext_lazy(
                "The code of the parent unit: an existing unit or one in this file. "
                "Empty for the top of the tree."
            ),
            allowed=gettext_lazy("The parent must exist on the unit's start date."),
        ),
        c.Column(
            "valid_from",
            "Hiệu lực từ",
            c.date_value,
            example=dt.date(2010, 1, 1),
            default=DEFAULT_VALID_FROM,
            help=gettext_lazy("The day the unit starts (01/01/2000 when empty)."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "valid_to",
            "Hiệu lực đến",
            c.date_value,
            help=gettext_lazy(
                "The last day of a unit that no longer exists; empty if it still exists."
            ),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "is_collective",
            "Nhận danh hiệu tập thể",
            c.boolean,
            example="Có",
            default=True,
            choices=("Có", "Không"),
            help=gettext_lazy("Whether the unit receives collective titles (Có when empty)."),
            allowed="Có, Không",
        ),
        c.Column(
            "priority_area",
            "Vùng khó khăn",
            c.boolean,
            example="Không",
            default=False,
            choices=("Có", "Không"),
            help=gettext_lazy("Border, sea, island or disadvantaged area (Không when empty)."),
            allowed="Có, Không",
        ),
    )

    def check(self, rows: list[Row]) -> None:
        codes = distinct(r["code"] for r in rows)
        existing = load_units([*codes, *distinct(r["parent_code"] for r in rows)])
        self._existing = existing
        in_file: dict[str, Row] = {}
        for row in rows:
            code, start, end = row["code"], row["valid_from"], row["valid_to"]
            if code is not None:
                if code in existing:
                    self.error(
                        row,
                        "code",
                        _("the unit code %(code)s already exists in the system") % {"code": code},
                    )
                elif code in in_file:
                    self.error(
                        row,
                        "code",
                        _("the unit %(code)s is already in row %(row)s")
                        % {"code": code, "row": in_file[code].number},
                    )
                else:
                    in_file[code] = row
            if start is not None and end is not None and end < start:
                self.error(
                    row,
                    "valid_to",
                    _("ends before it starts (%(start)s)") % {"start": fmt_date(start)},
                )
            if row["level"] == UnitLevel.DISTRICT and start and start > DISTRICT_LEVEL_ENDS:
                self.error(row, "level", _("district-level units no longer exist after 30/06/2025"))
        self._rows = in_file
        for code, row in in_file.items():
            self._check_parent(code, row, in_file, existing)

    def _check_parent(
        self, code: str, row: Row, in_file: dict[str, Row], existing: dict[str, UnitRef]
    ) -> None:
        parent_code = row["parent_code"]
        if parent_code is None:
            if "parent_code" not in row.bad and not in_scope(self.scope, None, ""):
                self.error(
                    row,
                    "parent_code",
                    _("a unit without a parent unit is %(scope)s") % {"scope": out_of_scope()},
                )
            return
        if parent_code == code:
            self.error(row, "parent_code", _("a unit cannot be its own parent"))
            return
        start = row["valid_from"]
        if parent_code in existing:
            parent = existing[parent_code]
            if not in_scope(self.scope, parent.id, parent.path):
                self.error(
                    row,
                    "parent_code",
                    _("the unit %(code)s is %(scope)s")
                    % {"code": parent_code, "scope": out_of_scope()},
                )
                return
            valid = start is None or parent.valid_on(start)
            period = parent.period
        elif parent_code in in_file:
            other = in_file[parent_code]
            seen = {code}
            walker: Row | None = other
            while walker is not None:
                if walker["code"] in seen:
                    self.error(
                        row, "parent_code", _("the chain of parent units loops back to this unit")
                    )
                    return
                seen.add(walker["code"])
                walker = in_file.get(walker["parent_code"] or "")
            p_from, p_to = other["valid_from"], other["valid_to"]
            valid = (
                start is None
                or p_from is None
                or (p_from <= start and (p_to is None or p_to >= start))
            )
            period = f"{fmt_date(p_from)}–{fmt_date(p_to) or '…'}"
        else:
            self.error(row, "parent_code", unknown_unit(parent_code))
            return
        if not valid:
            self.error(
                row,
                "parent_code",
                _("the parent unit %(code)s does not exist on %(day)s (it exists %(period)s)")
                % {"code": parent_code, "day": fmt_date(start), "period": period},
            )

    def planned(self) -> dict[str, int]:
        return {"orgs.unit": len(self._rows)}

    def write(self) -> dict[str, int]:
        depth: dict[str, int] = {}

        def depth_of(code: str) -> int:
            if code not in depth:
                parent = self._rows[code]["parent_code"]
                depth[code] = depth_of(parent) + 1 if parent in self._rows else 0
            return depth[code]

        for code in self._rows:
            depth_of(code)
        created: dict[str, Unit] = {}
        for level in sorted(set(depth.values())):
            batch: list[Unit] = []
            for code, row in self._rows.items():
                if depth[code] != level:
                    continue
                parent_code = row["parent_code"]
                parent_id = None
                if parent_code in created:
                    parent_id = created[parent_code].pk
                elif parent_code in self._existing:
                    parent_id = self._existing[parent_code].id
                batch.append(
                    Unit(
                        code=code,
                        name=row["name"],
                        short_name=row["short_name"] or "",
                        level=row["level"],
                        parent_id=parent_id,
                        valid_from=row["valid_from"],
                        valid_to=row["valid_to"],
                        is_collective=row["is_collective"],
                        priority_area=row["priority_area"],
                        search_key=search_key(f"{row['name']} {row['short_name'] or ''} {code}"),
                    )
                )
            Unit.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            for unit in batch:
                parent_code = self._rows[unit.code]["parent_code"]
                if parent_code in created:
                    parent_path = created[parent_code].path
                elif parent_code in self._existing:
                    parent_path = self._existing[parent_code].path
                else:
                    parent_path = "/"
                unit.path = f"{parent_path}{unit.pk}/"
                unit.depth = unit.path.count("/") - 2
                created[unit.code] = unit
            Unit.objects.bulk_update(batch, ["path", "depth"], batch_size=BATCH_SIZE)
        self._created = list(created.values())
        record_bulk(self._created)
        return {"orgs.unit": len(self._created)}

    def summary_instance(self) -> Unit | None:
        return self._created[0] if self._created else None
