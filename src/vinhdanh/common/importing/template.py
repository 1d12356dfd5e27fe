"""Downloadable .xlsx templates, generated from the column specs (never hand-made files).

Sheet 1 holds the header row and one example row; sheet 2, "Hướng dẫn", explains each column:
required or not, what it means, the values allowed and an example.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from vinhdanh.common.importing.base import Importer
from vinhdanh.common.importing.columns import display

GUIDE_SHEET = "Hướng dẫn"
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
_OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
_DATE_FORMAT = "DD/MM/YYYY"
_VALIDATION_ROWS = 5000


def template_filename(cls: type[Importer]) -> str:
    return f"mau-nhap-{cls.kind}.xlsx"


def template_bytes(cls: type[Importer]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = cls.sheet_title[:31]
    sheet.freeze_panes = "A2"
    for index, col in enumerate(cls.columns, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index, value=col.header)
        head.font = Font(bold=True)
        head.fill = _REQUIRED_FILL if col.required else _OPTIONAL_FILL
        head.alignment = Alignment(wrap_text=True, vertical="center")
        example = sheet.cell(row=2, column=index, value=col.example)
        if isinstance(col.example, dt.date):
            example.number_format = _DATE_FORMAT
        elif isinstance(col.example, str):
            example.number_format = "@"  # codes such as 0012 stay text
        sheet.column_dimensions[letter].width = max(
            12, min(45, len(col.header) + 4, len(display(col.example)) + 4)
        )
        if (
            col.choices
            and sum(len(c) + 1 for c in col.choices) < 250
            and not any("," in c or '"' in c for c in col.choices)
        ):
            validation = DataValidation(
                type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True
            )
            validation.add(f"{letter}2:{letter}{_VALIDATION_ROWS}")
            sheet.add_data_validation(validation)

    guide = workbook.create_sheet(GUIDE_SHEET)
    guide.append([str(cls.title)])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append([str(cls.description)])
    guide.append(
        [
            _(
                "Fill in one row per record on the first sheet, keep the header row as it is, "
                "and delete the example row. Dates: dd/mm/yyyy. Orange columns are required."
            )
        ]
    )
    guide.append([])
    guide.append([_("Column"), _("Required"), _("Meaning"), _("Allowed values"), _("Example")])
    for cell in guide[5]:
        cell.font = Font(bold=True)
    for col in cls.columns:
        guide.append(
            [
                col.header,
                _("Yes") if col.required else _("No"),
                str(col.help),
                str(col.allowed),
                display(col.example),
            ]
        )
    for letter, width in zip("ABCDE", (26, 10, 60, 50, 24), strict=True):
        guide.column_dimensions[letter].width = width
    for row in guide.iter_rows(min_row=6):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for title, headers, rows in cls.reference_sheets():
        extra = workbook.create_sheet(title[:31])
        extra.append(headers)
        for cell in extra[1]:
            cell.font = Font(bold=True)
        for values in rows:
            extra.append(values)
        for index, header in enumerate(headers, start=1):
            width = max([len(str(header)), *(len(str(r[index - 1] or "")) for r in rows)])
            extra.column_dimensions[get_column_letter(index)].width = min(60, width + 2)
        extra.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
