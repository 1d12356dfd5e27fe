"""Pagination that never counts a whole table: fetch one row more than a page, cap the count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)

PER_PAGE = 50
COUNT_CAP = 1000


@dataclass
class Page(Generic[M]):
    items: list[M]
    number: int
    per_page: int
    has_next: bool
    total: int | None  # exact when known and not above the cap
    capped: bool  # more than `total` rows: show "1000+"

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_number(self) -> int:
        return self.number + 1

    @property
    def previous_number(self) -> int:
        return self.number - 1

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.items)

    @property
    def is_paginated(self) -> bool:
        return self.has_next or self.has_previous


def page_number(value: Any) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return max(1, min(number, 100_000))


def capped_count(qs: QuerySet[Any], cap: int) -> int:
    """COUNT over at most cap + 1 rows (a LIMIT inside the count), so it stays cheap."""
    return qs.order_by()[: cap + 1].count()


def paginate(
    qs: QuerySet[M], page: Any, *, per_page: int = PER_PAGE, count_cap: int | None = COUNT_CAP
) -> Page[M]:
    number = page_number(page)
    offset = (number - 1) * per_page
    rows = list(qs[offset : offset + per_page + 1])
    has_next = len(rows) > per_page
    items = rows[:per_page]
    total: int | None = None
    capped = False
    if not has_next and (items or number == 1):
        total = offset + len(items)
    elif count_cap is not None:
        counted = capped_count(qs, count_cap)
        total, capped = min(counted, count_cap), counted > count_cap
    return Page(items, number, per_page, has_next, total, capped)
