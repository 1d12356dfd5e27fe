"""Recipients of a decision, a submission or a public notice, and their annexed list.

A recipient is a person (name in Vietnamese order: family, middle, given) or a collective,
with the award kind and the amount where the kind carries one. Lists are grouped by kind
(in catalogue order), collectives before individuals, as decisions print them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from vinhdanh.awards.enums import AwardCategory
from vinhdanh.documents import formats, money
from vinhdanh.documents.builder import CENTER, RIGHT, Column, OfficialDocument
from vinhdanh.documents.formats import DocumentError, nfc

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


@dataclass(frozen=True)
class Recipient:
    name: str
    is_person: bool
    position: str  # "Chuyên viên, Sở Nội vụ" for a person; the parent unit for a collective
    kind_code: str
    kind_name: str
    kind_category: str
    kind_order: int
    period: str
    amount: int | None = None


@dataclass(frozen=True)
class KindGroup:
    code: str
    name: str
    category: str
    collectives: list[Recipient]
    individuals: list[Recipient]

    @property
    def total(self) -> int:
        return sum(r.amount or 0 for r in (*self.collectives, *self.individuals))

    @property
    def verb(self) -> str:
        """ "Công nhận danh hiệu …" for an emulation title, "Tặng …" for the rest."""
        if self.category == AwardCategory.TITLE:
            return f"Công nhận danh hiệu “{self.name}”"
        return f"Tặng {self.name}"

    def counted(self) -> str:
        parts = []
        if self.collectives:
            parts.append(f"{len(self.collectives):02d} tập thể")
        if self.individuals:
            parts.append(f"{len(self.individuals):02d} cá nhân")
        return " và ".join(parts)


def _position(subject: Any) -> str:
    title = nfc(getattr(subject, "current_title", ""))
    unit = getattr(subject, "current_unit", None)
    parts = [p for p in (title, nfc(unit.name) if unit is not None else "") if p]
    return ", ".join(parts)


# The catalogue names the provincial/ministerial Bằng khen for every such issuer at once.
_ANY_ISSUER = "Bộ, ban, ngành"


def form_of(kind: Any) -> str:
    """The form a commendation is made on ("Bằng khen", "Giấy khen"), without its issuer: what
    the certificate prints large, under the authority's line."""
    name = nfc(kind.name_vi)
    if kind.category == AwardCategory.CERTIFICATE:
        return name.split(" của ")[0]
    return name


def awarded_name(kind: Any, authority: str) -> str:
    """The kind as the decider awards it, as its certificate reads: the form, then the
    authority that signs ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Hà Tĩnh", not the
    catalogue's "Bằng khen của Bộ, ban, ngành, tỉnh"). A kind that names its own issuer
    ("Bằng khen của Thủ tướng Chính phủ") and every title keep their names."""
    name = nfc(kind.name_vi)
    authority = nfc(authority)
    if kind.category != AwardCategory.CERTIFICATE or not authority:
        return name
    issuer = name.partition(" của ")[2]
    if issuer and _ANY_ISSUER not in issuer:
        return name
    return f"{form_of(kind)} của {authority[:1].upper()}{authority[1:]}"


def recipient_of(
    *,
    person: Any,
    unit: Any,
    kind: Any,
    period: str,
    base_salary: int,
    with_amount: bool = True,
    authority: str = "",
) -> Recipient:
    """One line of the list; `authority` is the decider's (Office.authority_line), which names
    the commendation as its certificate does."""
    if person is not None:
        name, is_person, position = nfc(person.full_name), True, _position(person)
    else:
        parent = unit.parent
        name, is_person, position = nfc(unit.name), False, nfc(parent.name) if parent else ""
    return Recipient(
        name=name,
        is_person=is_person,
        position=position,
        kind_code=kind.code,
        kind_name=awarded_name(kind, authority),
        kind_category=kind.category,
        kind_order=kind.sort_order,
        period=period,
        amount=money.bonus_amount(kind.code, base_salary) if with_amount else None,
    )


def grouped(recipients: Iterable[Recipient]) -> list[KindGroup]:
    by_kind: dict[str, list[Recipient]] = {}
    order: dict[str, tuple[int, str, str]] = {}
    for r in recipients:
        by_kind.setdefault(r.kind_code, []).append(r)
        order[r.kind_code] = (r.kind_order, r.kind_name, r.kind_category)
    groups = []
    for code in sorted(by_kind, key=lambda c: (order[c][0], c)):
        members = by_kind[code]
        groups.append(
            KindGroup(
                code=code,
                name=order[code][1],
                category=order[code][2],
                collectives=[r for r in members if not r.is_person],
                individuals=[r for r in members if r.is_person],
            )
        )
    return groups


def check_recipients(recipients: Sequence[Recipient], empty_message: str) -> None:
    """Refuse an empty list and any name the font cannot print, before anything is made."""
    if not recipients:
        raise DocumentError(empty_message)
    for r in recipients:
        formats.check_font(_("The name"), r.name)
        formats.check_font(_("The post or unit"), r.position)


def counted_summary(groups: Sequence[KindGroup]) -> str:
    collectives = sum(len(g.collectives) for g in groups)
    individuals = sum(len(g.individuals) for g in groups)
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    return " và ".join(parts)


def list_tables(doc: OfficialDocument, groups: Sequence[KindGroup], *, amounts: bool) -> int:
    """One table per kind: group rows "I. …", "1. Tập thể", "2. Cá nhân", then the people.
    Returns the grand total of the amounts."""
    show_amounts = amounts and any(g.total for g in groups)
    width = formats.TEXT_WIDTH_MM - 2
    columns = [Column("STT", 15, CENTER)]
    if show_amounts:
        columns += [
            Column("Họ và tên / Tên tập thể", 55),
            Column("Chức vụ, đơn vị công tác", width - 15 - 55 - 30),
            Column("Số tiền (đồng)", 30, RIGHT),
        ]
    else:
        columns += [
            Column("Họ và tên / Tên tập thể", 60),
            Column("Chức vụ, đơn vị công tác", width - 15 - 60),
        ]
    rows: list[list[str]] = []
    merged: list[int] = []
    bold: list[int] = []
    grand = 0
    for index, group in enumerate(groups):
        merged.append(len(rows))
        rows.append([f"{ROMAN[index % len(ROMAN)]}. {formats.vietnamese_upper(group.name)}"])
        sub = 0
        for label, members in (("Tập thể", group.collectives), ("Cá nhân", group.individuals)):
            if not members:
                continue
            sub += 1
            merged.append(len(rows))
            rows.append([f"{sub}. {label} ({len(members):02d})"])
            for position, r in enumerate(members, start=1):
                row = [str(position), r.name, r.position or "—"]
                if show_amounts:
                    row.append(money.vnd(r.amount) if r.amount else "—")
                rows.append(row)
        if show_amounts:
            bold.append(len(rows))
            rows.append(["", "Cộng", "", money.vnd(group.total)])
            grand += group.total
    doc.table(columns, rows, bold_rows=bold, merged_rows=merged)
    if show_amounts:
        doc.blank(6)
        doc.mixed(
            [("Tổng số tiền thưởng: ", "article"), (f"{money.vnd(grand)} đồng.", "body")],
            indent=False,
        )
        doc.para(money.words_line(grand), "body", indent=False)
    return grand
