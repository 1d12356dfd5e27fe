"""All or nothing: read, validate every row, then write everything in one transaction.

`run_import` is the one entry point of both the `vinhdanh import` command and the web import.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from vinhdanh.common import context
from vinhdanh.common.audit import record_action
from vinhdanh.common.importing.base import Importer, Row, Scope
from vinhdanh.common.importing.columns import CellError, Column, display, is_blank
from vinhdanh.common.importing.problems import Problem, Problems
from vinhdanh.common.importing.reader import (
    XLSX,
    FileFormatError,
    RawRow,
    detect_format,
    read_rows,
)
from vinhdanh.common.text import search_key

IMPORTERS: dict[str, str] = {
    "units": "vinhdanh.orgs.interfaces.imports.UnitImporter",
    "people": "vinhdanh.people.interfaces.imports.PersonImporter",
    "ratings": "vinhdanh.people.interfaces.imports.RatingImporter",
    "initiatives": "vinhdanh.people.interfaces.imports.InitiativeImporter",
    "awards": "vinhdanh.awards.interfaces.imports.AwardImporter",
}
KINDS = tuple(IMPORTERS)
# Columns a spreadsheet often has and that carry nothing to import: the running number.
IGNORED_HEADERS = frozenset({"stt", "tt", "so tt", "so thu tu"})
# How far down a title block may push the header row.
HEADER_SCAN_ROWS = 15
# How often (rows) a long import tells its progress: stage, done, total.
PROGRESS_EVERY = 1000
ProgressFn = Callable[[str, int, int], None]


def importer_class(kind: str) -> type[Importer]:
    try:
        path = IMPORTERS[kind]
    except KeyError:
        raise ValueError(
            f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}"
        ) from None
    cls: type[Importer] = import_string(path)
    return cls


@dataclass
class ImportResult:
    kind: str
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # model label → rows
    count_labels: dict[str, str] = field(default_factory=dict)  # model label → display name
    rows: int = 0
    preview_headers: list[str] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def count_lines(self) -> list[tuple[str, int]]:
        return [(self.count_labels.get(k, k), n) for k, n in self.counts.items()]


@dataclass
class _Layout:
    """Where each known column sits in the file and what the file calls it."""

    positions: dict[str, int]
    headers: dict[str, str]


def find_header(
    rows: Iterator[tuple[int, RawRow]], columns: tuple[Column, ...]
) -> tuple[int, RawRow, Iterator[tuple[int, RawRow]]] | None:
    """The header row, and the rows after it.

    Printed lists often carry a title ("DANH SÁCH …"), a date or a blank line above the header:
    among the first non-empty rows, the header is the one that names the most known columns
    (the first non-empty row when none names any, so its problems are reported there).
    """
    keys = {k for col in columns for k in col.keys}
    scanned: list[tuple[int, RawRow]] = []
    best: tuple[int, int] | None = None  # (known columns, index in scanned)
    for number, raw in rows:
        if not any(not is_blank(v) for v in raw):
            continue
        scanned.append((number, raw))
        known = sum(1 for cell in raw if _header_key(cell) in keys)
        if best is None or known > best[0]:
            best = (known, len(scanned) - 1)
        if known >= 2 or len(scanned) >= HEADER_SCAN_ROWS:
            break
    if best is None:
        return None
    index = best[1] if best[0] else 0
    number, header = scanned[index]
    return number, header, itertools.chain(scanned[index + 1 :], rows)


def _header_key(cell: Any) -> str:
    text = display(cell)
    return search_key(text).rstrip(" *:") if text else ""


def match_headers(
    header: RawRow,
    row: int,
    columns: tuple[Column, ...],
    one_of: tuple[tuple[str, ...], ...],
    problems: Problems,
) -> _Layout | None:
    by_key: dict[str, Column] = {}
    for col in columns:
        for k in col.keys:
            by_key[k] = col
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    for index, cell in enumerate(header):
        text = display(cell)
        if not text:
            continue
        key = _header_key(cell)
        found = by_key.get(key)
        if found is None:
            if key not in IGNORED_HEADERS:
                problems.add(
                    row,
                    text,
                    _("unknown column; the columns of this file are: %(columns)s")
                    % {"columns": ", ".join(c.header for c in columns)},
                )
            continue
        if found.key in positions:
            problems.add(
                row,
                text,
                _("this column appears twice (also column %(index)s)")
                % {"index": get_column_letter(positions[found.key] + 1)},
            )
            continue
        positions[found.key] = index
        headers[found.key] = text
    for col in columns:
        if col.required and col.key not in positions:
            problems.add(row, col.header, _("required column is missing"))
    for group in one_of:
        if not any(k in positions for k in group):
            names = " / ".join(c.header for c in columns if c.key in group)
            problems.add(
                row, names, _("the file needs one of these columns: %(names)s") % {"names": names}
            )
    problems.headers.update(headers)
    if problems:
        return None
    return _Layout(positions, headers)


def _parse_rows(
    rows: Iterator[tuple[int, RawRow]],
    layout: _Layout,
    columns: tuple[Column, ...],
    problems: Problems,
    preview_limit: int,
    max_rows: int,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[Row], list[list[str]]]:
    specs = [
        (c.key, layout.positions[c.key], c.parse, c.required, c.default)
        for c in columns
        if c.key in layout.positions
    ]
    absent = {c.key: c.default for c in columns if c.key not in layout.positions}
    required_empty = _("this cell is required but empty")
    parsed: list[Row] = []
    preview: list[list[str]] = []
    for number, raw in rows:
        width = len(raw)
        if not any(not is_blank(v) for v in raw):
            continue
        if len(parsed) >= max_rows:
            problems.add_file(
                _(
                    "the file has more than %(max)s data rows: split it into files of at most "
                    "%(max)s rows and import them one after another"
                )
                % {"max": f"{max_rows:,}".replace(",", ".")}
            )
            break
        values: dict[str, Any] = dict(absent)
        row = Row(number, values)
        for key, index, parse, required, default in specs:
            value = raw[index] if index < width else None
            if value is None or (value.__class__ is str and not value.strip()):
                if required:
                    problems.add(number, key, required_empty)
                    row.bad.add(key)
                values[key] = default
                continue
            try:
                values[key] = parse(value)
            except CellError as exc:
                problems.add(number, key, exc.message)
                row.bad.add(key)
                values[key] = None
        parsed.append(row)
        if progress is not None and not len(parsed) % PROGRESS_EVERY:
            progress(len(parsed))
        if len(preview) < preview_limit:
            preview.append([display(raw[i]) if i < width else "" for _k, i, *_r in specs])
    return parsed, preview


def run_import(
    *,
    kind: str,
    source: IO[bytes] | str | Path,
    dry_run: bool = False,
    user: Any = None,
    audit_source: str = "cli:import",
    scope: Scope | None = None,
    filename: str = "",
    today: dt.date | None = None,
    preview_limit: int = 20,
    progress: ProgressFn | None = None,
    on_written: Callable[[ImportResult], None] | None = None,
    importer: type[Importer] | None = None,
    target: Any = None,
) -> ImportResult:
    """Validate the whole file; when nothing is wrong (and not a dry run) write it all at once.

    `importer` (with `target`, the object the rows belong to) runs an importer that is not one
    of the import page's kinds, e.g. the attendance list of one activity.

    `progress(stage, done, total)` hears how far a long import is ("read": bytes of the file
    read so far; "check"; "write"). `on_written(result)` runs inside the import's transaction,
    after the rows are written: whatever it writes commits, or is rolled back, with them.
    """
    cls = importer or importer_class(kind)
    outer = context.current()
    request_id = outer.request_id if outer else None
    hooks = _Hooks(progress, on_written)
    with context.acting(user, source=audit_source, request_id=request_id), _gc_paused():
        if isinstance(source, str | Path):
            filename = filename or Path(source).name
            with open(source, "rb") as handle:
                return _run(
                    cls, handle, dry_run, scope, filename, today, preview_limit, hooks, target
                )
        return _run(cls, source, dry_run, scope, filename, today, preview_limit, hooks, target)


@dataclass
class _Hooks:
    progress: ProgressFn | None = None
    on_written: Callable[[ImportResult], None] | None = None

    def tell(self, stage: str, done: int = 0, total: int = 0) -> None:
        if self.progress is not None:
            self.progress(stage, done, total)

    def reading(self, handle: IO[bytes], fmt: str) -> Callable[[int], None] | None:
        """How far the reading is: rows of the lines a CSV has, or for a workbook the position
        in the (compressed) file, which openpyxl reads as it goes."""
        if self.progress is None:
            return None
        try:
            start = handle.tell()
            if fmt == XLSX:
                size = handle.seek(0, 2)
            else:
                size = sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
            handle.seek(start)
        except (OSError, ValueError):
            return None

        def report(rows: int) -> None:
            try:
                done = handle.tell() if fmt == XLSX else rows
            except (OSError, ValueError):
                return
            self.tell("read", min(done, size), size)

        return report


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while the rows are held: an import allocates millions of
    objects that all stay alive until it ends, and collecting them over and over again costs
    a third of the import. Reference counting still frees everything as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(
    cls: type[Importer],
    handle: IO[bytes],
    dry_run: bool,
    scope: Scope | None,
    filename: str,
    today: dt.date | None,
    preview_limit: int,
    hooks: _Hooks | None = None,
    target: Any = None,
) -> ImportResult:
    hooks = hooks or _Hooks()
    result = ImportResult(kind=cls.kind)
    problems = Problems()
    importer = cls(problems=problems, scope=scope, today=today, target=target)
    hooks.tell("read")
    try:
        with warnings.catch_warnings():
            # openpyxl warns about styles and extensions it ignores; the data is what counts.
            warnings.simplefilter("ignore")
            fmt = detect_format(handle)
            reading = hooks.reading(handle, fmt)
            rows = read_rows(handle, fmt)
            found = find_header(rows, cls.columns)
            if found is None:
                problems.add_file(_("the file is empty"))
                return _finish(result, problems)
            header_row, header, rows = found
            layout = match_headers(header, header_row, cls.columns, cls.one_of, problems)
            if layout is None:
                return _finish(result, problems)
            parsed, preview = _parse_rows(
                rows,
                layout,
                cls.columns,
                problems,
                preview_limit,
                int(settings.IMPORT_MAX_ROWS),
                reading,
            )
            if problems.file_level():
                return _finish(result, problems)
    except FileFormatError as exc:
        problems.add_file(exc.message)
        return _finish(result, problems)
    result.rows = len(parsed)
    result.preview_headers = [
        layout.headers[c.key] for c in cls.columns if c.key in layout.positions
    ]
    result.preview = preview
    if not parsed:
        problems.add_file(_("the file has a header row but no data rows"))
        return _finish(result, problems)
    hooks.tell("check", 0, len(parsed))
    importer.check(parsed)
    if problems:
        return _finish(result, problems)
    result.counts = importer.planned()
    result.count_labels = {k: cls.count_label(k) for k in result.counts}
    if dry_run:
        return result
    hooks.tell("write", 0, len(parsed))
    try:
        with transaction.atomic():
            result.counts = importer.write()
            anchor = importer.summary_instance()
            if anchor is not None:
                record_action(
                    anchor,
                    f"import {cls.kind} {filename}: "
                    + ", ".join(f"{k} {n}" for k, n in result.counts.items()),
                    kind=cls.kind,
                    file=filename,
                    rows=result.rows,
                    counts=result.counts,
                )
            if hooks.on_written is not None:
                result.count_labels = {k: cls.count_label(k) for k in result.counts}
                result.written = True
                hooks.on_written(result)
    except DatabaseError as exc:
        problems.add_file(
            _("the database refused the import, so nothing was written: %(error)s") % {"error": exc}
        )
        result.counts = {}
        result.written = False
        return _finish(result, problems)
    result.count_labels = {k: cls.count_label(k) for k in result.counts}
    result.written = True
    return result


def _finish(result: ImportResult, problems: Problems) -> ImportResult:
    result.problems = problems.sorted()
    result.counts = {}
    return result
