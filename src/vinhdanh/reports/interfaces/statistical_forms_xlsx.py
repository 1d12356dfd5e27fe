"""A statistical report form (0601, 0602) as an .xlsx laid out like the printed form.

The heading block (form number, circular, reporting and receiving units), the title and year,
the two-level column headings with merged cells, the row of column numbers (A, B, C, 1, 2 …) and
one row per line of the form, its code in "Mã số".
"""

from __future__ import annotations

import io
from itertools import groupby

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from vinhdanh.reports.domain.queries.statistical_forms import StatisticalForm

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def form_xlsx(form: StatisticalForm) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = form.number.split(".")[0]
    lead = ["", "Mã số"] + (["Đơn vị tính"] if form.has_measure_column else [])
    first = len(lead) + 1  # the first figure column
    last = first + len(form.columns) - 1
    font = Font(name="Times New Roman", size=12)
    bold = Font(name="Times New Roman", size=12, bold=True)

    ws["A1"] = f"Biểu số: {form.number}"
    ws["A1"].font = bold
    ws["A2"] = form.basis
    ws["A3"] = "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"
    right = get_column_letter(max(first, last - 3))
    ws[f"{right}1"] = f"Đơn vị báo cáo: {form.unit_name}"
    ws[f"{right}2"] = "Đơn vị nhận báo cáo: Bộ Nội vụ"
    for ref in ("A2", "A3", f"{right}1", f"{right}2"):
        ws[ref].font = font
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=last)
    ws.cell(5, 1, form.title).font = Font(name="Times New Roman", size=14, bold=True)
    ws.cell(5, 1).alignment = _CENTER
    ws.merge_cells(start_row=6, start_column=1, end_row=6, end_column=last)
    ws.cell(6, 1, form.years).alignment = _CENTER
    ws.cell(6, 1).font = Font(name="Times New Roman", size=12, italic=True)
    if form.measure:
        ws.cell(7, last, f"Đơn vị tính: {form.measure}").font = font

    top, sub, numbers = 8, 9, 10
    for col, text in enumerate(lead, start=1):
        ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
        ws.cell(top, col, text)
    col = first
    for (group, _number), members in groupby(form.columns, key=lambda c: (c.group, c.number)):
        span = list(members)
        end = col + len(span) - 1
        if len(span) == 1 and not span[0].label:
            ws.merge_cells(start_row=top, start_column=col, end_row=sub, end_column=col)
            ws.cell(top, col, group)
        else:
            if end > col:
                ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=end)
            ws.cell(top, col, group)
            for offset, column in enumerate(span):
                ws.cell(sub, col + offset, column.label)
        col = end + 1
    letters = ["A", "B", "C"][: len(lead)]
    for i, text in enumerate(letters + [c.number for c in form.columns], start=1):
        ws.cell(numbers, i, text)
    for r in (top, sub, numbers):
        for c in range(1, last + 1):
            cell = ws.cell(r, c)
            cell.font = bold
            cell.alignment = _CENTER
            cell.border = _BOX

    r = numbers + 1
    for row in form.rows:
        ws.cell(r, 1, row.label).alignment = _LEFT
        ws.cell(r, 2, row.code).alignment = _CENTER
        if form.has_measure_column:
            ws.cell(r, 3, row.measure).alignment = _CENTER
        for i, value in enumerate(row.values):
            ws.cell(r, first + i, value).alignment = _CENTER
        for c in range(1, last + 1):
            cell = ws.cell(r, c)
            cell.border = _BOX
            cell.font = bold if row.heading or row.code == "01" else font
        r += 1
    for note in form.notes:
        r += 1
        ws.cell(r, 1, f"Ghi chú: {note}").font = Font(name="Times New Roman", size=11, italic=True)

    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 8
    if form.has_measure_column:
        ws.column_dimensions["C"].width = 12
    for c in range(first, last + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14
    ws.row_dimensions[top].height = 45
    ws.row_dimensions[sub].height = 30
    ws.freeze_panes = ws.cell(numbers + 1, first)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
