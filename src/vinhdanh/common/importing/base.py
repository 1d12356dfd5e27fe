"""The importer contract: one subclass per kind (units, people, ratings, initiatives, awards).

An importer never writes while it validates. `check` reads every row and everything it needs from
the database in bulk (dict look-ups, no query per row) and records problems; `write` runs only when
there is none, inside the runner's transaction, with bulk_create and record_bulk.
"""

from __future__ import annotations

import abc
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from vinhdanh.common.importing.columns import Column, StrOrPromise
from vinhdanh.common.importing.problems import Problems

BATCH_SIZE = 2000
# SQLite allows 32,766 host parameters and PostgreSQL 65,535; stay well below both.
IN_CHUNK = 5000

T = TypeVar("T")


class Scope(Protocol):
    """What `orgs.domain.queries.scope.UnitScope` offers (common/ does not import orgs/)."""

    everything: bool
    subtree_paths: tuple[str, ...]
    exact_ids: tuple[int, ...]


def in_scope(scope: Scope | None, unit_id: int | None, path: str) -> bool:
    if scope is None or scope.everything:
        return True
    if unit_id is None:
        return False
    return unit_id in scope.exact_ids or any(path.startswith(p) for p in scope.subtree_paths)


def out_of_scope() -> str:
    return _("outside the scope of your units")


@dataclass(slots=True)
class Row:
    """One data row: its spreadsheet number and the parsed value of every known column."""

    number: int
    values: dict[str, Any]
    bad: set[str] = field(default_factory=set)  # keys whose cell could not be read

    def __getitem__(self, key: str) -> Any:
        return self.values.get(key)


def chunks(items: Sequence[T], size: int = IN_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def fmt_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class Importer(abc.ABC):
    do_not_call_in_templates: ClassVar[bool] = True  # templates receive the class itself
    kind: ClassVar[str]
    title: ClassVar[StrOrPromise]
    description: ClassVar[StrOrPromise] = ""
    sheet_title: ClassVar[str]  # Vietnamese, like the headers
    columns: ClassVar[tuple[Column, ...]]
    # Groups of columns of which the file must have at least one (e.g. person code or unit code).
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()

    def __init__(
        self,
        *,
        problems: Problems,
        scope: Scope | None = None,
        today: dt.date | None = None,
        target: Any = None,
    ) -> None:
        self.problems = problems
        self.scope = scope
        self.today = today or dt.date.today()
        # What the rows belong to, for importers of a list kept on one object (an activity's
        # attendance list); None for the kinds of the import page.
        self.target = target

    def error(self, row: Row | int, key: str, message: str) -> None:
        self.problems.add(row if isinstance(row, int) else row.number, key, message)

    @abc.abstractmethod
    def check(self, rows: list[Row]) -> None:
        """Validate across rows and against the database; remember what to write."""

    @abc.abstractmethod
    def planned(self) -> dict[str, int]:
        """What `write` would create: model label ('people.person') → count."""

    @abc.abstractmethod
    def write(self) -> dict[str, int]:
        """Create everything checked (called only when there is no problem)."""

    @abc.abstractmethod
    def summary_instance(self) -> models.Model | None:
        """The object the summary audit action hangs on (the first row created)."""

    @classmethod
    def reference_sheets(cls) -> list[tuple[str, list[str], list[list[Any]]]]:
        """Extra sheets for the template (title, headers, rows), e.g. the codes to choose from."""
        return []

    @classmethod
    def column(cls, key: str) -> Column:
        for col in cls.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @classmethod
    def count_label(cls, label: str) -> str:
        from django.apps import apps

        app_label, _dot, model_name = label.partition(".")
        return str(apps.get_model(app_label, model_name)._meta.verbose_name_plural)


def distinct(values: Iterable[T | None]) -> list[T]:
    return list(dict.fromkeys(v for v in values if v is not None))
