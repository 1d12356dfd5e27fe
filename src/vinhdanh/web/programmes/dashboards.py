"""A programme's dashboard for a unit: each figure as a server-drawn chart, its table and an
.xlsx export. The office sees any unit of the programme's tree; a unit sees its own subtree."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from vinhdanh.common.xlsx import xlsx_response
from vinhdanh.orgs.domain.queries.scope import UnitScope, unit_scope
from vinhdanh.programmes.domain.queries.dashboard import (
    Dashboard,
    build_dashboard,
    dashboard_units,
)
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.rules import manages_programme
from vinhdanh.web.programmes.charts import chart_svg_response
from vinhdanh.web.programmes.review_forms import DashboardUnitForm

if TYPE_CHECKING:
    from vinhdanh.programmes.models import Programme


def _dashboard(
    request: HttpRequest, pk: int, only: str | None = None
) -> tuple[Programme, Dashboard | None, Any]:
    programme = get_object_or_404(visible_programmes(request.user), pk=pk)
    today = timezone.localdate()
    manage = manages_programme(request.user, programme)
    scope = UnitScope(True, (), ()) if manage else unit_scope(request.user)
    rows = dashboard_units(programme, scope, today)
    choices = [(r.unit.pk, "\u00a0\u00a0" * r.depth + r.name) for r in rows]
    form = DashboardUnitForm(request.GET or None, choices=choices)
    if not rows:
        return programme, None, form
    unit = rows[0].unit
    if request.GET.get("unit"):
        if not form.is_valid():
            raise Http404  # a unit outside the user's part of the tree
        chosen = form.cleaned_data["unit"]
        unit = next((r.unit for r in rows if r.unit.pk == chosen), unit)
    return programme, build_dashboard(programme, unit, today=today, only=only), form


def _chart(dashboard: Dashboard | None, chart: str) -> Any:
    found = dashboard.chart(chart) if dashboard else None
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def dashboard_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme, dashboard, form = _dashboard(request, pk)
    query = f"?unit={dashboard.unit.pk}" if dashboard else ""
    return render(
        request,
        "web/programmes/dashboard.html",
        {
            "programme": programme,
            "dashboard": dashboard,
            "form": form,
            "query": query,
            "can_manage": manages_programme(request.user, programme),
        },
    )


@login_required
@require_GET
def dashboard_chart(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    _programme, dashboard, _form = _dashboard(request, pk, only=chart)
    return chart_svg_response(_chart(dashboard, chart))


@login_required
@require_GET
def dashboard_xlsx(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    programme, dashboard, _form = _dashboard(request, pk, only=chart)
    found = _chart(dashboard, chart)
    return xlsx_response(
        f"bang-dieu-khien-{programme.pk}-{chart}.xlsx", found.headers, found.rows, title=found.title
    )
