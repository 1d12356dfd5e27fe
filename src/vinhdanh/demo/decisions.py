"""Issuing bodies and the award decisions of the demo data.

Decisions are created lazily, one per (body, award kind, period or event), the first time an
award needs one; their number is assigned at the very end, per issuing body and year in order of
signing, so the numbers run 1, 2, 3 … without gaps whatever the data size.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from vinhdanh.awards.models.decisions import document_kind_of
from vinhdanh.common.text import search_key
from vinhdanh.demo import places
from vinhdanh.demo.names import NamePicker
from vinhdanh.demo.tree import (
    COMMUNE,
    DEPARTMENT,
    DISTRICT,
    DISTRICT_OFFICE,
    DIVISION,
    HOSPITAL,
    OLD_COMMUNE,
    PROVINCE,
    SCHOOL,
    VILLAGE,
    DemoUnit,
)

# Signing windows relative to the achievement year Y: (month, day) in Y or Y + 1.
# Base-level titles first, then the province, then the Prime Minister and the President.
WINDOWS: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "base": ((0, 12, 10), (1, 1, 20)),
    "province": ((1, 1, 21), (1, 2, 28)),
    "pm": ((1, 3, 1), (1, 3, 20)),
    "president": ((1, 3, 21), (1, 3, 31)),
}

KIND_SUBJECT = {
    "LDTT": "Về việc tặng danh hiệu Lao động tiên tiến năm {y}",
    "CSTDCS": "Về việc tặng danh hiệu Chiến sĩ thi đua cơ sở năm {y}",
    "TTLDTT": "Về việc tặng danh hiệu Tập thể lao động tiên tiến năm {y}",
    "TTLDXS": "Về việc tặng danh hiệu Tập thể lao động xuất sắc năm {y}",
    "CSTD_BT": "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh năm {y}",
    "CSTDTQ": "Về việc tặng danh hiệu Chiến sĩ thi đua toàn quốc",
    "BK_BT": "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm {y}",
    "BK_TTG": "Về việc tặng Bằng khen của Thủ tướng Chính phủ",
    "HC_LAO_DONG_3": "Về việc tặng thưởng Huân chương Lao động hạng Ba",
    "XA_TB": "Về việc tặng danh hiệu Xã, phường tiêu biểu năm {y}",
    "THON_VH": "Về việc công nhận danh hiệu Thôn, tổ dân phố văn hóa năm {y}",
    "GIAY_KHEN": "Về việc tặng Giấy khen",
}


def legal_bases(day: dt.date) -> str:
    """The "Căn cứ …" lines of the regime in force on the signing day (rules.md §0.1)."""
    if day < dt.date(2024, 1, 1):
        decree = (
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
            if day >= dt.date(2017, 10, 1)
            else "Căn cứ Nghị định số 42/2010/NĐ-CP ngày 15 tháng 4 năm 2010 và Nghị định số "
            "65/2014/NĐ-CP ngày 01 tháng 7 năm 2014 của Chính phủ;"
        )
        return (
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 16 tháng 11 năm 2013;\n" + decree
        )
    decree = (
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;"
        if day < places.COMMUNE_REFORM_DAY
        else "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
        "về phân cấp, phân quyền và chi tiết thi hành Luật Thi đua, khen thưởng;"
    )
    return "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n" + decree


@dataclass(frozen=True)
class Body:
    key: str  # stable identity for caches and seeds
    name: str  # issuing_body
    unit_id: int | None
    symbol: str
    decider_role: str
    head_title: str
    deputy_title: str


PM = Body("PM", "Thủ tướng Chính phủ", None, "QĐ-TTg", "thu_tuong", "Thủ tướng", "Phó Thủ tướng")
PRESIDENT = Body(
    "CTN", "Chủ tịch nước", None, "QĐ-CTN", "chu_tich_nuoc", "Chủ tịch nước", "Phó Chủ tịch nước"
)


class Bodies:
    """Who decides what for whom (rules.md §4), as of the signing day."""

    def __init__(self, province: DemoUnit) -> None:
        self.province_body = Body(
            "P",
            places.PROVINCE_BODY,
            province.id,
            "QĐ-UBND",
            "chu_tich_ubnd_tinh",
            "Chủ tịch",
            "Phó Chủ tịch",
        )
        self._cache: dict[tuple[int, str], Body] = {}

    def of_department(self, dept: DemoUnit, day: dt.date) -> Body:
        name = dept.name_on(day)
        cache_key = (dept.id, name)
        body = self._cache.get(cache_key)
        if body is None:
            head = "Trưởng ban" if name.startswith("Ban ") else dept.head_title
            body = Body(
                f"D{dept.id}:{name}",
                f"{name} tỉnh {places.PROVINCE_SHORT}"
                if not name.endswith("tỉnh")
                else f"{name} {places.PROVINCE_SHORT}",
                dept.id,
                dept.symbol_on(day),
                "giam_doc_so",
                head,
                f"Phó {head}",
            )
            self._cache[cache_key] = body
        return body

    def of_local(self, unit: DemoUnit) -> Body:
        """A district or a commune: its People's Committee, decided by its chair."""
        cache_key = (unit.id, "")
        body = self._cache.get(cache_key)
        if body is None:
            if unit.role == DISTRICT:
                kind = unit.name[: -len(unit.short_name) - 1]
                name = f"Ủy ban nhân dân {kind.lower()} {unit.short_name}"
                role = "chu_tich_ubnd_huyen"
            else:
                kind = unit.commune_kind
                rest = unit.name[len(kind) + 1 :]
                name = f"Ủy ban nhân dân {kind} {rest}"
                if unit.role == OLD_COMMUNE and unit.district is not None:
                    name += f", {unit.district.name[0].lower()}{unit.district.name[1:]}"
                role = "chu_tich_ubnd_xa"
            body = Body(f"L{unit.id}", name, unit.id, "QĐ-UBND", role, "Chủ tịch", "Phó Chủ tịch")
            self._cache[cache_key] = body
        return body

    def managing_department(self, unit: DemoUnit, day: dt.date) -> DemoUnit | None:
        if unit.role == DEPARTMENT:
            return unit
        if unit.role in (DIVISION, SCHOOL, HOSPITAL):
            return unit.parent_on(day)
        return None

    def base(self, unit: DemoUnit, kind: str, day: dt.date) -> Body:
        """LĐTT, CSTĐCS, TTLĐTT and Giấy khen for the people or collective of `unit`."""
        dept = self.managing_department(unit, day)
        if dept is not None:
            return self.of_department(dept, day)
        if unit.role in (OLD_COMMUNE, COMMUNE):
            if kind in ("LDTT", "GIAY_KHEN"):
                return self.of_local(unit)  # Art. 80(3): the commune chair
            if unit.role == OLD_COMMUNE and unit.district is not None:
                return self.of_local(unit.district)  # Art. 80(2), until 30/06/2025
            return self.province_body  # after 01/07/2025 (R-AUTH-2025-2, configurable)
        if unit.role == DISTRICT_OFFICE and unit.district is not None:
            return self.of_local(unit.district)
        if unit.role == VILLAGE and unit.district is not None:
            return self.of_local(unit.district)
        if unit.role == PROVINCE:
            return self.province_body
        raise ValueError(f"no base-level authority for {unit.code}")


