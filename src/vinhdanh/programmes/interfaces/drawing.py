"""Charts drawn on the server (matplotlib): one figure, SVG on pages and PNG in documents.

DejaVu Sans, which matplotlib carries, has every Vietnamese letter, so labels print as typed.
In the SVG the letters are drawn as paths (`svg.fonttype` "path"), so a browser needs no font
of its own to show them. Pages show the SVG beside the same figures as a table: nothing
needs JavaScript.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from vinhdanh.common.numbers import grouped_number
from vinhdanh.programmes.domain.queries.charts import Chart

COLOURS = ("#b22222", "#1f5f8b", "#d98c1f", "#3d8b37", "#6b4c9a")
# Pages show the SVG at its own size (7 in = 672 px, one chart per row): 9 pt ticks and legend
# are 12 px on screen, 10 pt axis labels 13 px (8 pt ticks in a half-width column were ~6 px).
FONT = {"family": "DejaVu Sans", "size": 10}
TICKS = 9


TITLE_SIZE = 12
# A bold DejaVu Sans letter is about 0.63 em wide on average (Vietnamese titles measured):
# the estimate keeps a margin, so a title wrapped to it never reaches the image's edges.
TITLE_EM_PER_CHAR = 0.7


def _wrap(label: str, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def title_chars(width_in: float) -> int:
    """How many letters of the title fit on one line of a figure `width_in` inches wide."""
    return int(width_in * 72 / (TITLE_SIZE * TITLE_EM_PER_CHAR))


def chart_png(chart: Chart, *, width_in: float = 7.0, dpi: int = 120) -> bytes:
    """The chart as a PNG, for documents (.docx)."""
    return draw_chart(chart, "png", width_in=width_in, dpi=dpi)


def chart_svg(chart: Chart, *, width_in: float = 7.0) -> bytes:
    """The same chart as an SVG, for pages: sharp at any zoom, and no fonts needed."""
    return draw_chart(chart, "svg", width_in=width_in)


# The same bytes for the same chart (no random ids or date), so a page's image can be cached.
SVG_SETTINGS: dict[Any, Any] = {"svg.fonttype": "path", "svg.hashsalt": "vinhdanh"}


def draw_chart(
    chart: Chart, fmt: Literal["png", "svg"], *, width_in: float = 7.0, dpi: int = 120
) -> bytes:
    """The chart in a format (an empty frame with its title when there is nothing to draw)."""
    with matplotlib.rc_context(SVG_SETTINGS):
        figure = _figure(chart, width_in=width_in, dpi=dpi)
        buffer = io.BytesIO()
        if fmt == "svg":
            figure.savefig(buffer, format="svg", metadata={"Title": chart.title, "Date": None})
        else:
            figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _figure(chart: Chart, *, width_in: float, dpi: int) -> Figure:
    rows = max(len(chart.labels), 1)
    height = 3.2 if chart.style != "barh" else max(2.4, 0.45 * rows + 1.2)
    figure = Figure(figsize=(width_in, height), dpi=dpi)
    axes = figure.add_subplot()
    # Over the whole figure, not the axes: long tick labels (barh) push the axes right, and a
    # title centred on them ran off the image. Wrapped to the figure's width.
    figure.suptitle(
        _wrap(chart.title, title_chars(width_in)),
        fontfamily=FONT["family"],
        fontsize=TITLE_SIZE,
        fontweight="bold",
    )
    labels = [_wrap(label) for label in chart.labels]
    count = max(len(chart.series), 1)
    positions = list(range(len(labels)))
    if chart.style == "line":
        for index, series in enumerate(chart.series):
            axes.plot(
                positions,
                series.values,
                marker="o",
                color=COLOURS[index % len(COLOURS)],
                label=series.name,
            )
        axes.set_xticks(positions, labels, rotation=45 if len(labels) > 8 else 0, ha="right")
        if chart.unit_label == "%":  # a rate from zero, so a small dip does not look like a fall
            top = max((v for s in chart.series for v in s.values), default=100.0)
            axes.set_ylim(0, max(105.0, top * 1.05))
            axes.set_ylabel("%", fontdict=FONT)
    else:
        step = 0.8 / count
        for index, series in enumerate(chart.series):
            shifted = [p - 0.4 + step * (index + 0.5) for p in positions]
            draw = axes.barh if chart.style == "barh" else axes.bar
            draw(
                shifted, series.values, step, color=COLOURS[index % len(COLOURS)], label=series.name
            )
        if chart.style == "barh":
            axes.set_yticks(positions, labels)
            axes.invert_yaxis()
            if chart.reference is not None:
                axes.axvline(chart.reference, color="#444444", linestyle="--", linewidth=1)
            if chart.unit_label:
                axes.set_xlabel(chart.unit_label, fontdict=FONT)
        else:  # many labels (a long range of years) slanted, so that neighbours do not overlap
            slanted = len(labels) > 8
            axes.set_xticks(
                positions,
                labels,
                rotation=45 if slanted else 0,
                ha="right" if slanted else "center",
            )
            if chart.unit_label:
                axes.set_ylabel(chart.unit_label, fontdict=FONT)
    if chart.unit_label != "%":  # counts: whole numbers on the value axis
        value_axis = axes.xaxis if chart.style == "barh" else axes.yaxis
        value_axis.set_major_locator(MaxNLocator(integer=True))
    value_axis = axes.xaxis if chart.style == "barh" else axes.yaxis
    value_axis.set_major_formatter(FuncFormatter(lambda value, _pos: grouped_number(value)))
    axes.tick_params(labelsize=TICKS)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if any(series.name for series in chart.series):  # one series too: which form the bars are
        axes.legend(fontsize=TICKS, frameon=False)
    figure.tight_layout()
    return figure
