"""The layout of an administrative document under Decree 30/2020/NĐ-CP, Appendix I, as data.

`STYLES` is the table of Appendix I, Part I, Section IV ("mẫu chữ và chi tiết trình bày"):
one row per element, with the size this system applies (inside the decree's range) and the
case, weight and slant the decree fixes. docs/documents.md prints the same table; the tests
read every generated .docx back against it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from vinhdanh.common.numbers import decision_number

NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
FONT = "Times New Roman"

# Appendix I, Part I, Section I: A4 portrait; margins top/bottom 20–25, left 30–35, right 15–20.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
FIRST_LINE_INDENT_MM = 10  # "lùi vào 1 cm hoặc 1,27 cm"
PARAGRAPH_AFTER_PT = 6  # "khoảng cách giữa các đoạn văn tối thiểu là 6pt"
HEADER_LEFT_MM = 70  # ô số 2 (issuing body, number)
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM  # ô số 1 (national title, motto, date)


@dataclass(frozen=True)
class Style:
    element: str  # Vietnamese name of the element, as in the decree's table
    case: str  # "in hoa" / "in thường"
    decree_sizes: str  # the decree's range, e.g. "12-13"
    size: int  # what this system applies
    bold: bool = False
    italic: bool = False

    @property
    def slant(self) -> str:
        parts = ["nghiêng" if self.italic else "đứng"]
        if self.bold:
            parts.append("đậm")
        return ", ".join(parts)


STYLES: dict[str, Style] = {
    "national_name": Style("Quốc hiệu", "in hoa", "12-13", 12, bold=True),
    "motto": Style("Tiêu ngữ", "in thường", "13-14", 13, bold=True),
    "parent_body": Style("Tên cơ quan chủ quản trực tiếp", "in hoa", "12-13", 12),
    "issuing_body": Style("Tên cơ quan, tổ chức ban hành", "in hoa", "12-13", 12, bold=True),
    "number": Style("Số, ký hiệu của văn bản", "in thường", "13", 13),
    "place_date": Style("Địa danh và thời gian ban hành", "in thường", "13-14", 14, italic=True),
    "kind": Style("Tên loại văn bản", "in hoa", "13-14", 14, bold=True),
    "subject": Style("Trích yếu nội dung", "in thường", "13-14", 14, bold=True),
    "authority": Style("Thẩm quyền ban hành (quyết định)", "in hoa", "13-14", 14, bold=True),
    "body": Style("Nội dung văn bản", "in thường", "13-14", 14),
    "article": Style("Từ “Điều”, số thứ tự và tên điều", "in thường", "13-14", 14, bold=True),
    "decides": Style("Từ “QUYẾT ĐỊNH:” trước các điều", "in hoa", "13-14", 14, bold=True),
    "sign_authority": Style(
        "Quyền hạn người ký (TM., KT., Q., TL., TUQ.)", "in hoa", "13-14", 14, bold=True
    ),
    "sign_title": Style("Chức vụ người ký", "in hoa", "13-14", 14, bold=True),
    "sign_name": Style("Họ tên người ký", "in thường", "13-14", 14, bold=True),
    "recipients_label": Style("Từ “Nơi nhận”", "in thường", "12", 12, bold=True, italic=True),
    "recipients": Style("Tên cơ quan, tổ chức, cá nhân nhận", "in thường", "11", 11),
    "annex_label": Style("Từ “Phụ lục” và số thứ tự", "in thường", "14", 14, bold=True),
    "annex_title": Style("Tiêu đề phụ lục", "in hoa", "13-14", 14, bold=True),
    "annex_note": Style(
        "Dòng “Kèm theo …” dưới tiêu đề phụ lục", "in thường", "13-14", 14, italic=True
    ),
    "table": Style("Chữ trong bảng (danh sách)", "in thường", "—", 13),
    "table_head": Style("Đầu cột của bảng", "in thường", "—", 13, bold=True),
    "table_small": Style("Chữ trong bảng nhiều cột (biên bản)", "in thường", "—", 12),
    "table_small_head": Style("Đầu cột của bảng nhiều cột", "in thường", "—", 12, bold=True),
    "to_fill": Style(
        "Phần người đề nghị tự viết (báo cáo thành tích)", "in thường", "—", 14, italic=True
    ),
}

# The forms of signing (Decree 30/2020, Art. 13 and Appendix I, Section II.7).
AUTHORITY_FORMS = {
    "": "",
    "TM.": "thay mặt",
    "KT.": "ký thay",
    "Q.": "quyền",
    "TL.": "thừa lệnh",
    "TUQ.": "thừa ủy quyền",
}


class DocumentError(ValueError):
    """Input a document cannot be made from; the message is for the clerk, in Vietnamese."""


def nfc(text: object) -> str:
    return unicodedata.normalize("NFC", str(text or "")).strip()


def date_line(place: str, day: dt.date) -> str:
    """ "Hà Tĩnh, ngày 05 tháng 02 năm 2025": days below 10 and months 1–2 take a leading zero
    (Appendix I, Section II.4)."""
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    prefix = f"{nfc(place)}, " if place else ""
    return f"{prefix}ngày {d} tháng {m} năm {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 125/QĐ-UBND"; numbers below 10 take a leading zero; an unnumbered draft leaves the
    number blank for the văn thư ("Số:      /QĐ-UBND")."""
    if number is None:
        return f"Số:      /{symbol}"
    return f"Số: {decision_number(number, symbol)}"


def vietnamese_upper(text: str) -> str:
    return nfc(text).upper()


# Characters Times New Roman (and the metric-compatible Liberation Serif) draw: Latin with
# every Vietnamese letter, Greek, Cyrillic, general punctuation, the đồng sign.
_COVERED = (
    (0x0020, 0x007E),
    (0x00A0, 0x024F),
    (0x0300, 0x036F),
    (0x0370, 0x03FF),
    (0x0400, 0x04FF),
    (0x1E00, 0x1EFF),
    (0x2000, 0x206F),
    (0x20AB, 0x20AC),
    (0x2116, 0x2122),
)


def outside_font(text: str) -> list[str]:
    """The characters of `text` the document font cannot draw, in order, without repeats."""
    found: list[str] = []
    for char in nfc(text).replace("\n", " ").replace("\t", " "):
        code = ord(char)
        if not any(lo <= code <= hi for lo, hi in _COVERED) and char not in found:
            found.append(char)
    return found


def check_font(label: str, text: str) -> None:
    bad = outside_font(text)
    if bad:
        shown = " ".join(f"“{c}” (U+{ord(c):04X})" for c in bad)
        raise DocumentError(
            _("%(what)s “%(text)s” contains characters the document font cannot print: %(chars)s.")
            % {"what": label, "text": nfc(text), "chars": shown}
        )