@dataclass(slots=True)
class DecisionRow:
    id: int
    key: str
    body: Body
    year: int
    signed_on: dt.date
    kind: str = "award"
    revokes_id: int | None = None
    subject: str = ""


class DecisionBook:
    """Creates the decisions lazily and numbers them at the end."""

    def __init__(self, seed: int, first_id: int, names: NamePicker) -> None:
        self.seed = seed
        self.next_id = first_id
        self.names = names
        self._by_key: dict[tuple[str, str, str], DecisionRow] = {}
        self.all: list[DecisionRow] = []
        self.pending: list[DecisionRow] = []
        self._signers: dict[tuple[str, int], str] = {}

    def signing_day(self, body: Body, tag: str, window: str, year: int) -> dt.date:
        (y0, m0, d0), (y1, m1, d1) = WINDOWS[window]
        first, last = dt.date(year + y0, m0, d0), dt.date(year + y1, m1, d1)
        rng = random.Random(f"{self.seed}|sign|{body.key}|{tag}|{year}")
        day = first + dt.timedelta(days=rng.randrange((last - first).days + 1))
        while day.weekday() >= 5:  # signed on a working day
            day -= dt.timedelta(days=1)
        return day

    def get(
        self,
        body: Body,
        kind: str,
        tag: str,
        *,
        year: int,
        window: str = "base",
        signed_on: dt.date | None = None,
        subject: str = "",
    ) -> DecisionRow:
        """The decision of `body` for award kind `kind` and `tag` (a year or an event)."""
        key = (body.key, kind, tag)
        row = self._by_key.get(key)
        if row is None:
            day = signed_on or self.signing_day(body, f"{kind}:{tag}", window, year)
            row = DecisionRow(
                self.next_id,
                f"{body.key}|{kind}|{tag}",
                body,
                day.year,
                day,
                subject=subject or KIND_SUBJECT.get(kind, "Về việc khen thưởng").format(y=year),
            )
            self.next_id += 1
            self._by_key[key] = row
            self.all.append(row)
            self.pending.append(row)
        return row

    def revocation(
        self, body: Body, original: DecisionRow, signed_on: dt.date, subject: str
    ) -> DecisionRow:
        row = DecisionRow(
            self.next_id,
            f"{body.key}|revoke|{original.id}",
            body,
            signed_on.year,
            signed_on,
            kind="revocation",
            revokes_id=original.id,
            subject=subject,
        )
        self.next_id += 1
        self.all.append(row)
        self.pending.append(row)
        return row

    def signer(self, body: Body, year: int) -> str:
        term = (year - 2001) // 5  # leaders change with the five-year terms
        key = (body.key.split(":")[0], term)
        name = self._signers.get(key)
        if name is None:
            rng = random.Random(f"{self.seed}|signer|{key[0]}|{term}")
            name = self.names.full_name(rng, birth_year=1968)
            self._signers[key] = name
        return name

    def take_pending(self) -> list[tuple[object, ...]]:
        """Rows for awards_decision (number left empty until `numbers`)."""
        rows: list[tuple[object, ...]] = []
        for d in self.pending:
            body = d.body
            rng = random.Random(f"{self.seed}|signer-title|{d.key}")
            deputy = body.key not in ("PM", "CTN") and rng.random() < 0.6
            rows.append(
                (
                    d.id,
                    d.kind,
                    "issued",
                    body.unit_id,
                    body.name,
                    search_key(body.name),
                    None,
                    body.symbol,
                    document_kind_of(body.symbol),
                    d.year,
                    d.signed_on.isoformat(),
                    self.signer(body, d.year) if not deputy else self._deputy(body, d.year),
                    body.deputy_title if deputy else body.head_title,
                    body.decider_role,
                    d.subject,
                    legal_bases(d.signed_on),
                    d.revokes_id,
                    body.unit_id is None,  # national bodies: history from outside the province
                )
            )
        self.pending = []
        return rows

    def _deputy(self, body: Body, year: int) -> str:
        term = (year - 2001) // 5
        rng = random.Random(f"{self.seed}|deputy|{body.key.split(':')[0]}|{term}")
        return self.names.full_name(rng, birth_year=1972)

    def numbers(self) -> list[tuple[int, int]]:
        """(number, id) for every decision: 1, 2, 3 … per issuing unit (a body without one:
        per name) and year, by date — a unit renamed within a year keeps one series."""
        groups: dict[tuple[object, int], list[DecisionRow]] = defaultdict(list)
        for d in self.all:
            series = d.body.unit_id if d.body.unit_id is not None else search_key(d.body.name)
            groups[(series, d.year)].append(d)
        result: list[tuple[int, int]] = []
        for rows in groups.values():
            rows.sort(key=lambda r: (r.signed_on, r.id))
            result.extend((n, r.id) for n, r in enumerate(rows, start=1))
        return result


DECISION_COLUMNS = (
    "id",
    "kind",
    "status",
    "issuing_unit_id",
    "issuing_body",
    "body_key",
    "number",
    "symbol",
    "series",
    "year",
    "signed_on",
    "signer_name",
    "signer_title",
    "decider_role",
    "subject",
    "legal_bases",
    "revokes_id",
    "imported",
)
