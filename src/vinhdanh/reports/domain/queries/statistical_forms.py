"""The Home Affairs sector's statistical report forms on emulation and commendation.

Layouts as issued with Thông tư 02/2023/TT-BNV (23/3/2023), the sector's statistical reporting
regime. Thông tư 18/2025/TT-BNV (08/10/2025) now sets the regime; its annex could not be read
when these were written, so `BASIS` names the circular the layouts were checked against:

- Biểu 0601.N/BNV-TĐKT "Số phong trào thi đua": movements launched in the year, by the level that
  launched them, by scope, by duration and by method;
- Biểu 0602.N/BNV-TĐKT "Số lượng khen thưởng cấp Nhà nước": State-level awards by form (each
  form its own column, collective and individual apart), by proposing body, by subject and by
  method (award type).

A form is rows × columns of integers; a cell is None where Vinh Danh has no data to fill it
(the clerk fills it by hand: e.g. individuals by leadership rank). The numbers come from
`statistics.award_statistics` and the movements of the subtree, nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from vinhdanh.awards.enums import AwardType
from vinhdanh.movements.enums import MovementKind
from vinhdanh.movements.models import Movement
from vinhdanh.orgs.domain.queries.rollup import path_ids
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import Unit
from vinhdanh.reports.domain.queries.statistics import (
    COLLECTIVE,
    INDIVIDUAL,
    AwardStatistics,
    Cell,
)


@dataclass(frozen=True)
class FormColumn:
    number: str  # the column's number on the form ("1", "2" …)
    group: str  # the heading above (may repeat over several columns)
    label: str  # the column's own heading ("Tập thể", "Cá nhân"), or "" when none


@dataclass(frozen=True)
class FormRow:
    label: str
    code: str  # "Mã số"; "" for a heading row
    measure: str = ""  # "Đơn vị tính" (0602)
    values: tuple[int | None, ...] = ()
    heading: bool = False


@dataclass(frozen=True)
class StatisticalForm:
    number: str  # "0601.N/BNV-TĐKT"
    title: str
    basis: str
    unit_name: str
    years: str
    measure: str  # "Đơn vị tính" of the whole form, when one
    columns: tuple[FormColumn, ...]
    rows: tuple[FormRow, ...]
    notes: tuple[str, ...] = ()
    has_measure_column: bool = False

    def value(self, code: str, column: int) -> int | None:
        """The figure of the row with code `code`, column index `column` (0 = Tổng số)."""
        for row in self.rows:
            if row.code == code:
                return row.values[column]
        raise KeyError(code)


BASIS = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"


def _years(stats_from: int, stats_to: int) -> str:
    return f"Năm {stats_from}" if stats_from == stats_to else f"Năm {stats_from} – {stats_to}"


# --- 0602: State-level awards ---------------------------------------------------------------

CellTest = Callable[[Cell, str, str], bool]  # cell, kind code, kind category


def _is(
    category: str | None = None, code: str | None = None, subject: str | None = None
) -> CellTest:
    def test(cell: Cell, kind_code: str, kind_category: str) -> bool:
        return (
            (category is None or kind_category == category)
            and (code is None or kind_code == code)
            and (subject is None or cell.subject == subject)
        )

    return test


_NAMED = {"GT_HCM", "GT_NN", "CTD_CP", "BK_TTG", "CSTDTQ"}


def _other(subject: str) -> CellTest:
    def test(cell: Cell, kind_code: str, kind_category: str) -> bool:
        return (
            cell.subject == subject
            and kind_category not in ("order", "medal", "honorary")
            and kind_code not in _NAMED
        )

    return test


_0602_COLUMNS: tuple[tuple[FormColumn, CellTest], ...] = (
    (FormColumn("1", "Tổng số", ""), lambda c, k, cat: True),
    (FormColumn("2", "Huân chương", "Tập thể"), _is("order", subject=COLLECTIVE)),
    (FormColumn("2", "Huân chương", "Cá nhân"), _is("order", subject=INDIVIDUAL)),
    (FormColumn("2", "Huy chương", "Tập thể"), _is("medal", subject=COLLECTIVE)),
    (FormColumn("2", "Huy chương", "Cá nhân"), _is("medal", subject=INDIVIDUAL)),
    (FormColumn("3", "Giải thưởng Hồ Chí Minh", ""), _is(code="GT_HCM")),
    (FormColumn("4", "Giải thưởng Nhà nước", ""), _is(code="GT_NN")),
    (FormColumn("5", "Danh hiệu vinh dự nhà nước", "Tập thể"), _is("honorary", subject=COLLECTIVE)),
    (FormColumn("5", "Danh hiệu vinh dự nhà nước", "Cá nhân"), _is("honorary", subject=INDIVIDUAL)),
    (FormColumn("6", "Cờ thi đua của Chính phủ", ""), _is(code="CTD_CP")),
    (
        FormColumn("7", "Bằng khen của Thủ tướng Chính phủ", "Tập thể"),
        _is(code="BK_TTG", subject=COLLECTIVE),
    ),
    (
        FormColumn("7", "Bằng khen của Thủ tướng Chính phủ", "Cá nhân"),
        _is(code="BK_TTG", subject=INDIVIDUAL),
    ),
    (FormColumn("8", "Danh hiệu “Chiến sĩ thi đua toàn quốc”", ""), _is(code="CSTDTQ")),
    (FormColumn("9", "Các hình thức khen thưởng khác", "Tập thể"), _other(COLLECTIVE)),
    (FormColumn("9", "Các hình thức khen thưởng khác", "Cá nhân"), _other(INDIVIDUAL)),
)


def _of_type(award_type: str) -> Callable[[Cell], bool]:
    return lambda cell: cell.award_type == award_type


def _lasting(code: str) -> Callable[[Movement], bool]:
    return lambda movement: _duration_row(movement) == code


def _top_level(unit: Unit) -> str:
    top_id = path_ids(unit.path)[0]
    top = unit if top_id == unit.pk else Unit.objects.filter(pk=top_id).first()
    return top.level if top is not None else unit.level


def form_0602(stats: AwardStatistics, unit_name: str = "") -> StatisticalForm:
    """Biểu 0602: the State-level awards of the statistics, in the form's rows and columns."""
    state = stats.where(lambda c: stats.kinds[c.kind_id].level == "state")
    units = stats.units

    def row(predicate: Callable[[Cell], bool]) -> tuple[int, ...]:
        sums = [0] * len(_0602_COLUMNS)
        for cell in state.cells:
            if not predicate(cell):
                continue
            kind = state.kinds[cell.kind_id]
            for i, (_column, test) in enumerate(_0602_COLUMNS):
                if test(cell, kind.code, kind.category):
                    sums[i] += cell.count
        return tuple(sums)

    def none(cell: Cell) -> bool:
        return False

    blank: tuple[int | None, ...] = tuple(None for _ in _0602_COLUMNS)
    everything = row(lambda c: True)
    province = _top_level(stats.root) == UnitLevel.PROVINCE
    by_type = [
        ("- Thường xuyên", "15", AwardType.CONG_TRANG),
        ("- Chuyên đề", "16", AwardType.PHONG_TRAO),
        ("- Đột xuất", "17", AwardType.DOT_XUAT),
        ("- Đối ngoại", "18", AwardType.DOI_NGOAI),
        ("- Cống hiến", "19", AwardType.CONG_HIEN),
        ("- Niên hạn", "20", AwardType.NIEN_HAN),
    ]
    rows = [
        FormRow("Tổng số", "01", "", everything),
        FormRow("1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ", "", heading=True),
        FormRow(
            "- Bộ, ban, ngành, đoàn thể Trung ương",
            "02",
            "Bộ, ngành",
            row(none) if province else everything,
        ),
        FormRow(
            "- Tỉnh, thành phố trực thuộc Trung ương",
            "03",
            "Tỉnh, TP",
            everything if province else row(none),
        ),
        FormRow("2. Chia theo đối tượng khen thưởng", "", heading=True),
        FormRow("- Tập thể", "06", "Tập thể", row(lambda c: c.subject == COLLECTIVE)),
        FormRow(
            "Trong đó: Doanh nghiệp",
            "07",
            "Doanh nghiệp",
            row(
                lambda c: c.subject == COLLECTIVE and units[c.unit_id].level == UnitLevel.ENTERPRISE
            ),
        ),
        FormRow("- Hộ gia đình", "08", "Hộ", row(none)),
        FormRow("- Cá nhân", "09", "Người", row(lambda c: c.subject == INDIVIDUAL)),
        FormRow("+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên", "10", "Người", blank),
        FormRow("+ Lãnh đạo cấp vụ, sở, ngành và tương đương", "11", "Người", blank),
        FormRow("+ Doanh nhân", "12", "Người", blank),
        FormRow("+ Các cấp lãnh đạo khác từ phó phòng trở lên", "13", "Người", blank),
        FormRow(
            "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu",
            "14",
            "Người",
            blank,
        ),
        FormRow("3. Chia theo phương thức khen thưởng", "", heading=True),
        *(
            FormRow(label, code, "", row(_of_type(award_type)))
            for label, code, award_type in by_type
        ),
        FormRow("- Kháng chiến", "21", "", row(none)),
    ]
    return StatisticalForm(
        number="0602.N/BNV-TĐKT",
        title="SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        basis=BASIS,
        unit_name=unit_name or stats.root.name,
        years=_years(stats.year_from, stats.year_to),
        measure="",
        columns=tuple(c for c, _t in _0602_COLUMNS),
        rows=tuple(rows),
        notes=(
            "Dòng 10–14 (cá nhân theo cấp lãnh đạo) do đơn vị điền: Vinh Danh không lưu "
            "chức vụ của người được khen theo các nhóm này.",
        ),
        has_measure_column=True,
    )


