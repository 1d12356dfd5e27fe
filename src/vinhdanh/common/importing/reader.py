"""Reading .xlsx and .csv files as rows of cell values, with the type checked by content."""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from typing import IO, Any

from django.utils.translation import gettext as _

XLSX = "xlsx"
CSV = "csv"

RawRow = Sequence[Any]


class FileFormatError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def detect_format(source: IO[bytes]) -> str:
    """'xlsx' (a zip holding [Content_Types].xml) or 'csv' (UTF-8 or UTF-16 text with its
    byte-order mark); never by file name."""
    start = source.tell()
    head = source.read(8192)
    source.seek(start)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(source) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            names = set()
        finally:
            source.seek(start)
        if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
            return XLSX
        raise FileFormatError(_("the file is a zip archive but not an Excel workbook (.xlsx)"))
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileFormatError(
            _("this is an old Excel file (.xls): open it in Excel and save it as .xlsx")
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return CSV  # Excel's "Unicode Text": UTF-16 with tabs
    if b"\x00" in head:
        raise FileFormatError(
            _(
                "the file is neither an Excel workbook (.xlsx) nor a CSV text: in Excel, use "
                "File › Save As and choose “Excel Workbook (.xlsx)” or “CSV UTF-8”"
            )
        )
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise FileFormatError(
            _("the CSV file is not in UTF-8: save it as “CSV UTF-8” and import it again")
        ) from None
    return CSV


def read_rows(source: IO[bytes], fmt: str) -> Iterator[tuple[int, RawRow]]:
    """(spreadsheet row number, cell values) for every row, the header included."""
    if fmt == XLSX:
        return _xlsx_rows(source)
    return _csv_rows(source)


def _xlsx_rows(source: IO[bytes]) -> Iterator[tuple[int, RawRow]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise FileFormatError(
            _("the Excel workbook cannot be read: %(error)s") % {"error": exc}
        ) from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong <dimension>: read what is there
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()


def _csv_rows(source: IO[bytes]) -> Iterator[tuple[int, RawRow]]:
    data = source.read()
    # UTF-16 (with its byte-order mark) is what Excel writes as "Unicode Text".
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else None
    try:
        content = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError:
        raise FileFormatError(
            _("the CSV file is not in UTF-8: save it as “CSV UTF-8” and import it again")
        ) from None
    first_line = content.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first_line.count)
    if first_line.count(delimiter) == 0:
        delimiter = ","
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        # csv counts physical lines; a quoted cell may span lines, so number by record instead.
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise FileFormatError(
            _("the CSV file cannot be read: %(error)s") % {"error": exc}
        ) from None
