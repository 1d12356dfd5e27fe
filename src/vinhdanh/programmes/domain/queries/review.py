"""The review (sơ kết / tổng kết) of a programme for a range of periods, as one plain object.

Every figure comes from the approved reports through the roll-up (`rollup.roll_up`), so the
review's tables, its charts, the page and the .docx say the same numbers as the consolidated
table. Activities are counted from the activity records, placed through the units' lineage like
the reports; the committee is read as of each decision; the commendations are the awards of
the rounds opened for the programme.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl
from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from vinhdanh.orgs.domain.queries.rollup import placements, sum_up_tree
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.programmes.domain.queries.charts import Chart, Series, number
from vinhdanh.programmes.domain.queries.commendations import (
    Commendations,
    commendations,
    programme_awards,
)
from vinhdanh.programmes.domain.queries.programmes import committee_as_of
from vinhdanh.programmes.domain.queries.rollup import RollUp, RollUpRow, roll_up
from vinhdanh.programmes.enums import MilestoneKind, ReportState
from vinhdanh.programmes.models import (
    Activity,
    ActivityKind,
    Committee,
    CommitteeDecision,
    CommitteeMembership,
    Indicator,
    PeriodReport,
    Programme,
    ReviewMilestone,
)
from vinhdanh.programmes.periods import Period


class ReviewRangeError(ValueError):
    pass


@dataclass(frozen=True)
class TargetRow:
    indicator: Indicator
    total: Decimal | None
    progress: int | None  # whole percent of the target; None without a target


@dataclass(frozen=True)
class UnitFigures:
    row: RollUpRow
    values: list[Decimal | None]
    sessions: int
    participants: int


@dataclass(frozen=True)
class PeriodFigures:
    period: Period
    values: list[Decimal | None]
    reports: int  # approved reports of the period


@dataclass(frozen=True)
class CommitteeStage:
    decision: CommitteeDecision
    members: list[CommitteeMembership]
    until: dt.date | None  # the day before the next decision took effect


@dataclass(frozen=True)
class KindFigures:
    kind: ActivityKind
    sessions: int
    participants: int


@dataclass(frozen=True)
class YearFigures:
    year: int
    by_kind: list[tuple[int, int]]  # (sessions, participants) per kind, in the kinds' order
    sessions: int
    participants: int


@dataclass
class Review:
    programme: Programme
    kind: str  # MilestoneKind
    title: str
    periods: list[Period]
    as_of: dt.date
    rollup: RollUp
    targets: list[TargetRow]
    units: list[UnitFigures]
    by_period: list[PeriodFigures]
    committees: list[tuple[Committee, list[CommitteeStage]]]
    kinds: list[KindFigures]
    years: list[YearFigures]
    commendations: Commendations
    approved_reports: int
    milestone: ReviewMilestone | None = None
    charts: list[Chart] = field(default_factory=list)

    @property
    def start(self) -> Period:
        return self.periods[0]

    @property
    def end(self) -> Period:
        return self.periods[-1]

    @property
    def indicators(self) -> list[Indicator]:
        return self.rollup.indicators

    @property
    def sessions(self) -> int:
        return sum(k.sessions for k in self.kinds)

    @property
    def participants(self) -> int:
        return sum(k.participants for k in self.kinds)

    @property
    def is_final(self) -> bool:
        return self.kind == MilestoneKind.FINAL

    def chart(self, slug: str) -> Chart | None:
        return next((c for c in self.charts if c.slug == slug), None)


def review_periods(programme: Programme, start: str, end: str) -> list[Period]:
    """The programme's periods from code `start` to code `end`, both included."""
    periods = [p for p in programme.periods() if start <= p.code <= end]
    if not periods:
        raise ReviewRangeError(_("The review covers no reporting period of the programme."))
    return periods


def periods_of_milestone(programme: Programme, milestone: ReviewMilestone) -> list[Period]:
    return [
        p
        for p in programme.periods()
        if p.start >= milestone.covers_from and p.end <= milestone.covers_to
    ]


