"""Any list to .xlsx: a header row, typed cells, frozen header, sensible widths."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# One sheet of a workbook: its title, header row and rows.
Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]


def workbook_bytes(
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Danh sách",
    more: Sequence[Sheet] = (),
) -> bytes:
    """A workbook whose first sheet is the list; `more` adds further sheets after it."""
    wb = Workbook(write_only=True)
    for sheet_title, sheet_headers, sheet_rows in ((title, headers, rows), *more):
        _write_sheet(wb, sheet_title, sheet_headers, sheet_rows)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _write_sheet(
    wb: Workbook, title: str, headers: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    ws = wb.create_sheet(title=title[:31])
    ws.freeze_panes = "A2"
    widths = [max(10, len(str(h)) + 2) for h in headers]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(width * 1.2, 60)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=str(h))
        cell.font = Font(bold=True)
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append([_cell(ws, v) for v in row])


def _cell(ws: Any, value: Any) -> Any:
    if value is None or isinstance(value, int | float | dt.date | dt.datetime):
        return value
    # A name such as '=HYPERLINK(...)' must stay text: openpyxl would store it as a live
    # formula, which Excel evaluates when the clerk opens the file.
    cell = WriteOnlyCell(ws, value=str(value))
    cell.data_type = "s"
    return cell


def xlsx_response(
    filename: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    title: str = "Danh sách",
    more: Sequence[Sheet] = (),
) -> HttpResponse:
    response = HttpResponse(
        workbook_bytes(headers, rows, title=title, more=more), content_type=XLSX_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
