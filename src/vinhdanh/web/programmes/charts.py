"""A chart as a page's image: the SVG of the chart the documents print as PNG."""

from __future__ import annotations

from django.http import HttpResponse

from vinhdanh.programmes.domain.queries.charts import Chart
from vinhdanh.programmes.interfaces.drawing import chart_svg

# The image's own policy: matplotlib styles its shapes inline; nothing in it may run or load.
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"


def chart_svg_response(chart: Chart) -> HttpResponse:
    response = HttpResponse(chart_svg(chart), content_type="image/svg+xml")
    response["Content-Security-Policy"] = SVG_POLICY
    return response
