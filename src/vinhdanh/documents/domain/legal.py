"""The legal bases ("Căn cứ …") of a document: the texts of the regime in force on its date.

The regime is the eligibility engine's (`eligibility.core.regimes`, chosen by the decision
date); each regime's texts are listed here in the wording offices use, with the date from
which a text applies (Circular 01/2024 from 15/04/2024, Circular 15/2025 from 05/08/2025).
Titles of Decree 152/2025 and Circular 15/2025 come from secondary sources (rules.md §1,
confidence M): an office may replace them in its settings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from vinhdanh.eligibility.core import regimes


@dataclass(frozen=True)
class LegalText:
    text: str
    applies_from: dt.date | None = None
    local_government: bool = False  # only for People's Committees


LOCAL_GOVERNMENT_2015 = LegalText(
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ "
    "sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày "
    "22 tháng 11 năm 2019",
    local_government=True,
)
LOCAL_GOVERNMENT_2025 = LegalText(
    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025",
    local_government=True,
)
LAW_2022 = LegalText("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")

TEXTS: dict[str, tuple[LegalText, ...]] = {
    "regime_2013": (
        LOCAL_GOVERNMENT_2015,
        LegalText(
            "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung "
            "một số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 "
            "tháng 11 năm 2013"
        ),
        LegalText(
            "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        LegalText(
            "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04 tháng 11 năm 2019 của Bộ trưởng Bộ Nội vụ "
            "quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP"
        ),
    ),
    "regime_2022a": (
        LOCAL_GOVERNMENT_2015,
        LAW_2022,
        LegalText(
            "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
            "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"
        ),
        LegalText(
            "Căn cứ Thông tư số 01/2024/TT-BNV của Bộ trưởng Bộ Nội vụ quy định biện pháp thi "
            "hành Luật Thi đua, khen thưởng và Nghị định số 98/2023/NĐ-CP",
            applies_from=dt.date(2024, 4, 15),
        ),
    ),
    "regime_2022b": (
        LOCAL_GOVERNMENT_2025,
        LAW_2022,
        LegalText(
            "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
            "chi tiết một số điều của Luật Thi đua, khen thưởng"
        ),
        LegalText(
            "Căn cứ Thông tư số 15/2025/TT-BNV ngày 04 tháng 8 năm 2025 của Bộ trưởng Bộ Nội vụ "
            "quy định biện pháp thi hành Luật Thi đua, khen thưởng và Nghị định số "
            "152/2025/NĐ-CP",
            applies_from=dt.date(2025, 8, 5),
        ),
    ),
}

# The decree whose forms the achievement report follows, by regime.
REPORT_DECREE = {
    "regime_2013": "Nghị định số 91/2017/NĐ-CP",
    "regime_2022a": "Nghị định số 98/2023/NĐ-CP",
    "regime_2022b": "Nghị định số 152/2025/NĐ-CP",
}


def regime_name(on: dt.date) -> str:
    try:
        return regimes.select(on).name
    except regimes.RegimeError:
        return "regime_2022b"


def regime_bases(on: dt.date, *, local_government: bool) -> list[str]:
    texts = TEXTS.get(regime_name(on), TEXTS["regime_2022b"])
    return [
        t.text
        for t in texts
        if (t.applies_from is None or on >= t.applies_from)
        and (local_government or not t.local_government)
    ]


def local_government_bases(on: dt.date) -> list[str]:
    """The law on local government in force on `on`: the basis of a people's committee's own
    decisions that are not about commendations (a steering committee set up, say)."""
    texts = TEXTS.get(regime_name(on), TEXTS["regime_2022b"])
    return [
        t.text
        for t in texts
        if t.local_government and (t.applies_from is None or on >= t.applies_from)
    ]


def report_decree(on: dt.date) -> str:
    return REPORT_DECREE.get(regime_name(on), REPORT_DECREE["regime_2022b"])