# --- 0601: emulation movements --------------------------------------------------------------

_0601_COLUMNS = (
    FormColumn("1=(2+3+4)", "Tổng số", ""),
    FormColumn(
        "2",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
        "Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)",
    ),
    FormColumn(
        "3",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
        "Cấp bộ, ban, ngành, đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương",
    ),
    FormColumn(
        "4",
        "Số phong trào thi đua chia theo cấp chủ trì phát động thi đua",
        "Cơ quan, tổ chức, đơn vị",
    ),
)


def _duration_row(movement: Movement) -> str:
    """The duration row (06–10) of a movement; an open-ended one counts by its kind."""
    if movement.ends_on is None:
        return "07" if movement.kind == MovementKind.REGULAR else "10"
    days = (movement.ends_on - movement.starts_on).days + 1
    if days < 360:
        return "06"
    if days <= 372:
        return "07"
    if days < 3 * 365:
        return "08"
    if days < 5 * 365:
        return "09"
    return "10"


def movements_launched(root: Unit, year_from: int, year_to: int) -> list[Movement]:
    """Movements launched in the years by the root or a unit under it."""
    return list(
        Movement.objects.filter(
            launched_by__path__startswith=root.path,
            launched_on__range=(dt.date(year_from, 1, 1), dt.date(year_to, 12, 31)),
        ).select_related("launched_by")
    )


