"""One chart, two formats: SVG for pages, PNG for documents."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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
    # one bar per label, in the first series' colour
    bars = [e for e in root.iter(f"{SVG}path") if "fill: #b22222" in e.get("style", "")]
    assert len(bars) == 2


def test_the_same_chart_is_drawn_the_same_in_both_formats_and_every_time() -> None:
    assert chart_svg(CHART) == chart_svg(CHART)  # cacheable: no random ids, no date
    assert chart_png(CHART).startswith(b"\x89PNG")
