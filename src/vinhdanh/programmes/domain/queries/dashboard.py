"""A programme's dashboard for one unit (its subtree): progress against the targets, reporting
completeness, activities over time and commendations by form and year — each one `Chart`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vinhdanh.orgs.domain.queries.rollup import placements
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.domain.queries.charts import Chart, Series, number
from vinhdanh.programmes.domain.queries.commendations import programme_awards
from vinhdanh.programmes.domain.queries.reports import completeness
from vinhdanh.programmes.domain.queries.rollup import RollUp, RollUpRow, roll_up
from vinhdanh.programmes.enums import ReportState
from vinhdanh.programmes.models import Activity, Programme
from vinhdanh.programmes.periods import Period

SLUGS = ("progress", "completeness", "activities", "commendations")


@dataclass
class Dashboard:
    programme: Programme
    unit: Unit
    is_root: bool
    periods: list[Period]
    charts: list[Chart]

    def chart(self, slug: str) -> Chart | None:
        return next((c for c in self.charts if c.slug == slug), None)


def dashboard_units(programme: Programme, scope: UnitScope, today: dt.date) -> list[RollUpRow]:
    """The units of the programme's tree a dashboard can be opened for, within `scope`."""
    as_of = min(programme.ends_on, today)
    rows = roll_up(programme, periods=[], as_of=as_of, scope=scope).rows
    return [r for r in rows if scope.contains(r.unit)]


def build_dashboard(
    programme: Programme, unit: Unit, *, today: dt.date, only: str | None = None
) -> Dashboard:
    """The unit's dashboard (only the chart `only`, when given: one image asks for one)."""
    as_of = min(programme.ends_on, today)
    periods = [p for p in programme.periods() if p.end < today]
    wanted = [only] if only in SLUGS else list(SLUGS) if only is None else []
    charts = []
    is_root = unit.pk == programme.implementing_root_id
    if "progress" in wanted:
        result = roll_up(programme, periods=periods, as_of=as_of, scope=UnitScope(True, (), ()))
        root = result.rows[0].unit if result.rows else unit
        is_root = unit.pk == root.pk
        charts.append(_progress(result, unit, root, is_root))
    if "completeness" in wanted:
        charts.append(_completeness(programme, unit, periods, today))
    if "activities" in wanted:
        charts.append(_activities(programme, unit, periods, as_of))
    if "commendations" in wanted:
        charts.append(_commendations(programme, unit))
    return Dashboard(programme, unit, is_root, periods, charts)


def _progress(result: RollUp, unit: Unit, root: Unit, is_root: bool) -> Chart:
    rows = []
    labels, values = [], []
    for indicator in result.indicators:
        total = result.total(unit, indicator)
        whole = result.total(root, indicator)
        if is_root:
            target = indicator.target
            share = result.progress(indicator)
        else:
            target = None
            share = int(100 * total / whole) if total is not None and whole else None
        rows.append([indicator.name, number(total), number(target) if target else None, share])
        if share is not None:
            labels.append(indicator.name)
            values.append(float(share))
    heading = _("Reached (%)") if is_root else _("Share of the programme's total (%)")
    return Chart(
        slug="progress",
        title=_("Progress against the targets") if is_root else _("Share of the programme"),
        headers=[_("Indicator"), _("Result"), _("Target"), heading],
        rows=rows,
        labels=labels,
        series=[Series(heading, values)],
        style="barh",
        unit_label="%",
        reference=100.0 if is_root else None,
    )


def _completeness(programme: Programme, unit: Unit, periods: list[Period], today: dt.date) -> Chart:
    rows: list[list[Any]] = []
    rates: list[float] = []
    for period in periods:
        result = completeness(programme, period, today=today)
        mine = [r for r in result.rows if r.unit.path.startswith(unit.path)]
        expected = len(mine)
        reported = sum(1 for r in mine if r.has_reported)
        approved = sum(1 for r in mine if r.state == ReportState.APPROVED)
        late = sum(1 for r in mine if r.late)
        rate = 100 * reported // expected if expected else 100
        rows.append([period.label, expected, reported, approved, late, rate])
        rates.append(float(rate))
    return Chart(
        slug="completeness",
        title=_("Reporting completeness"),
        headers=[
            pgettext("reporting", "Period"),
            _("Expected"),
            _("Reported"),
            _("Approved"),
            _("Late"),
            _("Reported (%)"),
        ],
        rows=rows,
        labels=[p.label for p in periods],
        series=[Series(_("Reported (%)"), rates)],
        style="line",
        unit_label="%",
    )


def _activities(programme: Programme, unit: Unit, periods: list[Period], as_of: dt.date) -> Chart:
    counted: Counter[str] = Counter()
    people: Counter[str] = Counter()
    if periods:
        found = list(
            Activity.objects.filter(
                programme=programme, date__range=(periods[0].start, periods[-1].end)
            )
            .values("unit_id", "date")
            .annotate(n=Count("id"), p=Sum("participants"))
            .values_list("unit_id", "date", "n", "p")
        )
        places = placements({f[0] for f in found}, as_of)
        for unit_id, day, n, p in found:
            place = places.get(unit_id)
            if place is None or not place.path.startswith(unit.path):
                continue
            code = next(x.code for x in periods if x.start <= day <= x.end)
            counted[code] += n
            people[code] += p or 0
    rows = [[p.label, counted[p.code], people[p.code]] for p in periods]
    return Chart(
        slug="activities",
        title=_("Activities by period"),
        headers=[pgettext("reporting", "Period"), _("Activities held"), _("Participants")],
        rows=rows,
        labels=[p.label for p in periods],
        series=[Series(_("Activities held"), [float(counted[p.code]) for p in periods])],
        unit_label=_("sessions"),
    )


def _commendations(programme: Programme, unit: Unit) -> Chart:
    counts: Counter[tuple[str, int]] = Counter()
    for award in programme_awards(programme, within=unit):
        counts[(award.kind.name_vi, award.decision.signed_on.year)] += 1
    forms = sorted({f for f, _y in counts})
    years = sorted({y for _f, y in counts})
    return Chart(
        slug="commendations",
        title=_("Commendations by form and year"),
        headers=[_("Form"), *[str(y) for y in years], _("Total")],
        rows=[
            [f, *[counts[(f, y)] for y in years], sum(counts[(f, y)] for y in years)] for f in forms
        ],
        labels=[str(y) for y in years],
        series=[Series(f, [float(counts[(f, y)]) for y in years]) for f in forms],
    )
