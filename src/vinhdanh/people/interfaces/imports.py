"""Importing people (with their posts), task ratings and initiatives from spreadsheets."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.audit import record_bulk
from vinhdanh.common.importing import columns as c
from vinhdanh.common.importing.base import (
    BATCH_SIZE,
    Importer,
    Row,
    Scope,
    chunks,
    distinct,
    fmt_date,
    in_scope,
    out_of_scope,
)
from vinhdanh.common.importing.bulk import Maker, insert_rows
from vinhdanh.common.text import normalize, person_sort_key, search_key, split_full_name
from vinhdanh.orgs.interfaces.imports import UnitRef, load_units, unknown_unit
from vinhdanh.orgs.models import Unit
from vinhdanh.people.domain.posts import refresh_current_unit
from vinhdanh.people.enums import Gender, InitiativeKind, InitiativeLevel, Rating
from vinhdanh.people.models import Initiative, Person, Post, TaskRating

GENDERS: dict[str, tuple[str, ...]] = {
    Gender.MALE: ("Nam", "M", "male"),
    Gender.FEMALE: ("Nữ", "F", "female"),
}
RATINGS: dict[str, tuple[str, ...]] = {
    Rating.HTXSNV: ("HTXSNV", "Hoàn thành xuất sắc nhiệm vụ", "HTXS"),
    Rating.HTTNV: ("HTTNV", "Hoàn thành tốt nhiệm vụ", "HTT"),
    Rating.HTNV: ("HTNV", "Hoàn thành nhiệm vụ", "HT"),
    Rating.KHTNV: ("KHTNV", "Không hoàn thành nhiệm vụ", "KHT"),
}
INITIATIVE_KINDS: dict[str, tuple[str, ...]] = {
    InitiativeKind.INITIATIVE: ("Sáng kiến", "initiative"),
    InitiativeKind.RESEARCH: (
        "Đề tài khoa học",
        "Đề tài",
        "Đề tài nghiên cứu khoa học",
        "research",
    ),
    InitiativeKind.COMBAT: (
        "Sáng kiến chiến đấu",
        "Mưu trí, sáng tạo trong chiến đấu",
        "combat",
    ),
}
INITIATIVE_LEVELS: dict[str, tuple[str, ...]] = {
    InitiativeLevel.CO_SO: ("Cơ sở", "Cấp cơ sở", "co_so"),
    InitiativeLevel.BO_TINH: (
        "Bộ/tỉnh",
        "Bộ, tỉnh",
        "Cấp bộ",
        "Cấp tỉnh",
        "Bộ",
        "Tỉnh",
        "Bộ, ngành, tỉnh",
        "bo_tinh",
    ),
    InitiativeLevel.TOAN_QUOC: ("Toàn quốc", "Cấp toàn quốc", "toan_quoc"),
}
FIRST_RATING_YEAR = 1975
YES_NO_CHOICES = ("Có", "Không")


def _this_year() -> int:
    return dt.date.today().year


class PersonRef(NamedTuple):
    """What validation needs to know about a person, loaded in bulk."""

    id: int
    code: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    birth_date: dt.date | None
    recruitment_date: dt.date | None
    email: str
    unit_id: int | None
    unit_path: str | None

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.family_name, self.middle_name, self.given_name) if p)

    def stub(self) -> Person:
        """An unsaved-looking Person carrying the pk and name, so str() needs no query."""
        return Person(
            pk=self.id,
            code=self.code,
            family_name=self.family_name,
            middle_name=self.middle_name,
            given_name=self.given_name,
        )


def load_people(codes: Iterable[str]) -> dict[str, PersonRef]:
    wanted = list(dict.fromkeys(codes))
    found: dict[str, PersonRef] = {}
    for part in chunks(wanted):
        for values in Person.objects.filter(code__in=part).values_list(
            "id",
            "code",
            "family_name",
            "middle_name",
            "given_name",
            "gender",
            "birth_date",
            "recruitment_date",
            "email",
            "current_unit_id",
            "current_unit__path",
        ):
            found[values[1]] = PersonRef(*values)
    return found


def load_visible_people(
    codes: Iterable[str], scope: Scope | None
) -> tuple[dict[str, PersonRef], set[str]]:
    """The people of these staff codes that the importing user may see, and the codes held by
    people they may not. Someone outside the user's units reads exactly like nobody: no name,
    no date, no post; only a code already taken cannot be given to a new person."""
    found = load_people(codes)
    hidden = {
        code
        for code, person in found.items()
        if not in_scope(scope, person.unit_id, person.unit_path or "")
    }
    return {c: p for c, p in found.items() if c not in hidden}, hidden


def code_taken(code: str) -> str:
    return _(
        "the staff code %(code)s is already used in the system: choose another code, or ask "
        "the emulation office if this is the same person"
    ) % {"code": code}


def unknown_person(code: str) -> str:
    return _("no person has the staff code %(code)s") % {"code": code}


def unit_stubs(units: Iterable[UnitRef]) -> dict[int, Unit]:
    return {u.id: Unit(pk=u.id, code=u.code, name=u.name, path=u.path) for u in units}


def staff_code_column(**kwargs: Any) -> c.Column:
    return c.Column(
        "code",
        "Mã cán bộ",
        c.code(40),
        required=True,
        example="CB000123",
        aliases=("Mã CB", "Mã nhân sự", "Mã công chức"),
        help=gettext_lazy("The person's staff code, as in the people list."),
        **kwargs,
    )


def full_name_column(length: int, **kwargs: Any) -> c.Column:
    return c.Column(
        "full_name",
        "Họ và tên",
        c.text(length),
        required=True,
        example="Nguyễn Thị Hồng",
        aliases=("Họ tên",),
        help=gettext_lazy("Family name, middle name and given name, in that order."),
        **kwargs,
    )


def gender_column(**kwargs: Any) -> c.Column:
    return c.Column(
        "gender",
        "Giới tính",
        c.choice(GENDERS),
        example="Nữ",
        choices=("Nam", "Nữ"),
        help=gettext_lazy("Gender."),
        **kwargs,
    )


# --- people ---------------------------------------------------------------------------------


class _StoredPost(NamedTuple):
    person_id: int
    unit_code: str
    unit_name: str
    start: dt.date
    end: dt.date | None
    title: str
    is_concurrent: bool


def _post_key(code: str, unit_code: str, start: dt.date, title: str | None) -> tuple[Any, ...]:
    """What makes two posts the same post: person, unit, start date and title."""
    return (code, unit_code, start, (title or "").strip().casefold())


class _Interval(NamedTuple):
    start: dt.date
    end: dt.date | None
    row: int | None  # None: a post already in the database
    where: str  # unit name, for the message


class PersonImporter(Importer):
    kind = "people"
    title = gettext_lazy("People")
    description = gettext_lazy(
        "One row per post: a person with several posts (or a work history) takes several rows "
        "with the same staff code. A staff code already in the system adds posts to that "
        "person; the name and other details must then match."
    )
    sheet_title = "Cán bộ"
    columns = (
        staff_code_column(allowed=gettext_lazy("At most 40 characters, no spaces; unique.")),
        full_name_column(200),
        gender_column(required=True, allowed="Nam, Nữ (M, F)"),
        c.Column(
            "birth_date",
            "Ngày sinh",
            c.date_value,
            example=dt.date(1985, 3, 15),
            help=gettext_lazy("Date of birth."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "recruitment_date",
            "Ngày tuyển dụng",
            c.date_value,
            example=dt.date(2010, 9, 1),
            help=gettext_lazy("The day the person was recruited (counts for length of service)."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "unit_code",
            "Mã đơn vị",
            c.code(40),
            required=True,
            example="SNV-TCCB",
            help=gettext_lazy("The code of the unit of this post."),
            allowed=gettext_lazy("An existing unit, existing on the start date of the post."),
        ),
        c.Column(
            "title",
            "Chức vụ",
            c.text(120),
            required=True,
            example="Chuyên viên",
            help=gettext_lazy("The post held (e.g. Trưởng phòng, Chuyên viên)."),
        ),
        c.Column(
            "start_date",
            "Từ ngày",
            c.date_value,
            required=True,
            example=dt.date(2018, 1, 1),
            help=gettext_lazy("The first day of the post."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "end_date",
            "Đến ngày",
            c.date_value,
            help=gettext_lazy("The last day of the post; empty if the person still holds it."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "is_concurrent",
            "Kiêm nhiệm",
            c.boolean,
            default=False,
            example="Không",
            choices=YES_NO_CHOICES,
            help=gettext_lazy(
                "Có for a concurrent post, which may overlap the main post. "
                "Main posts of one person must not overlap."
            ),
            allowed="Có, Không",
        ),
        c.Column("email", "Email", c.email, help=gettext_lazy("Work e-mail (optional).")),
        c.Column(
            "priority_group",
            "Đối tượng ưu tiên",
            c.boolean,
            default=False,
            example="Không",
            choices=YES_NO_CHOICES,
            help=gettext_lazy("Direct labour, or working in a border or island area."),
            allowed="Có, Không",
        ),
    )
    _PERSON_FIELDS = (
        "full_name",
        "gender",
        "birth_date",
        "recruitment_date",
        "email",
        "priority_group",
    )

    def check(self, rows: list[Row]) -> None:
        today = self.today
        existing, hidden = load_visible_people(distinct(r["code"] for r in rows), self.scope)
        units = load_units(distinct(r["unit_code"] for r in rows))
        self._existing, self._units = existing, units
        intervals: dict[str, list[_Interval]] = defaultdict(list)
        stored_posts: set[tuple[Any, ...]] = set()
        if existing:
            by_id = {p.id: p.code for p in existing.values()}
            for post in self._existing_posts(list(by_id)):
                code = by_id[post.person_id]
                stored_posts.add(_post_key(code, post.unit_code, post.start, post.title))
                if not post.is_concurrent:
                    intervals[code].append(_Interval(post.start, post.end, None, post.unit_name))
        first: dict[str, Row] = {}
        merged: dict[str, dict[str, Any]] = {}
        seen_posts: dict[tuple[Any, ...], int] = {}
        self._posts: list[Row] = []
        for row in rows:
            code = row["code"]
            self._check_person_cells(row, today)
            if code in hidden:
                self.error(row, "code", code_taken(code))
                continue
            if code is not None:
                if code in existing:
                    self._compare_existing(row, existing[code])
                elif code in first:
                    self._compare_rows(row, first[code], merged[code])
                else:
                    first[code] = row
                    merged[code] = {k: row[k] for k in self._PERSON_FIELDS}
            unit = self._check_post(row, units)
            start, end = row["start_date"], row["end_date"]
            if code is None or start is None or unit is None:
                continue
            key = _post_key(code, unit.code, start, row["title"])
            if key in stored_posts:
                # The same post imported again (the same file twice): already there, not a
                # second copy and not an overlap with itself.
                continue
            if key in seen_posts:
                self.error(
                    row, "code", _("this post is already in row %(row)s") % {"row": seen_posts[key]}
                )
                continue
            seen_posts[key] = row.number
            self._posts.append(row)
            if not row["is_concurrent"] and not (end is not None and end < start):
                intervals[code].append(_Interval(start, end, row.number, unit.name))
        for items in intervals.values():
            if len(items) > 1:
                self._check_overlaps(items)
        self._new = merged
        self._first = first

    def _existing_posts(self, person_ids: list[int]) -> list[_StoredPost]:
        result: list[_StoredPost] = []
        for part in chunks(person_ids):
            result.extend(
                _StoredPost(*values)
                for values in Post.objects.filter(person_id__in=part).values_list(
                    "person_id",
                    "unit__code",
                    "unit__name",
                    "start_date",
                    "end_date",
                    "title",
                    "is_concurrent",
                )
            )
        return result

    def _check_person_cells(self, row: Row, today: dt.date) -> None:
        name, birth, hired = row["full_name"], row["birth_date"], row["recruitment_date"]
        if name is not None:
            family, middle, given = split_full_name(name)
            if not family:
                self.error(
                    row,
                    "full_name",
                    _("write the full name: family name, middle name and given name"),
                )
            elif len(family) > 60 or len(middle) > 80 or len(given) > 60:
                self.error(row, "full_name", _("a part of the name is too long"))
        if birth is not None:
            if birth > today:
                self._reject_date(row, "birth_date", _("%(day)s is after today"))
                birth = None
            elif birth.year < today.year - 120:
                self._reject_date(row, "birth_date", _("%(day)s is too far in the past"))
                birth = None
        if hired is not None:
            if hired > today:
                self._reject_date(row, "recruitment_date", _("%(day)s is after today"))
            elif birth is not None and hired <= birth:
                self.error(
                    row,
                    "recruitment_date",
                    _("recruited on or before the date of birth (%(day)s)")
                    % {"day": fmt_date(birth)},
                )

    def _reject_date(self, row: Row, key: str, message: str) -> None:
        """Report a wrong date and forget it, so later checks do not repeat the problem."""
        self.error(row, key, message % {"day": fmt_date(row[key])})
        row.values[key] = None
        row.bad.add(key)

    def _check_post(self, row: Row, units: dict[str, UnitRef]) -> UnitRef | None:
        start, end, birth = row["start_date"], row["end_date"], row["birth_date"]
        if start is not None and end is not None and end < start:
            self.error(
                row, "end_date", _("ends before it starts (%(start)s)") % {"start": fmt_date(start)}
            )
        if start is not None and birth is not None and start < birth:
            self.error(
                row,
                "start_date",
                _("starts before the date of birth (%(day)s)") % {"day": fmt_date(birth)},
            )
        code = row["unit_code"]
        if code is None:
            return None
        unit = units.get(code)
        if unit is None:
            self.error(row, "unit_code", unknown_unit(code))
            return None
        if not in_scope(self.scope, unit.id, unit.path):
            self.error(
                row,
                "unit_code",
                _("the unit %(code)s is %(scope)s") % {"code": code, "scope": out_of_scope()},
            )
            return None
        if start is not None and not unit.valid_on(start):
            self.error(
                row,
                "unit_code",
                _("the unit %(code)s does not exist on %(day)s (it exists %(period)s)")
                % {"code": code, "day": fmt_date(start), "period": unit.period},
            )
            return None
        return unit

    def _compare_existing(self, row: Row, person: PersonRef) -> None:
        stored: dict[str, Any] = {
            "full_name": person.full_name,
            "gender": person.gender,
            "birth_date": person.birth_date,
            "recruitment_date": person.recruitment_date,
            "email": person.email,
        }
        for key, old in stored.items():
            new = row[key]
            if new is None or old in (None, "") or _same(key, new, old):
                continue
            self.error(
                row,
                key,
                _(
                    "the staff code %(code)s is already in the system with a different value: "
                    "%(value)s"
                )
                % {"code": person.code, "value": _shown(key, old)},
            )

    def _compare_rows(self, row: Row, first: Row, merged: dict[str, Any]) -> None:
        for key in self._PERSON_FIELDS:
            new, old = row[key], merged[key]
            if new is None or key in row.bad:
                continue
            if old is None:
                merged[key] = new
            elif not _same(key, new, old):
                self.error(
                    row,
                    key,
                    _("differs from row %(row)s of the same person: %(value)s")
                    % {"row": first.number, "value": _shown(key, old)},
                )

    def _check_overlaps(self, items: list[_Interval]) -> None:
        items.sort(key=lambda i: (i.start, i.row or 0))
        latest = items[0]  # of the intervals seen, the one that ends last
        for item in items[1:]:
            if latest.end is None or item.start <= latest.end:
                here, other = (item, latest) if item.row is not None else (latest, item)
                if here.row is not None:
                    where = (
                        _("row %(row)s") % {"row": other.row}
                        if other.row is not None
                        else _("already in the system")
                    )
                    self.error(
                        here.row,
                        "start_date",
                        _(
                            "overlaps the main post in %(unit)s from %(start)s (%(where)s): one "
                            "person cannot be in two places at once; fill in “Đến ngày” of the "
                            "earlier post or mark one post as concurrent (Kiêm nhiệm)"
                        )
                        % {"unit": other.where, "start": fmt_date(other.start), "where": where},
                    )
            if latest.end is not None and (item.end is None or item.end > latest.end):
                latest = item

    def planned(self) -> dict[str, int]:
        return {"people.person": len(self._new), "people.post": len(self._posts)}

    def write(self) -> dict[str, int]:
        today = self.today
        best: dict[str, Row] = {}
        for row in self._posts:
            code = row["code"]
            if code not in self._new or row["is_concurrent"]:
                continue
            current = best.get(code)
            if current is None or _better_post(row, current, today):
                best[code] = row
        units_by_code = self._units
        persons: list[Person] = []
        make_person, make_post = Maker(Person), Maker(Post)
        for code, fields in self._new.items():
            family, middle, given = split_full_name(fields["full_name"])
            post = best.get(code)
            unit = units_by_code[post["unit_code"]] if post is not None else None
            persons.append(
                make_person(
                    code=code,
                    family_name=family,
                    middle_name=middle,
                    given_name=given,
                    gender=fields["gender"] or "",
                    birth_date=fields["birth_date"],
                    recruitment_date=fields["recruitment_date"],
                    email=fields["email"] or "",
                    priority_group=bool(fields["priority_group"]),
                    current_unit_id=unit.id if unit else None,
                    current_title=post["title"] if post is not None else "",
                    search_key=" ".join(
                        [*(_part_key(p) for p in (family, middle, given) if p), search_key(code)]
                    ),
                    sort_key=person_sort_key(given, middle, family),
                )
            )
        insert_rows(Person, persons)
        by_code: dict[str, Person] = {p.code: p for p in persons}
        for ref in self._existing.values():
            by_code[ref.code] = ref.stub()
        stubs = unit_stubs(units_by_code.values())
        posts: list[Post] = []
        for row in self._posts:
            unit = units_by_code[row["unit_code"]]
            person = by_code[row["code"]]
            new_post = make_post(
                person_id=person.pk,
                unit_id=unit.id,
                title=row["title"],
                start_date=row["start_date"],
                end_date=row["end_date"],
                is_concurrent=row["is_concurrent"],
            )
            new_post.person, new_post.unit = person, stubs[unit.id]  # str() without a query
            posts.append(new_post)
        insert_rows(Post, posts)
        record_bulk(persons)
        record_bulk(posts)
        new_ids = {p.pk for p in persons}
        touched = {p.person_id for p in posts if p.person_id not in new_ids}
        # People already in the system: their current unit follows the new posts (the domain
        # function saves them, so the change is audited like any other).
        for part in chunks(sorted(touched)):
            refresh_current_unit(part, today=today)
        self._persons = persons
        self._created_posts = posts
        return {"people.person": len(persons), "people.post": len(posts)}

    def summary_instance(self) -> Person | Post | None:
        if self._persons:
            return self._persons[0]
        return self._created_posts[0] if self._created_posts else None


# Names repeat (a few hundred family and given names): key each part once.
_part_key = lru_cache(maxsize=20_000)(search_key)


def _better_post(row: Row, current: Row, today: dt.date) -> bool:
    """The post that makes the current unit: an open one first, then the latest start."""

    def is_open(r: Row) -> bool:
        return r["end_date"] is None or r["end_date"] >= today

    if is_open(row) != is_open(current):
        return is_open(row)
    return bool(row["start_date"] > current["start_date"])


def _same(key: str, new: Any, old: Any) -> bool:
    if key == "full_name":
        return bool(normalize(new).casefold() == normalize(old).casefold())
    if key == "email":
        return bool(str(new).casefold() == str(old).casefold())
    return bool(new == old)


def _shown(key: str, value: Any) -> str:
    if key == "gender":
        return {"M": "Nam", "F": "Nữ"}.get(value, str(value))
    if isinstance(value, dt.date):
        return fmt_date(value)
    if isinstance(value, bool):
        return "Có" if value else "Không"
    return str(value)


# --- task ratings ---------------------------------------------------------------------------


class RatingImporter(Importer):
    kind = "ratings"
    title = gettext_lazy("Task ratings")
    description = gettext_lazy(
        "One row per person and year: the rating of how well the person completed their tasks. "
        "A rating already in the system for the same person and year is an error: an import "
        "never overwrites one."
    )
    sheet_title = "Xếp loại"
    columns = (
        staff_code_column(allowed=gettext_lazy("A person already in the system.")),
        c.Column(
            "year",
            "Năm",
            c.year(minimum=FIRST_RATING_YEAR, maximum=_this_year),
            required=True,
            example=2024,
            aliases=("Năm đánh giá", "Năm xếp loại"),
            help=gettext_lazy("The evaluation year."),
            allowed=gettext_lazy("From 1975 to this year."),
        ),
        c.Column(
            "rating",
            "Xếp loại",
            c.choice(RATINGS),
            required=True,
            example="HTTNV",
            aliases=("Mức độ hoàn thành nhiệm vụ",),
            choices=tuple(RATINGS),
            help=gettext_lazy("The rating of task completion."),
            allowed="HTXSNV (Hoàn thành xuất sắc nhiệm vụ), HTTNV (Hoàn thành tốt nhiệm "
            "vụ), HTNV (Hoàn thành nhiệm vụ), KHTNV (Không hoàn thành nhiệm vụ)",
        ),
        c.Column(
            "months_worked",
            "Số tháng công tác",
            c.decimal(minimum=Decimal(0), maximum=Decimal(12), step=Decimal("0.5")),
            default=Decimal(12),
            example=12,
            help=gettext_lazy("Months worked in the year (12 when empty)."),
            allowed=gettext_lazy("0 to 12, in steps of 0.5."),
        ),
        c.Column(
            "movement_participation",
            "Tham gia phong trào",
            c.boolean,
            default=True,
            example="Có",
            choices=YES_NO_CHOICES,
            help=gettext_lazy("Took part in emulation movements (Có when empty)."),
            allowed="Có, Không",
        ),
        c.Column("note", "Ghi chú", c.text(255), help=gettext_lazy("A note (optional).")),
    )

    def check(self, rows: list[Row]) -> None:
        people, _hidden = load_visible_people(distinct(r["code"] for r in rows), self.scope)
        years = distinct(r["year"] for r in rows)
        stored: dict[tuple[int, int], str] = {}
        ids = [p.id for p in people.values()]
        for part in chunks(ids):
            for pid, year, rating in TaskRating.objects.filter(
                person_id__in=part, year__in=years
            ).values_list("person_id", "year", "rating"):
                stored[(pid, year)] = rating
        seen: dict[tuple[str, int], int] = {}
        self._rows: list[tuple[Row, PersonRef]] = []
        for row in rows:
            code, year = row["code"], row["year"]
            if code is None:
                continue
            person = people.get(code)
            if person is None:
                self.error(row, "code", unknown_person(code))
                continue
            if year is None:
                continue
            if person.recruitment_date and year < person.recruitment_date.year:
                self.error(
                    row,
                    "year",
                    _("%(year)s is before the person was recruited (%(day)s)")
                    % {"year": year, "day": fmt_date(person.recruitment_date)},
                )
            if (code, year) in seen:
                self.error(
                    row,
                    "year",
                    _("%(person)s already has a rating for %(year)s in row %(row)s")
                    % {"person": person.full_name, "year": year, "row": seen[(code, year)]},
                )
                continue
            seen[(code, year)] = row.number
            if (person.id, year) in stored:
                self.error(
                    row,
                    "year",
                    _(
                        "%(person)s already has a rating for %(year)s in the system (%(rating)s); "
                        "an import never overwrites it"
                    )
                    % {
                        "person": person.full_name,
                        "year": year,
                        "rating": stored[(person.id, year)],
                    },
                )
                continue
            self._rows.append((row, person))

    def planned(self) -> dict[str, int]:
        return {"people.taskrating": len(self._rows)}

    def write(self) -> dict[str, int]:
        make = Maker(TaskRating)
        ratings = []
        for row, person in self._rows:
            rating = make(
                person_id=person.id,
                year=row["year"],
                rating=row["rating"],
                unit_id=person.unit_id,
                months_worked=row["months_worked"],
                movement_participation=row["movement_participation"],
                note=row["note"] or "",
            )
            rating.person = person.stub()  # str() without a query
            ratings.append(rating)
        insert_rows(TaskRating, ratings)
        record_bulk(ratings)
        self._created = ratings
        return {"people.taskrating": len(ratings)}

    def summary_instance(self) -> TaskRating | None:
        return self._created[0] if self._created else None


# --- initiatives ----------------------------------------------------------------------------


class InitiativeImporter(Importer):
    kind = "initiatives"
    title = gettext_lazy("Initiatives")
    description = gettext_lazy(
        "One row per recognised initiative, research project or combat ingenuity, with the "
        "staff codes of its authors."
    )
    sheet_title = "Sáng kiến"
    columns = (
        c.Column(
            "title",
            "Tên sáng kiến",
            c.text(500),
            required=True,
            example="Số hóa hồ sơ thi đua, khen thưởng",
            aliases=("Tên đề tài",),
            help=gettext_lazy("The title of the initiative or research project."),
        ),
        c.Column(
            "kind",
            "Loại",
            c.choice(INITIATIVE_KINDS),
            required=True,
            example="Sáng kiến",
            choices=("Sáng kiến", "Đề tài khoa học"),
            help=gettext_lazy("Initiative, accepted research project or combat ingenuity."),
            allowed="Sáng kiến, Đề tài khoa học, Sáng kiến chiến đấu",
        ),
        c.Column(
            "level",
            "Cấp công nhận",
            c.choice(INITIATIVE_LEVELS),
            required=True,
            example="Cơ sở",
            choices=("Cơ sở", "Bộ/tỉnh", "Toàn quốc"),
            help=gettext_lazy("The scope within which the effect was recognised."),
            allowed="Cơ sở, Bộ/tỉnh, Toàn quốc",
        ),
        c.Column(
            "recognised_on",
            "Ngày công nhận",
            c.date_value,
            required=True,
            example=dt.date(2024, 11, 30),
            help=gettext_lazy("The day of recognition."),
            allowed="dd/mm/yyyy, yyyy-mm-dd",
        ),
        c.Column(
            "recognised_by",
            "Cơ quan công nhận",
            c.text(255),
            example="Sở Nội vụ tỉnh Hà Tĩnh",
            help=gettext_lazy("The body that recognised it."),
        ),
        c.Column(
            "decision_number",
            "Số quyết định công nhận",
            c.text(80),
            example="45/QĐ-SNV",
            help=gettext_lazy("The recognition decision (optional)."),
        ),
        c.Column(
            "authors",
            "Mã tác giả",
            c.code_list(40),
            required=True,
            example="CB000123; CB000456",
            aliases=("Mã cán bộ", "Tác giả"),
            help=gettext_lazy("The staff codes of the authors, separated by ; or ,."),
            allowed=gettext_lazy("People already in the system."),
        ),
        c.Column(
            "applied_effectively",
            "Áp dụng hiệu quả",
            c.boolean,
            default=True,
            example="Có",
            choices=YES_NO_CHOICES,
            help=gettext_lazy("Applied with effect (Có when empty)."),
            allowed="Có, Không",
        ),
        c.Column(
            "replicable",
            "Có khả năng nhân rộng",
            c.boolean,
            default=True,
            example="Có",
            choices=YES_NO_CHOICES,
            help=gettext_lazy("Can be replicated (Có when empty)."),
            allowed="Có, Không",
        ),
    )

    def check(self, rows: list[Row]) -> None:
        today = self.today
        people, _hidden = load_visible_people(
            (code for r in rows for code in (r["authors"] or ())), self.scope
        )
        dates = distinct(r["recognised_on"] for r in rows)
        stored: set[tuple[str, dt.date]] = set()
        for part in chunks(dates):
            for title, day in Initiative.objects.filter(recognised_on__in=part).values_list(
                "title", "recognised_on"
            ):
                stored.add((search_key(title), day))
        seen: dict[tuple[str, dt.date], int] = {}
        self._rows: list[tuple[Row, list[PersonRef]]] = []
        for row in rows:
            day, title = row["recognised_on"], row["title"]
            if day is not None and day > today:
                self.error(
                    row, "recognised_on", _("%(day)s is after today") % {"day": fmt_date(day)}
                )
            authors: list[PersonRef] = []
            for code in row["authors"] or ():
                person = people.get(code)
                if person is None:
                    self.error(row, "authors", unknown_person(code))
                else:
                    authors.append(person)
            if title is None or day is None:
                continue
            key = (search_key(title), day)
            if key in seen:
                self.error(
                    row,
                    "title",
                    _("this initiative is already in row %(row)s") % {"row": seen[key]},
                )
                continue
            seen[key] = row.number
            if key in stored:
                self.error(
                    row,
                    "title",
                    _("this initiative, recognised on %(day)s, is already in the system")
                    % {"day": fmt_date(day)},
                )
                continue
            self._rows.append((row, authors))

    def planned(self) -> dict[str, int]:
        return {
            "people.initiative": len(self._rows),
            "people.initiative_authors": sum(len(a) for _r, a in self._rows),
        }

    @classmethod
    def count_label(cls, label: str) -> str:
        if label == "people.initiative_authors":
            return _("authors")
        return super().count_label(label)

    def write(self) -> dict[str, int]:
        initiatives = [
            Initiative(
                title=row["title"],
                kind=row["kind"],
                level=row["level"],
                recognised_on=row["recognised_on"],
                recognised_by=row["recognised_by"] or "",
                decision_number=row["decision_number"] or "",
                applied_effectively=row["applied_effectively"],
                replicable=row["replicable"],
            )
            for row, _authors in self._rows
        ]
        insert_rows(Initiative, initiatives)
        through = Initiative.authors.through
        links = [
            through(initiative_id=initiative.pk, person_id=person.id)
            for initiative, (_row, authors) in zip(initiatives, self._rows, strict=True)
            for person in authors
        ]
        through.objects.bulk_create(links, batch_size=BATCH_SIZE)
        record_bulk(initiatives)
        self._created = initiatives
        return {"people.initiative": len(initiatives), "people.initiative_authors": len(links)}

    def summary_instance(self) -> Initiative | None:
        return self._created[0] if self._created else None
