"""Importing historic awards with their decisions from a spreadsheet.

Each row is one award to one person or one unit. Rows citing the same decision (number, symbol
and issuing body, in the year of its date) share one Decision row; a decision already in the
system is reused when its date agrees. Imported decisions are recorded as issued history
(`imported`, with who imported them): they are outside every number series Vinh Danh keeps, and
a decision made in Vinh Danh, or an award it revoked, cannot be touched by an import.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, NamedTuple

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.awards.enums import AwardType, DecisionKind, DecisionStatus, SubjectType
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.awards.models.decisions import document_kind_of
from vinhdanh.common import context
from vinhdanh.common.audit import record_bulk
from vinhdanh.common.importing import columns as c
from vinhdanh.common.importing.base import (
    Importer,
    Row,
    chunks,
    distinct,
    fmt_date,
    in_scope,
    out_of_scope,
)
from vinhdanh.common.importing.bulk import insert_rows
from vinhdanh.common.text import normalize, search_key
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.interfaces.imports import UnitRef, load_units, unknown_unit
from vinhdanh.people.interfaces.imports import (
    PersonRef,
    load_visible_people,
    unit_stubs,
    unknown_person,
)

AWARD_TYPES: dict[str, tuple[str, ...]] = {
    AwardType.CONG_TRANG: (
        "Công trạng",
        "CONG_TRANG",
        "Thường xuyên",
        "Theo công trạng và thành tích đạt được",
    ),
    AwardType.DOT_XUAT: ("Đột xuất", "DOT_XUAT", "Thành tích đột xuất"),
    AwardType.PHONG_TRAO: (
        "Phong trào",
        "PHONG_TRAO",
        "Theo đợt",
        "Chuyên đề",
        "Theo đợt hoặc chuyên đề",
        "Phong trào thi đua",
    ),
    AwardType.CONG_HIEN: ("Cống hiến", "CONG_HIEN", "Quá trình cống hiến"),
    AwardType.NIEN_HAN: ("Niên hạn", "NIEN_HAN", "Theo niên hạn"),
    AwardType.DOI_NGOAI: ("Đối ngoại", "DOI_NGOAI"),
}
_DECISION_NUMBER = re.compile(r"^(\d{1,7})\s*/\s*(?:(\d{4})\s*/\s*)?([^\W\d_][\w.]*(?:-[\w.]+)*)$")


class DecisionNumber(NamedTuple):
    number: int
    year: int | None  # "125/2024/QĐ-UBND" carries the year
    symbol: str

    def __str__(self) -> str:
        middle = f"{self.year}/" if self.year else ""
        return f"{self.number}/{middle}{self.symbol}"


def decision_number(value: Any) -> DecisionNumber:
    """'125/QĐ-UBND' (or '125/2024/QĐ-UBND'): a number, a slash and the symbol."""
    raw = c.display(value).replace(" ", "")
    match = _DECISION_NUMBER.match(raw)
    if not match or int(match.group(1)) == 0 or len(match.group(3)) > 40:
        raise c.CellError(
            _("“%(value)s” is not a decision number: write it as number/symbol, e.g. 125/QĐ-UBND")
            % {"value": c.display(value)}
        )
    number, year, symbol = match.groups()
    return DecisionNumber(int(number), int(year) if year else None, symbol)


def _this_year() -> int:
    return dt.date.today().year


class _DecisionRef(NamedTuple):
    id: int | None  # None: created by this import
    row: int | None  # the first row citing it (None: already in the system)
    label: str
    signed_on: dt.date
    signer_name: str


class _Planned(NamedTuple):
    row: Row
    kind: AwardKind
    person: PersonRef | None
    unit: UnitRef | None
    decision_key: tuple[str, int, int, str]


def unit_subject_types(level: str) -> set[str]:
    """What a unit can receive as: a collective, and a village or commune by its level."""
    types = {SubjectType.COLLECTIVE.value}
    if level == UnitLevel.VILLAGE:
        types.add(SubjectType.VILLAGE.value)
    if level == UnitLevel.COMMUNE:
        types.add(SubjectType.COMMUNE.value)
    return types


class AwardImporter(Importer):
    kind = "awards"
    title = gettext_lazy("Awards and their decisions")
    description = gettext_lazy(
        "Historic awards, one row per award to a person (staff code) or to a unit (unit code), "
        "with the decision that granted it. Rows with the same decision number, issuing body "
        "and decision year make one decision; a decision already in the system is reused."
    )
    sheet_title = "Khen thưởng"
    one_of = (("person_code", "unit_code"),)
    columns = (
        c.Column(
            "person_code",
            "Mã cán bộ",
            c.code(40),
            example="CB000123",
            help=gettext_lazy(
                "The staff code of the person awarded. Fill in either this or the unit code."
            ),
        ),
        c.Column(
            "unit_code",
            "Mã đơn vị",
            c.code(40),
            help=gettext_lazy(
                "The code of the unit (collective) awarded. Fill in either this or the staff code."
            ),
        ),
        c.Column(
            "kind",
            "Mã danh hiệu",
            c.text(255),
            required=True,
            example="LDTT",
            aliases=("Danh hiệu", "Hình thức khen thưởng", "Mã hình thức"),
            help=gettext_lazy(
                "The title or form of commendation, by its catalogue code "
                "(or its full Vietnamese name)."
            ),
            allowed=gettext_lazy(
                "A code of the award catalogue, e.g. LDTT, CSTDCS, TTLDTT, GIAY_KHEN, BK_BT."
            ),
        ),
        c.Column(
            "period",
            "Năm thành tích",
            c.year(minimum=1945, maximum=_this_year),
            example=2024,
            help=gettext_lazy("The year of the achievement."),
            allowed=gettext_lazy("A year; or fill in the achievement period instead."),
        ),
        c.Column(
            "period_label",
            "Giai đoạn thành tích",
            c.text(60),
            help=gettext_lazy("A period of several years, e.g. 2019–2023 (instead of the year)."),
        ),
        c.Column(
            "award_type",
            "Loại hình",
            c.choice(AWARD_TYPES),
            default=AwardType.CONG_TRANG.value,
            example="Công trạng",
            choices=tuple(s[0] for s in AWARD_TYPES.values()),
            help=gettext_lazy(
                "The type of award (Công trạng when empty); it must be one the award kind allows."
            ),
            allowed=", ".join(s[0] for s in AWARD_TYPES.values()),
        ),
        c.Column(
            "decision_number",
            "Số quyết định",
            decision_number,
            required=True,
            example="125/QĐ-UBND",
            aliases=("Số QĐ",),
            help=gettext_lazy("The number and symbol of the decision."),
            allowed=gettext_lazy("number/symbol, e.g. 125/QĐ-UBND or 125/2024/QĐ-UBND."),
        ),
        c.Column(
            "decision_date",
            "Ngày quyết định",
            c.date_value,
            required=True,
            example=dt.date(2025, 1, 15),
            aliases=("Ngày ký",),
            help=gettext_lazy("The day the decision was signed."),
            allowed=gettext_lazy("dd/mm/yyyy or yyyy-mm-dd, not after today."),
        ),
        c.Column(
            "issuing_body",
            "Cơ quan ban hành",
            c.text(255),
            required=True,
            example="Ủy ban nhân dân tỉnh Hà Tĩnh",
            help=gettext_lazy("The body that issued the decision."),
        ),
        c.Column(
            "signer_name",
            "Người ký",
            c.text(120),
            example="Trần Văn Bình",
            help=gettext_lazy("Who signed the decision."),
        ),
        c.Column(
            "signer_title",
            "Chức vụ người ký",
            c.text(120),
            example="Chủ tịch",
            help=gettext_lazy("The signer's title."),
        ),
        c.Column("note", "Ghi chú", c.text(500), help=gettext_lazy("A note (optional).")),
    )

    @classmethod
    def reference_sheets(cls) -> list[tuple[str, list[str], list[list[Any]]]]:
        """The award catalogue, so the clerk can look the codes up."""
        labels = {a: s[0] for a, s in AWARD_TYPES.items()}
        subjects = {s.value: str(s.label) for s in SubjectType}
        rows: list[list[Any]] = [
            [
                kind.code,
                kind.name_vi,
                ", ".join(subjects.get(s, s) for s in kind.subject_types or []),
                ", ".join(labels.get(t, t) for t in kind.award_types or []),
            ]
            for kind in AwardKind.objects.filter(is_active=True)
        ]
        headers = ["Mã danh hiệu", "Tên", _("Awarded to"), "Loại hình"]
        return [("Danh mục khen thưởng", headers, rows)]

    def check(self, rows: list[Row]) -> None:
        today = self.today
        people, _hidden = load_visible_people(distinct(r["person_code"] for r in rows), self.scope)
        units = load_units(distinct(r["unit_code"] for r in rows))
        kinds = self._kinds()
        stored_decisions = self._stored_decisions(rows)
        decisions: dict[tuple[str, int, int, str], _DecisionRef] = {}
        self._new_decisions: dict[tuple[str, int, int, str], Row] = {}
        self._planned: list[_Planned] = []
        seen: dict[tuple[str, int, int, Any], int] = {}
        for row in rows:
            subject = self._subject(row, people, units)
            kind = self._kind(row, kinds, subject)
            number: DecisionNumber | None = row["decision_number"]
            day: dt.date | None = row["decision_date"]
            period, label = row["period"], row["period_label"]
            if period is None and label is None and "period" not in row.bad:
                self.error(row, "period", _("write the achievement year or the achievement period"))
            if day is not None:
                if day > today:
                    self.error(
                        row, "decision_date", _("%(day)s is after today") % {"day": fmt_date(day)}
                    )
                elif period is not None and day.year < period:
                    self.error(
                        row,
                        "decision_date",
                        _("the decision is dated %(day)s, before the achievement year %(year)s")
                        % {"day": fmt_date(day), "year": period},
                    )
                if number is not None and number.year is not None and number.year != day.year:
                    self.error(
                        row,
                        "decision_number",
                        _(
                            "the year in the number (%(year)s) is not the year of the decision "
                            "date (%(day)s)"
                        )
                        % {"year": number.year, "day": fmt_date(day)},
                    )
            if kind is not None and row["award_type"] is not None:
                allowed = kind.award_types or []
                if allowed and row["award_type"] not in allowed:
                    self.error(
                        row,
                        "award_type",
                        _("%(kind)s is not given as “%(type)s”; allowed: %(allowed)s")
                        % {
                            "kind": kind.code,
                            "type": AwardType(row["award_type"]).label,
                            "allowed": ", ".join(str(AwardType(t).label) for t in allowed),
                        },
                    )
            key = None
            body = row["issuing_body"]
            if number is not None and day is not None and body is not None:
                key = (search_key(body), day.year, number.number, number.symbol)
                self._check_decision(row, key, str(number), body, decisions, stored_decisions)
            if subject is None or kind is None or key is None:
                continue
            kind_subject = (
                ("p", subject.id) if isinstance(subject, PersonRef) else ("u", subject.id)
            )
            dup_key = (*kind_subject, kind.id, period if period is not None else label)
            if dup_key in seen:
                self.error(
                    row,
                    "kind",
                    _("%(kind)s for %(period)s is already in row %(row)s")
                    % {"kind": kind.code, "period": period or label, "row": seen[dup_key]},
                )
                continue
            seen[dup_key] = row.number
            self._planned.append(
                _Planned(
                    row,
                    kind,
                    subject if isinstance(subject, PersonRef) else None,
                    subject if isinstance(subject, UnitRef) else None,
                    key,
                )
            )
        self._check_stored_awards()
        self._decisions = decisions

    # -- pieces of check

    def _kinds(self) -> dict[str, AwardKind]:
        by_key: dict[str, AwardKind] = {}
        ambiguous: set[str] = set()
        kinds = list(AwardKind.objects.all())
        for kind in kinds:
            by_key[search_key(kind.code)] = kind
        for kind in kinds:
            for alias in (kind.name_vi, kind.short_vi):
                key = search_key(alias)
                if not key or (key in by_key and by_key[key].pk != kind.pk):
                    ambiguous.add(key)
                    continue
                by_key[key] = kind
        for key in ambiguous - {search_key(k.code) for k in kinds}:
            by_key.pop(key, None)
        return by_key

    def _stored_decisions(self, rows: list[Row]) -> dict[tuple[str, int, int, str], Decision]:
        numbers = distinct(r["decision_number"].number for r in rows if r["decision_number"])
        years = distinct(r["decision_date"].year for r in rows if r["decision_date"])
        stored: dict[tuple[str, int, int, str], Decision] = {}
        for part in chunks(numbers):
            for decision in Decision.objects.filter(number__in=part, year__in=years).only(
                "id",
                "body_key",
                "year",
                "number",
                "symbol",
                "signed_on",
                "signer_name",
                "status",
                "issuing_body",
                "imported",
            ):
                if decision.number is not None:
                    key = (decision.body_key, decision.year, decision.number, decision.symbol)
                    stored[key] = decision
        return stored

    def _subject(
        self, row: Row, people: dict[str, PersonRef], units: dict[str, UnitRef]
    ) -> PersonRef | UnitRef | None:
        person_code, unit_code = row["person_code"], row["unit_code"]
        if person_code is not None and unit_code is not None:
            self.error(row, "unit_code", _("fill in the staff code or the unit code, not both"))
            return None
        if person_code is None and unit_code is None:
            if not row.bad & {"person_code", "unit_code"}:
                key = "person_code" if "person_code" in self.problems.headers else "unit_code"
                self.error(row, key, _("fill in the staff code or the unit code"))
            return None
        if person_code is not None:
            person = people.get(person_code)
            if person is None:
                self.error(row, "person_code", unknown_person(person_code))
            return person
        assert unit_code is not None
        unit = units.get(unit_code)
        if unit is None:
            self.error(row, "unit_code", unknown_unit(unit_code))
        elif not in_scope(self.scope, unit.id, unit.path):
            self.error(
                row,
                "unit_code",
                _("the unit %(code)s is %(scope)s") % {"code": unit_code, "scope": out_of_scope()},
            )
            return None
        elif row["decision_date"] is not None and unit.valid_from > row["decision_date"]:
            self.error(
                row,
                "unit_code",
                _("the unit %(code)s did not exist yet on %(day)s")
                % {"code": unit_code, "day": fmt_date(row["decision_date"])},
            )
        return unit

    def _kind(
        self, row: Row, kinds: dict[str, AwardKind], subject: PersonRef | UnitRef | None
    ) -> AwardKind | None:
        value = row["kind"]
        if value is None:
            return None
        kind = kinds.get(search_key(value))
        if kind is None:
            self.error(row, "kind", _("no award kind has the code %(code)s") % {"code": value})
            return None
        if subject is None:
            return kind
        allowed = set(kind.subject_types or [])
        if isinstance(subject, PersonRef):
            fits, subject_text = SubjectType.INDIVIDUAL.value in allowed, _("a person")
        else:
            fits = bool(allowed & unit_subject_types(subject.level))
            subject_text = _("a unit")
        if not fits:
            self.error(
                row,
                "kind",
                _("%(kind)s (%(name)s) cannot be awarded to %(subject)s; it is for: %(allowed)s")
                % {
                    "kind": kind.code,
                    "name": kind.name_vi,
                    "subject": subject_text,
                    "allowed": ", ".join(str(SubjectType(s).label) for s in kind.subject_types),
                },
            )
            return None
        return kind

    def _check_decision(
        self,
        row: Row,
        key: tuple[str, int, int, str],
        label: str,
        body: str,
        decisions: dict[tuple[str, int, int, str], _DecisionRef],
        stored: dict[tuple[str, int, int, str], Decision],
    ) -> None:
        day: dt.date = row["decision_date"]
        signer = row["signer_name"] or ""
        known = decisions.get(key)
        if known is None:
            decision = stored.get(key)
            if decision is not None:
                if not decision.imported:
                    # Issued (or drafted) in Vinh Danh: its awards come from nominations and
                    # the decision's own issuing, never from a spreadsheet.
                    self.error(
                        row,
                        "decision_number",
                        _(
                            "decision %(number)s of %(body)s was made in Vinh Danh: awards are "
                            "added to it only through the nomination workflow, not by an import"
                        )
                        % {"number": label, "body": decision.issuing_body},
                    )
                known = _DecisionRef(
                    decision.pk, None, label, decision.signed_on, decision.signer_name
                )
            else:
                known = _DecisionRef(None, row.number, label, day, signer)
                self._new_decisions[key] = row
            decisions[key] = known
        if known.signed_on != day:
            if known.row is None:
                message = _(
                    "decision %(number)s of %(body)s is already in the system, dated %(day)s"
                ) % {"number": label, "body": body, "day": fmt_date(known.signed_on)}
            else:
                message = _("decision %(number)s is dated %(day)s in row %(row)s") % {
                    "number": label,
                    "day": fmt_date(known.signed_on),
                    "row": known.row,
                }
            self.error(row, "decision_date", message)
        elif (
            signer
            and known.signer_name
            and normalize(signer).casefold() != normalize(known.signer_name).casefold()
        ):
            where = (
                _("row %(row)s") % {"row": known.row}
                if known.row is not None
                else _("already in the system")
            )
            self.error(
                row,
                "signer_name",
                _("decision %(number)s is signed by %(name)s (%(where)s)")
                % {"number": label, "name": known.signer_name, "where": where},
            )

    def _check_stored_awards(self) -> None:
        person_ids = distinct(p.person.id for p in self._planned if p.person)
        unit_ids = distinct(p.unit.id for p in self._planned if p.unit)
        kind_ids = distinct(p.kind.id for p in self._planned)
        stored: dict[tuple[str, int, int, Any], str] = {}
        for field, prefix, ids in (("person_id", "p", person_ids), ("unit_id", "u", unit_ids)):
            for part in chunks(ids):
                query = Award.objects.filter(
                    **{f"{field}__in": part}, kind_id__in=kind_ids
                ).values_list(
                    field,
                    "kind_id",
                    "period",
                    "period_label",
                    "decision__number",
                    "decision__symbol",
                    "revoked_by__number",
                    "revoked_by__symbol",
                )
                for subject_id, kind_id, period, label, number, symbol, r_num, r_sym in query:
                    # A revoked award stays revoked: an import must not bring it back.
                    where = (
                        _("decision %(number)s, revoked by decision %(revoked)s")
                        % {"number": f"{number}/{symbol}", "revoked": f"{r_num}/{r_sym}"}
                        if r_num is not None
                        else _("decision %(number)s") % {"number": f"{number}/{symbol}"}
                    )
                    stored[(prefix, subject_id, kind_id, period)] = where
                    if label:
                        stored[(prefix, subject_id, kind_id, label)] = where
        if not stored:
            return
        keep: list[_Planned] = []
        for plan in self._planned:
            row = plan.row
            if plan.person is not None:
                subject: tuple[str, int] = ("p", plan.person.id)
            else:
                assert plan.unit is not None
                subject = ("u", plan.unit.id)
            period = row["period"] if row["period"] is not None else row["period_label"]
            cited = stored.get((*subject, plan.kind.id, period))
            if cited is not None:
                self.error(
                    row,
                    "kind",
                    _("%(kind)s for %(period)s is already in the system (%(where)s)")
                    % {"kind": plan.kind.code, "period": period, "where": cited},
                )
                continue
            keep.append(plan)
        self._planned = keep

    # -- results

    def planned(self) -> dict[str, int]:
        return {"awards.decision": len(self._new_decisions), "awards.award": len(self._planned)}

    def write(self) -> dict[str, int]:
        acting = context.current()
        importer_id = acting.user_id if acting is not None else None
        new: dict[tuple[str, int, int, str], Decision] = {}
        for key, row in self._new_decisions.items():
            number: DecisionNumber = row["decision_number"]
            body = row["issuing_body"]
            new[key] = Decision(
                kind=DecisionKind.AWARD,
                status=DecisionStatus.ISSUED,
                issuing_body=body,
                body_key=search_key(body),
                number=number.number,
                symbol=number.symbol,
                series=document_kind_of(number.symbol),
                year=row["decision_date"].year,
                signed_on=row["decision_date"],
                signer_name=row["signer_name"] or "",
                signer_title=row["signer_title"] or "",
                imported=True,
                imported_by_id=importer_id,
            )
        decisions = list(new.values())
        insert_rows(Decision, decisions)
        by_key: dict[tuple[str, int, int, str], Decision] = dict(new)
        for key, ref in self._decisions.items():
            if ref.id is not None:
                by_key[key] = Decision(
                    pk=ref.id,
                    number=int(key[2]),
                    symbol=key[3],
                    signed_on=ref.signed_on,
                    year=key[1],
                )
        unit_stub = unit_stubs(p.unit for p in self._planned if p.unit)
        awards = []
        for plan in self._planned:
            row = plan.row
            awards.append(
                Award(
                    decision=by_key[plan.decision_key],
                    kind=plan.kind,
                    person=plan.person.stub() if plan.person else None,
                    unit=unit_stub[plan.unit.id] if plan.unit else None,
                    period=row["period"],
                    period_label=row["period_label"] or "",
                    award_type=row["award_type"],
                    note=row["note"] or "",
                )
            )
        insert_rows(Award, awards)
        record_bulk(decisions)
        record_bulk(awards)
        self._created: list[Decision | Award] = [*decisions, *awards]
        return {"awards.decision": len(decisions), "awards.award": len(awards)}

    def summary_instance(self) -> Decision | Award | None:
        return self._created[0] if self._created else None