def build_review(
    programme: Programme,
    periods: list[Period],
    *,
    kind: str = MilestoneKind.PRELIMINARY,
    title: str = "",
    as_of: dt.date | None = None,
    milestone: ReviewMilestone | None = None,
) -> Review:
    """Everything the review says about the periods, counted as of `as_of` (the range's end)."""
    if not periods:
        raise ReviewRangeError(_("The review covers no reporting period of the programme."))
    first, last = periods[0], periods[-1]
    as_of = as_of or min(last.end, programme.ends_on)
    result = roll_up(programme, periods=periods, as_of=as_of, scope=UnitScope(True, (), ()))
    indicators = result.indicators
    root = result.rows[0].unit if result.rows else None
    activity = _activity_by_unit(programme, first.start, last.end, as_of)
    units = [
        UnitFigures(
            row=row,
            values=[result.total(row.unit, i) for i in indicators],
            sessions=activity.get(row.unit.pk, (0, 0))[0],
            participants=activity.get(row.unit.pk, (0, 0))[1],
        )
        for row in result.rows
    ]
    approved = dict(
        PeriodReport.objects.filter(
            programme=programme,
            state=ReportState.APPROVED,
            period_code__in=[p.code for p in periods],
        )
        .values_list("period_code")
        .annotate(n=Count("id"))
        .values_list("period_code", "n")
    )
    by_period = [
        PeriodFigures(
            period=p,
            values=[result.total(root, i, p) if root else None for i in indicators],
            reports=approved.get(p.code, 0),
        )
        for p in periods
    ]
    targets = [
        TargetRow(
            indicator=i,
            total=result.total(root, i) if root else None,
            progress=result.progress(i),
        )
        for i in indicators
    ]
    kinds, years = _activity_figures(programme, first.start, last.end)
    awards = programme_awards(programme, decided_from=first.start)
    if not title:
        if kind == MilestoneKind.FINAL:
            title = _("Final review of %(name)s") % {"name": programme.name}
        else:
            title = _("Preliminary review of %(name)s") % {"name": programme.name}
    review = Review(
        programme=programme,
        kind=str(kind),
        title=title,
        periods=periods,
        as_of=as_of,
        rollup=result,
        targets=targets,
        units=units,
        by_period=by_period,
        committees=_committees(programme, first.start, last.end),
        kinds=kinds,
        years=years,
        commendations=commendations(awards),
        approved_reports=sum(approved.values()),
        milestone=milestone,
    )
    review.charts = review_charts(review)
    return review


def _activity_by_unit(
    programme: Programme, start: dt.date, end: dt.date, as_of: dt.date
) -> dict[int, tuple[int, int]]:
    """Sessions and participants per unit of the tree on `as_of` (its subtree, with history)."""
    rows = list(
        Activity.objects.filter(programme=programme, date__range=(start, end))
        .values("unit_id")
        .annotate(n=Count("id"), people=Sum("participants"))
        .values_list("unit_id", "n", "people")
    )
    if not rows:
        return {}
    places = placements({r[0] for r in rows}, as_of)
    frame = pl.DataFrame(
        [(places[u].path, n, people or 0) for u, n, people in rows if u in places],
        schema={"path": pl.String, "n": pl.Int64, "people": pl.Int64},
        orient="row",
    )
    out: dict[int, tuple[int, int]] = {}
    sessions = sum_up_tree(frame, keys=[], value="n").select(["unit_id", "sum"])
    people = dict(
        sum_up_tree(frame, keys=[], value="people").select(["unit_id", "sum"]).iter_rows()
    )
    for unit_id, total in sessions.iter_rows():
        out[unit_id] = (int(total), int(people.get(unit_id, 0)))
    return dict(out)


def _activity_figures(
    programme: Programme, start: dt.date, end: dt.date
) -> tuple[list[KindFigures], list[YearFigures]]:
    kinds = list(programme.activity_kinds.all())
    rows = (
        Activity.objects.filter(programme=programme, date__range=(start, end))
        .annotate(year=ExtractYear("date"))
        .values("kind_id", "year")
        .annotate(n=Count("id"), people=Sum("participants"))
    )
    cells: dict[tuple[int, int], tuple[int, int]] = {
        (r["kind_id"], r["year"]): (r["n"], r["people"] or 0) for r in rows
    }
    by_kind = [
        KindFigures(
            kind=k,
            sessions=sum(n for (kid, _y), (n, _p) in cells.items() if kid == k.pk),
            participants=sum(p for (kid, _y), (_n, p) in cells.items() if kid == k.pk),
        )
        for k in kinds
    ]
    years = []
    for year in range(start.year, end.year + 1):
        per_kind = [cells.get((k.pk, year), (0, 0)) for k in kinds]
        years.append(
            YearFigures(
                year=year,
                by_kind=per_kind,
                sessions=sum(n for n, _p in per_kind),
                participants=sum(p for _n, p in per_kind),
            )
        )
    return by_kind, years


