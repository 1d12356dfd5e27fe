"""A figure of a review or a dashboard as plain data: one table, drawn as a chart when asked.

The same `Chart` gives the HTML table (the page's view without JavaScript), the .xlsx export
and the server-drawn chart (`programmes.interfaces.drawing`: SVG on pages, PNG in documents),
so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


@dataclass
class Chart:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Any]]
    # what is drawn: one bar (or line) group per label, one colour per series
    labels: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    style: str = "bar"  # "bar", "line" or "barh"
    unit_label: str = ""  # the y axis ("%", "hội nghị")
    reference: float | None = None  # a line across the chart (100 % of the target)

    @property
    def drawable(self) -> bool:
        return bool(self.labels) and any(any(v for v in s.values) for s in self.series)


def number(value: Decimal | int | None) -> float:
    return float(value) if value is not None else 0.0
