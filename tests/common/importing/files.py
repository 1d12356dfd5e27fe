"""Helpers for import tests: write .xlsx/.csv files, run the command, count what is stored."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.management import call_command
from openpyxl import Workbook

from vinhdanh.awards.models import Award, Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Initiative, Person, Post, TaskRating

Rows = Sequence[Sequence[Any]]


def xlsx_bytes(header: Sequence[str], rows: Rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Rows, *, sep: str = ",", bom: bool = False) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def write(tmp_path: Path, name: str, header: Sequence[str], rows: Rows, **kwargs: Any) -> Path:
    path = tmp_path / name
    if name.endswith(".xlsx"):
        path.write_bytes(xlsx_bytes(header, rows))
    else:
        path.write_bytes(csv_bytes(header, rows, **kwargs))
    return path


def run(kind: str, path: Path, *args: str, lang: str = "en") -> tuple[int, str, str]:
    """Run `vinhdanh import`; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", kind, str(path), *args, "--lang", lang, stdout=out, stderr=err)
    except SystemExit as exc:
        return int(exc.code or 0), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Unit, Person, Post, TaskRating, Initiative, Decision, Award, AuditEvent)
    }


def problem_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("row ", "file:"))]


def assert_rejected(kind: str, path: Path, expected: Sequence[str]) -> str:
    """The import fails with exactly these problem lines and changes nothing at all."""
    before = counts()
    code, out, err = run(kind, path)
    assert code == 1, out + err
    assert problem_lines(out) == list(expected), out
    assert "nothing was imported" in err
    assert counts() == before
    return out


def assert_imported(kind: str, path: Path) -> str:
    code, out, err = run(kind, path)
    assert code == 0, out + err
    assert problem_lines(out) == []
    return out