def _committees(
    programme: Programme, start: dt.date, end: dt.date
) -> list[tuple[Committee, list[CommitteeStage]]]:
    """Each committee's compositions in force at some day of [start, end], in time order."""
    out = []
    for committee in programme.committees.all():
        decisions = list(committee.decisions.filter(effective_on__lte=end))
        stages = []
        for index, decision in enumerate(decisions):
            following = decisions[index + 1] if index + 1 < len(decisions) else None
            until = following.effective_on - dt.timedelta(days=1) if following else None
            if until is not None and until < start:
                continue  # replaced before the review's range
            stages.append(
                CommitteeStage(
                    decision=decision,
                    members=committee_as_of(committee, decision.effective_on),
                    until=until,
                )
            )
        if stages:
            out.append((committee, stages))
    return out


def review_charts(review: Review) -> list[Chart]:
    """The review's figures drawn: progress against targets, per-period totals, activities,
    commendations."""
    charts = []
    with_target = [t for t in review.targets if t.progress is not None]
    charts.append(
        Chart(
            slug="targets",
            title=_("Results against the targets"),
            headers=[_("Indicator"), _("Result"), _("Target"), _("Reached (%)")],
            rows=[
                [t.indicator.name, number(t.total), number(t.indicator.target), t.progress]
                for t in with_target
            ],
            labels=[t.indicator.name for t in with_target],
            series=[Series(_("Reached (%)"), [float(t.progress or 0) for t in with_target])],
            style="barh",
            unit_label="%",
            reference=100.0,
        )
    )
    summed = [i for i in review.indicators if i.aggregation == "sum"][:3]
    charts.append(
        Chart(
            slug="periods",
            title=_("Consolidated figures by period"),
            headers=[pgettext("reporting", "Period"), *[i.name for i in summed]],
            rows=[
                [f.period.label, *[number(f.values[review.indicators.index(i)]) for i in summed]]
                for f in review.by_period
            ],
            labels=[f.period.label for f in review.by_period],
            series=[
                Series(
                    i.name,
                    [number(f.values[review.indicators.index(i)]) for f in review.by_period],
                )
                for i in summed
            ],
            style="line",
        )
    )
    charts.append(
        Chart(
            slug="activities",
            title=_("Activities by year"),
            headers=[_("Year"), _("Activities held"), _("Participants")],
            rows=[[y.year, y.sessions, y.participants] for y in review.years],
            labels=[str(y.year) for y in review.years],
            series=[Series(_("Activities held"), [float(y.sessions) for y in review.years])],
            unit_label=_("sessions"),
        )
    )
    rows = review.commendations.rows
    charts.append(
        Chart(
            slug="commendations",
            title=_("Commendations by form"),
            headers=[_("Level"), _("Form"), _("Collectives"), _("Individuals")],
            rows=[[r.level, r.form, r.collectives, r.individuals] for r in rows],
            labels=[r.form for r in rows],
            series=[
                Series(_("Collectives"), [float(r.collectives) for r in rows]),
                Series(_("Individuals"), [float(r.individuals) for r in rows]),
            ],
            style="barh",
        )
    )
    return charts


def default_range(
    programme: Programme, today: dt.date
) -> tuple[list[Period], ReviewMilestone | None]:
    """The latest milestone whose periods have all ended, else every ended period."""
    ended = [p for p in programme.periods() if p.end < today]
    for milestone in programme.milestones.order_by("-covers_to"):
        periods = periods_of_milestone(programme, milestone)
        if periods and periods[-1].end < today:
            return periods, milestone
    return ended, None
