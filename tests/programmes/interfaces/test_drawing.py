"""One chart, two formats: SVG for pages, PNG for documents."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from vinhdanh.programmes.domain.queries.charts import Chart, Series
from vinhdanh.programmes.interfaces.drawing import chart_png, chart_svg

SVG = "{http://www.w3.org/2000/svg}"
CHART = Chart(
    slug="activities",
    title="Số hoạt động theo năm",
    headers=["Đơn vị", "Hội nghị"],
    rows=[],
    labels=["Xã An Yên", "Phường Hưng Lộc"],
    series=[Series("Hội nghị", [3, 5])],
)


def test_the_svg_is_the_chart_with_vietnamese_letters_drawn_as_paths() -> None:
    svg = chart_svg(CHART)

    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title") == "Số hoạt động theo năm"
    labels = re.findall(r"<!-- (.*?) -->", svg.decode())
    assert {"Số hoạt động theo năm", "Xã An Yên", "Phường Hưng Lộc"} <= set(labels)
    # No <text>: the browser needs no font with Vietnamese letters to show the labels.
    assert not list(root.iter(f"{SVG}text"))
    # one bar per label, in the first series' colour, and the series named in a legend
    legend = next(g for g in root.iter(f"{SVG}g") if g.get("id") == "legend_1")
    keys = set(legend.iter(f"{SVG}path"))
    coloured = [e for e in root.iter(f"{SVG}path") if "fill: #b22222" in e.get("style", "")]
    assert len([e for e in coloured if e not in keys]) == 2
    assert "<!-- Hội nghị -->" in svg.decode().partition('id="legend_1"')[2]


def test_the_svg_is_drawn_at_the_size_the_page_shows_it_with_legible_labels() -> None:
    """Shown at its own width (672 px), ticks of 9 pt are 12 px on screen (≥ 11 px)."""
    from vinhdanh.programmes.interfaces.drawing import TICKS, _figure

    root = ET.fromstring(chart_svg(CHART))
    assert root.get("width") == "504pt"  # 7 in = 672 px at the browser's 96 px an inch
    figure = _figure(CHART, width_in=7.0, dpi=120)
    axes = figure.axes[0]
    sizes = [t.get_fontsize() for t in axes.get_xticklabels() + axes.get_yticklabels()]
    assert min(sizes) * 96 / 72 >= 11
    assert TICKS * 96 / 72 >= 11


def test_the_same_chart_is_drawn_the_same_in_both_formats_and_every_time() -> None:
    assert chart_svg(CHART) == chart_svg(CHART)  # cacheable: no random ids, no date
    assert chart_png(CHART).startswith(b"\x89PNG")


def test_a_long_range_of_years_is_labelled_slanted_so_the_labels_do_not_overlap() -> None:
    from vinhdanh.programmes.interfaces.drawing import _figure

    def labels(years: list[str]) -> list[Any]:
        chart = Chart("years", "", [], [], labels=years, series=[Series("", [1.0] * len(years))])
        return list(_figure(chart, width_in=7.0, dpi=120).axes[0].get_xticklabels())

    years = [str(y) for y in range(2010, 2026)]
    slanted, upright = labels(years), labels(years[:3])
    assert {t.get_rotation() for t in slanted} == {45.0}
    assert {t.get_rotation() for t in upright} == {0.0}


def test_a_long_title_stays_inside_the_image_whatever_the_labels() -> None:
    """Long bar labels push the axes right: a title centred on the axes ran off the image's
    right edge ("… từ năm 2026 đến năm" with the last year cut)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from vinhdanh.programmes.interfaces.drawing import SVG_SETTINGS, _figure, title_chars

    labels = ["Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh", "Lao động tiên tiến"]
    for title in (
        "Danh hiệu, hình thức khen thưởng từ năm 2026 đến năm 2026",
        "Danh hiệu, hình thức khen thưởng của các cơ quan, đơn vị, địa phương từ năm 2020 "
        "đến năm 2026, theo từng cấp và từng hình thức",
    ):
        for style in ("barh", "bar", "line"):
            chart = Chart(
                slug="forms",
                title=title,
                headers=[],
                rows=[],
                labels=labels,
                series=[Series("Tập thể", [1, 2]), Series("Cá nhân", [3, 4])],
                style=style,
            )
            with matplotlib.rc_context(SVG_SETTINGS):
                figure = _figure(chart, width_in=7.0, dpi=120)
                renderer = FigureCanvasAgg(figure).get_renderer()
                drawn = [t for t in figure.texts if t.get_text()]
                [heading] = drawn
                box = heading.get_window_extent(renderer)
                axes = figure.axes[0].get_tightbbox(renderer)
            lines = heading.get_text().split("\n")
            assert " ".join(lines) == title  # every word drawn, none cut
            assert all(len(line) <= title_chars(7.0) for line in lines)
            assert box.x0 >= 0, (title, style)
            assert box.x1 <= figure.bbox.x1, (title, style)
            assert box.y1 <= figure.bbox.y1
            assert axes.y1 <= box.y0  # above the axes
