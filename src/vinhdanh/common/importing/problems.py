"""Row-level problems: where (spreadsheet row, column header as written in the file) and what."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file; `row` counts as the spreadsheet does (0: the whole file)."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.row == 0:
            return f"file: {self.message}"
        return f"row {self.row}, column {self.column}: {self.message}"


class Problems:
    """The problems found so far, addressed by column key and reported by the file's own header."""

    def __init__(self, headers: Mapping[str, str] | None = None) -> None:
        self.headers: dict[str, str] = dict(headers or {})
        self._items: list[Problem] = []

    def add(self, row: int, key: str, message: str) -> None:
        self._items.append(Problem(row, self.headers.get(key, key), message))

    def add_file(self, message: str) -> None:
        self._items.append(Problem(0, "", message))

    def file_level(self) -> bool:
        """Whether a problem concerns the whole file (then row checks are not worth running)."""
        return any(p.row == 0 for p in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self._items)

    def sorted(self) -> list[Problem]:
        return sorted(self._items, key=lambda p: p.row)
