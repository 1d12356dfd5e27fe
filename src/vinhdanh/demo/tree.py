"""The organisation tree of the demo province, built in memory with its 2025 history.

Everything here is plain Python (no database): the generator assigns ids, derives the
materialised paths and writes the rows in bulk. Each `DemoUnit` also remembers what the
generator needs to stay consistent with history: the names it carried before a renaming, the
parent it had before a merger moved it, and the successor of a unit that ended.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from vinhdanh.demo import places
from vinhdanh.demo.places import COMMUNE_REFORM_DAY, DEPARTMENT_MERGER_DAY, HISTORY_START

# Roles of units inside the generator (finer than Unit.level).
PROVINCE = "province"
DEPARTMENT = "department"
DIVISION = "division"
SCHOOL = "school"
HOSPITAL = "hospital"
DISTRICT = "district"
DISTRICT_OFFICE = "district_office"
OLD_COMMUNE = "old_commune"
COMMUNE = "commune"
VILLAGE = "village"

LEVEL_OF_ROLE = {
    PROVINCE: "province",
    DEPARTMENT: "department",
    DIVISION: "division",
    SCHOOL: "school",
    HOSPITAL: "hospital",
    DISTRICT: "district",
    DISTRICT_OFFICE: "division",
    OLD_COMMUNE: "commune",
    COMMUNE: "commune",
    VILLAGE: "village",
}

LAST_DAY_BEFORE_MERGER = DEPARTMENT_MERGER_DAY - dt.timedelta(days=1)
LAST_DAY_OF_DISTRICTS = COMMUNE_REFORM_DAY - dt.timedelta(days=1)


@dataclass(eq=False)
class DemoUnit:
    id: int
    code: str
    name: str
    role: str
    parent: DemoUnit | None
    valid_from: dt.date = HISTORY_START
    valid_to: dt.date | None = None
    short_name: str = ""
    priority_area: bool = False
    is_collective: bool = True
    weight: float = 1.0
    # generator metadata
    symbol: str = ""  # decision symbol when the unit issues decisions
    head_title: str = ""
    former_names: list[tuple[dt.date, str, str]] = field(
        default_factory=list
    )  # until, name, symbol
    former_parent: tuple[dt.date, DemoUnit] | None = None  # parent until (inclusive) that day
    successor: DemoUnit | None = None  # where the people go when the unit ends
    district: DemoUnit | None = None  # the (old) district a commune or village belongs to
    children: list[DemoUnit] = field(default_factory=list)
    path: str = ""

    @property
    def level(self) -> str:
        return LEVEL_OF_ROLE[self.role]

    def name_on(self, day: dt.date) -> str:
        for until, name, _symbol in self.former_names:
            if day <= until:
                return name
        return self.name

    def symbol_on(self, day: dt.date) -> str:
        for until, _name, symbol in self.former_names:
            if day <= until:
                return symbol
        return self.symbol

    def parent_on(self, day: dt.date) -> DemoUnit | None:
        if self.former_parent is not None and day <= self.former_parent[0]:
            return self.former_parent[1]
        return self.parent

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    @property
    def commune_kind(self) -> str:
        """'xã', 'phường' or 'thị trấn' for communes (from the name)."""
        for kind in ("Thị trấn", "Phường", "Xã"):
            if self.name.startswith(kind + " "):
                return kind.lower()
        return "xã"


@dataclass
class Tree:
    units: list[DemoUnit]
    province: DemoUnit
    departments: dict[str, DemoUnit]  # key → unit (absorbed ones included)
    divisions: list[DemoUnit]
    schools: list[DemoUnit]
    hospitals: list[DemoUnit]
    districts: list[DemoUnit]
    district_offices: list[DemoUnit]
    old_communes: list[DemoUnit]
    communes: list[DemoUnit]
    villages: list[DemoUnit]
    # (kind, effective date, decision, predecessors, successors, old name, new name, note)
    events: list[
        tuple[str, dt.date, dict[str, object], list[DemoUnit], list[DemoUnit], str, str, str]
    ]


def _division_head(name: str) -> str:
    for prefix, title in (
        ("Văn phòng", "Chánh Văn phòng"),
        ("Chi cục", "Chi cục trưởng"),
        ("Ban ", "Trưởng ban"),
        ("Trung tâm", "Giám đốc"),
        ("Thanh tra", "Chánh Thanh tra"),
        ("Phòng", "Trưởng phòng"),
    ):
        if name.startswith(prefix):
            return title
    return "Trưởng phòng"


def build_tree(seed: int, first_id: int) -> Tree:
    """The whole tree, deterministic for a seed; ids are consecutive from `first_id`."""
    rng = random.Random(f"{seed}|units")
    units: list[DemoUnit] = []
    code = places.PROVINCE_CODE

    def add(
        unit_code: str, name: str, role: str, parent: DemoUnit | None, **kw: object
    ) -> DemoUnit:
        unit = DemoUnit(first_id + len(units), unit_code, name, role, parent, **kw)  # type: ignore[arg-type]
        units.append(unit)
        if parent is not None:
            parent.children.append(unit)
        return unit

    province = add(
        code,
        places.PROVINCE_NAME,
        PROVINCE,
        None,
        short_name=places.PROVINCE_SHORT,
        symbol="QĐ-UBND",
        head_title="Chủ tịch",
    )

    # Departments and their divisions; five were absorbed on 01/03/2025, two renamed.
    departments: dict[str, DemoUnit] = {}
    divisions: list[DemoUnit] = []
    for spec in places.DEPARTMENTS:
        dept = add(
            f"{code}.{spec.key}",
            spec.name,
            DEPARTMENT,
            province,
            weight=spec.weight,
            symbol=spec.symbol,
            head_title=spec.head_title,
            is_collective=False,
        )
        if spec.merged_into:
            dept.valid_to = LAST_DAY_BEFORE_MERGER
        if spec.former_name:
            dept.former_names.append((LAST_DAY_BEFORE_MERGER, spec.former_name, spec.former_symbol))
        departments[spec.key] = dept
        for index, div_name in enumerate(spec.divisions, start=1):
            div = add(
                f"{dept.code}.P{index:02d}",
                div_name,
                DIVISION,
                dept,
                weight=rng.uniform(0.5, 1.5),
                head_title=_division_head(div_name),
            )
            divisions.append(div)
    events: list[
        tuple[str, dt.date, dict[str, object], list[DemoUnit], list[DemoUnit], str, str, str]
    ] = []
    for spec in places.DEPARTMENTS:
        dept = departments[spec.key]
        if spec.merged_into:
            target = departments[spec.merged_into]
            dept.successor = target
            # The divisions carry on under the absorbing department (history follows them).
            for div in list(dept.children):
                div.former_parent = (LAST_DAY_BEFORE_MERGER, dept)
                div.parent = target
                target.children.append(div)
                div.code = f"{target.code}.{spec.key}.{div.code.rsplit('.', 1)[1]}"
            dept.children = []
            events.append(
                (
                    "merge",
                    DEPARTMENT_MERGER_DAY,
                    places.DEPARTMENT_DECISION,
                    [dept],
                    [target],
                    "",
                    "",
                    f"Hợp nhất {spec.name} vào {target.name}",
                )
            )
        if spec.former_name:
            events.append(
                (
                    "rename",
                    DEPARTMENT_MERGER_DAY,
                    places.DEPARTMENT_DECISION,
                    [dept],
                    [dept],
                    spec.former_name,
                    spec.name,
                    "",
                )
            )

    schools = [
        add(
            f"{code}.SGDDT.T{index:03d}",
            name,
            SCHOOL,
            departments["SGDDT"],
            weight=rng.uniform(0.6, 1.6),
            head_title="Hiệu trưởng",
        )
        for index, name in enumerate(places.SCHOOLS, start=1)
    ]
    hospitals = [
        add(
            f"{code}.SYT.BV{index:02d}",
            name,
            HOSPITAL,
            departments["SYT"],
            weight=3.0 if index == 1 else rng.uniform(0.5, 1.5),
            head_title="Giám đốc",
        )
        for index, name in enumerate(places.HOSPITALS, start=1)
    ]

    # Districts (until 30/06/2025) with their offices and communes.
    districts: list[DemoUnit] = []
    district_offices: list[DemoUnit] = []
    old_communes: list[DemoUnit] = []
    old_by_district: dict[str, list[DemoUnit]] = {}
    seen_old: set[str] = set()
    for d_index, dspec in enumerate(places.DISTRICTS, start=1):
        district = add(
            f"{code}.H{d_index:02d}",
            dspec.full_name,
            DISTRICT,
            province,
            valid_to=LAST_DAY_OF_DISTRICTS,
            priority_area=dspec.priority_area,
            symbol="QĐ-UBND",
            head_title="Chủ tịch",
            is_collective=False,
            short_name=dspec.name,
        )
        districts.append(district)
        for o_index, office in enumerate(dspec.offices, start=1):
            district_offices.append(
                add(
                    f"{district.code}.P{o_index:02d}",
                    f"{office} {dspec.kind.lower()} {dspec.name}",
                    DISTRICT_OFFICE,
                    district,
                    valid_to=LAST_DAY_OF_DISTRICTS,
                    head_title=_division_head(office),
                    district=district,
                    weight=rng.uniform(0.6, 1.4),
                )
            )
        old_by_district[dspec.key] = []
        for c_index, name in enumerate(dspec.old_communes, start=1):
            if name in seen_old:
                continue  # one name per commune across the province keeps the demo unambiguous
            seen_old.add(name)
            commune = add(
                f"{district.code}.X{c_index:02d}",
                name,
                OLD_COMMUNE,
                district,
                valid_to=LAST_DAY_OF_DISTRICTS,
                priority_area=dspec.priority_area,
                symbol="QĐ-UBND",
                head_title="Chủ tịch",
                district=district,
                weight=rng.uniform(0.6, 1.4),
            )
            old_communes.append(commune)
            old_by_district[dspec.key].append(commune)

    # The new communes and wards of 01/07/2025, each merging 2–4 old communes of one district.
    communes: list[DemoUnit] = []
    new_index = 0
    for district, dspec in zip(districts, places.DISTRICTS, strict=True):
        olds = old_by_district[dspec.key]
        groups = _partition(rng, len(olds), len(dspec.new_communes))
        start = 0
        for name, size in zip(dspec.new_communes, groups, strict=True):
            new_index += 1
            members = olds[start : start + size]
            start += size
            commune = add(
                f"{code}.X{new_index:03d}",
                name,
                COMMUNE,
                province,
                valid_from=COMMUNE_REFORM_DAY,
                priority_area=dspec.priority_area,
                symbol="QĐ-UBND",
                head_title="Chủ tịch",
                district=district,
                weight=sum(m.weight for m in members),
            )
            communes.append(commune)
            for member in members:
                member.successor = commune
            events.append(
                (
                    "merge",
                    COMMUNE_REFORM_DAY,
                    places.COMMUNE_REFORM_DECISION,
                    members,
                    [commune],
                    "",
                    "",
                    f"Sắp xếp {', '.join(m.name for m in members)} thành {name}",
                )
            )
        offices = [o for o in district_offices if o.parent is district]
        for office_unit in offices:
            office_unit.successor = communes[-1 - rng.randrange(len(groups))]
        events.append(
            (
                "dissolve",
                COMMUNE_REFORM_DAY,
                places.DISTRICT_END_DECISION,
                [district, *offices],
                [],
                "",
                "",
                f"Kết thúc hoạt động của {district.name}",
            )
        )
    names = [c.name for c in communes]
    assert len(set(names)) == len(names), "new commune names must be unique"

    # Villages and residential groups under about a third of the communes.
    villages: list[DemoUnit] = []
    for commune in communes:
        if rng.random() > 0.35:
            continue
        ward = commune.commune_kind == "phường"
        count = rng.randint(4, 9)
        picks = rng.sample(places.VILLAGE_NAMES, count)
        for v_index in range(1, count + 1):
            v_name = f"Tổ dân phố {v_index}" if ward else f"Thôn {picks[v_index - 1]}"
            villages.append(
                add(
                    f"{commune.code}.T{v_index:02d}",
                    v_name,
                    VILLAGE,
                    commune,
                    district=commune.district,
                )
            )

    for unit in units:  # parents come before children in `units`
        unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.id}/"
    return Tree(
        units,
        province,
        departments,
        divisions,
        schools,
        hospitals,
        districts,
        district_offices,
        old_communes,
        communes,
        villages,
        events,
    )


def _partition(rng: random.Random, total: int, parts: int) -> list[int]:
    """Sizes of `parts` groups (each ≥ 2) summing to `total`, a little uneven."""
    if parts * 2 > total:
        raise ValueError("each new commune needs at least two old communes")
    sizes = [2] * parts
    for _ in range(total - 2 * parts):
        sizes[rng.randrange(parts)] += 1
    return sizes