def form_0601(root: Unit, year_from: int, year_to: int, unit_name: str = "") -> StatisticalForm:
    """Biểu 0601: the movements launched in the subtree, counted by the form's rows."""
    movements = movements_launched(root, year_from, year_to)

    def column(movement: Movement) -> int:
        # A province (or a top-level body) launches at the level of column 3; units below, 4.
        return 2 if movement.launched_by.parent_id is None else 3

    def row(test: Callable[[Movement], bool]) -> tuple[int, ...]:
        sums = [0, 0, 0, 0]
        for m in movements:
            if test(m):
                sums[0] += 1
                sums[column(m)] += 1
        return tuple(sums)

    def top(m: Movement) -> bool:
        return m.launched_by.parent_id is None

    rows = [
        FormRow("Tổng số", "01", values=row(lambda m: True)),
        FormRow("1. Chia theo phạm vi tổ chức thi đua", "", heading=True),
        FormRow("- Toàn quốc", "02", values=row(lambda m: False)),
        FormRow("- Bộ, ban, ngành đoàn thể, địa phương", "03", values=row(top)),
        FormRow(
            "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức",
            "04",
            values=row(lambda m: False),
        ),
        FormRow("- Cơ quan, tổ chức, đơn vị", "05", values=row(lambda m: not top(m))),
        FormRow("2. Chia theo thời hạn thi đua", "", heading=True),
        *(
            FormRow(label, code, values=row(_lasting(code)))
            for label, code in (
                ("- Dưới 1 năm", "06"),
                ("- 1 năm", "07"),
                ("- Từ 1 năm đến dưới 3 năm", "08"),
                ("- Từ 3 năm đến dưới 5 năm", "09"),
                ("- Từ 5 năm trở lên", "10"),
            )
        ),
        FormRow("3. Chia theo phương thức tổ chức phong trào thi đua", "", heading=True),
        FormRow(
            "- Thi đua theo chuyên đề",
            "11",
            values=row(lambda m: m.kind == MovementKind.THEMATIC),
        ),
        FormRow(
            "- Thi đua thường xuyên hàng năm",
            "12",
            values=row(lambda m: m.kind == MovementKind.REGULAR),
        ),
    ]
    return StatisticalForm(
        number="0601.N/BNV-TĐKT",
        title="SỐ PHONG TRÀO THI ĐUA",
        basis=BASIS,
        unit_name=unit_name or root.name,
        years=_years(year_from, year_to),
        measure="Phong trào",
        columns=_0601_COLUMNS,
        rows=tuple(rows),
    )
