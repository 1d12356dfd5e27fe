"""Programme pages: list, detail, a period's completeness, a unit's report, activities and the
consolidated table. Thin: scoped queries in, domain functions out; actions a role cannot take
are not shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.common.versioning import StaleEdit
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import any_unit
from vinhdanh.programmes.domain import activities as activity_domain
from vinhdanh.programmes.domain import committees as committee_domain
from vinhdanh.programmes.domain import programmes as programme_domain
from vinhdanh.programmes.domain import reports as report_domain
from vinhdanh.programmes.domain.errors import ProgrammeError
from vinhdanh.programmes.domain.queries.activities import activity_figures, visible_activities
from vinhdanh.programmes.domain.queries.programmes import (
    committee_as_of,
    implementing_units,
    implements_during,
    owner_units,
    root_units,
    visible_programmes,
)
from vinhdanh.programmes.domain.queries.reports import (
    completeness,
    locked_periods,
    period_report,
    period_reports,
    reporting_units_for,
    visible_reports,
)
from vinhdanh.programmes.domain.queries.rollup import roll_up
from vinhdanh.programmes.enums import ReportState, ValueType
from vinhdanh.programmes.periods import Period, PeriodError, parse_period
from vinhdanh.programmes.rules import MANAGERS, REPORTERS, manages_programme, reports_for_unit
from vinhdanh.web.programmes import forms
from vinhdanh.web.versioning import refused_form

if TYPE_CHECKING:
    from vinhdanh.orgs.models import Unit
    from vinhdanh.programmes.models import Programme


def _programme(request: HttpRequest, pk: int) -> Programme:
    return get_object_or_404(visible_programmes(request.user), pk=pk)


def _period(programme: Programme, code: str) -> Period:
    try:
        period = parse_period(code)
    except PeriodError as exc:
        raise Http404 from exc
    if period.kind != programme.period_kind or period not in programme.periods():
        raise Http404
    return period


def _reporter_units(user: Any, programme: Programme, day: dt.date) -> Any:
    """The programme's units on `day` that the user may report for (clerk or head)."""
    units = implementing_units(programme, day=day)
    scopes = [unit_scope(user, cap) for cap in REPORTERS]
    if any(s.everything for s in scopes):
        return units
    query = scopes[0].q()
    for scope in scopes[1:]:
        query |= scope.q()
    return units.filter(query)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@login_required
@require_GET
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = visible_programmes(request.user).order_by("-starts_on", "name")
    return render(
        request,
        "web/programmes/list.html",
        {"programmes": programmes, "can_create": owner_units(request.user).exists()},
    )


@login_required
@require_GET
def programme_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    today = timezone.localdate()
    manage = manages_programme(request.user, programme)
    periods = [p for p in programme.periods() if p.start <= today]
    locks = locked_periods(programme)
    mine = _reporter_units(request.user, programme, min(today, programme.ends_on))
    shown = list(reversed(periods[-8:]))
    reports = {
        (r.unit_id, r.period_code): r
        for r in visible_reports(request.user, programme).filter(
            period_code__in=[p.code for p in shown]
        )
    }
    period_rows = [
        {
            "period": p,
            "locked": p.code in locks,
            "due": programme.due_date(p),
            "completeness": completeness(programme, p, today=today) if manage else None,
            # the user's units expected in that period (units merged since are not)
            "own": [
                (u, reports.get((u.pk, p.code)))
                for u in reporting_units_for(request.user, programme, p)
            ],
        }
        for p in shown
    ]
    committees = []
    for committee in programme.committees.select_related("unit"):
        members = committee_as_of(committee, today)
        decisions = list(committee.decisions.all())
        decision_form = None
        if manage:
            decision_form = forms.CommitteeDecisionForm(
                initial={
                    "kind": "reform" if decisions else "set_up",
                    "members": _composition_text(members),
                },
                prefix=f"c{committee.pk}",
            )
        committees.append((committee, members, decisions, decision_form))
    totals = roll_up(programme, scope=None if manage else unit_scope(request.user))
    first = totals.rows[0].unit if totals.rows else None
    return render(
        request,
        "web/programmes/detail.html",
        {
            "programme": programme,
            "can_manage": manage,
            "can_report": mine.exists(),
            "period_rows": period_rows,
            "more_periods": len(periods) > 8,
            "committees": committees,
            "milestones": programme.milestones.all(),
            "indicators": [
                (
                    i,
                    totals.total(first, i) if first else None,
                    totals.progress(i) if manage else None,
                )
                for i in totals.indicators
            ],
            "totals_unit": first,
            "implementing_count": implementing_units(programme).count(),
            "indicator_form": forms.IndicatorForm(kinds=programme.activity_kinds.all())
            if manage
            else None,
            "kind_form": forms.ActivityKindForm() if manage else None,
            "committee_form": forms.CommitteeForm() if manage else None,
            "activity_kinds": programme.activity_kinds.all(),
            "today": today,
        },
    )


@login_required
@require_GET
def period_page(request: HttpRequest, pk: int, period: str) -> HttpResponse:
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    manage = manages_programme(request.user, programme)
    result = completeness(programme, the_period)
    if not manage:
        scope = unit_scope(request.user)
        result.rows = [r for r in result.rows if scope.contains(r.unit)]
    return render(
        request,
        "web/programmes/period.html",
        {
            "programme": programme,
            "period": the_period,
            "completeness": result,
            "can_manage": manage,
            "reportable": {u.pk for u in reporting_units_for(request.user, programme, the_period)},
            "unlock_form": forms.ReasonForm() if manage and result.locked else None,
        },
    )


@login_required
@require_POST
def period_lock(request: HttpRequest, pk: int, period: str) -> HttpResponse:
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    try:
        report_domain.lock_period(actor=request.user, programme=programme, period_code=period)
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("%(period)s is locked.") % {"period": the_period})
    return redirect("web:programmes:period", programme.pk, the_period.code)


@login_required
@require_POST
def period_unlock(request: HttpRequest, pk: int, period: str) -> HttpResponse:
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the period is unlocked."))
    else:
        try:
            report_domain.unlock_period(
                actor=request.user,
                programme=programme,
                period_code=the_period.code,
                reason=form.cleaned_data["reason"],
            )
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(period)s is unlocked.") % {"period": the_period})
    return redirect("web:programmes:period", programme.pk, the_period.code)


def _report_context(
    request: HttpRequest, programme: Programme, the_period: Period, unit: Unit
) -> dict[str, Any]:
    report = period_report(programme, unit, the_period.code)
    if report is not None and not request.user.has_perm("programmes.view_report", report):
        raise Http404
    if report is None and not (
        unit_scope(request.user).contains(unit) or manages_programme(request.user, programme)
    ):
        raise Http404
    locked = report_domain.is_locked(programme, the_period.code)
    editable_state = report is None or report.state in (ReportState.DRAFT, ReportState.RETURNED)
    may_edit = (
        reports_for_unit(request.user, unit)
        and implements_during(programme, unit, the_period.start, the_period.end)
        and not locked
        and editable_state
        and the_period.start <= timezone.localdate()
    )
    manage = manages_programme(request.user, programme) and not locked and report is not None
    values = {v.indicator_id: v.value for v in report.values.all()} if report is not None else {}
    indicators = list(programme.indicators.all())
    return {
        "programme": programme,
        "period": the_period,
        "unit": unit,
        "report": report,
        "locked": locked,
        "may_edit": may_edit,
        "can_approve": manage and report is not None and report.state == ReportState.SUBMITTED,
        "can_return": manage
        and report is not None
        and report.state in (ReportState.SUBMITTED, ReportState.APPROVED),
        "rows": [(i, values.get(i.pk)) for i in indicators],
        "indicators": indicators,
        "yes_no": ValueType.YES_NO,
        "return_form": forms.ReasonForm(),
    }


def _initial(context: dict[str, Any], figures: dict[str, int]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    report = context["report"]
    for indicator, value in context["rows"]:
        key = f"i_{indicator.code}"
        if value is not None:
            if indicator.value_type == ValueType.YES_NO:
                initial[key] = "1" if value else "0"
            elif indicator.value_type == ValueType.INTEGER:
                initial[key] = int(value)
            else:
                initial[key] = value.normalize()
        elif indicator.code in figures:
            initial[key] = figures[indicator.code]
    if report is not None:
        initial["narrative"] = report.narrative
    initial["version"] = report.version if report is not None else 0
    return initial


@login_required
@require_http_methods(["GET", "POST"])
def report_page(request: HttpRequest, pk: int, period: str, unit_pk: int) -> HttpResponse:
    """A unit's report for a period: the form for its clerk, read-only for everyone else."""
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    unit = get_object_or_404(any_unit(), pk=unit_pk)
    context = _report_context(request, programme, the_period, unit)
    form = None
    if context["may_edit"]:
        figures = activity_figures(programme, unit, the_period)
        form = forms.ReportForm(
            request.POST or None,
            indicators=context["indicators"],
            initial=_initial(context, figures),
        )
        context["from_activities"] = set(figures)
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form is not None:
        submit = request.POST.get("action") == "submit"
        if form.is_valid():
            try:
                report_domain.save_report(
                    actor=request.user,
                    programme=programme,
                    unit=unit,
                    period_code=the_period.code,
                    values=form.values(),
                    narrative=form.cleaned_data["narrative"],
                    submit=submit,
                    version=form.cleaned_data["version"],
                )
            except StaleEdit as exc:
                context["stale"] = exc
                form = refused_form(
                    forms.ReportForm, request.POST, exc, indicators=context["indicators"]
                )
            except ProgrammeError as exc:
                messages.error(request, str(exc))
            else:
                messages.success(
                    request,
                    _("The report was submitted.") if submit else _("The draft was saved."),
                )
                return redirect("web:programmes:report", programme.pk, the_period.code, unit.pk)
        else:
            messages.error(request, _("Nothing was saved: correct the values marked below."))
    context["form"] = form
    status = 409 if context.get("stale") else 400 if form and form.errors else 200
    return render(request, "web/programmes/report.html", context, status=status)


@login_required
@require_POST
def report_approve(request: HttpRequest, pk: int, period: str, unit_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    report = get_object_or_404(period_reports(programme, the_period.code), unit_id=unit_pk)
    try:
        report_domain.approve_report(actor=request.user, report=report)
    except ProgrammeError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The report was approved."))
    return redirect("web:programmes:report", programme.pk, the_period.code, unit_pk)


@login_required
@require_POST
def report_return(request: HttpRequest, pk: int, period: str, unit_pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    the_period = _period(programme, period)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    report = get_object_or_404(period_reports(programme, the_period.code), unit_id=unit_pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report is returned."))
    else:
        try:
            report_domain.return_report(
                actor=request.user, report=report, reason=form.cleaned_data["reason"]
            )
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The report was returned to the unit."))
    return redirect("web:programmes:report", programme.pk, the_period.code, unit_pk)


@login_required
@require_http_methods(["GET", "POST"])
def activity_list(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    today = timezone.localdate()
    units = _reporter_units(request.user, programme, min(today, programme.ends_on))
    if manages_programme(request.user, programme):
        units = implementing_units(programme, day=min(today, programme.ends_on))
    can_add = units.exists() and programme.activity_kinds.exists()
    form = None
    if can_add:
        form = forms.ActivityForm(
            request.POST or None, units=units, kinds=programme.activity_kinds.all()
        )
    elif request.method == "POST":
        raise PermissionDenied
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            data = form.cleaned_data
            try:
                activity_domain.record_activity(
                    actor=request.user,
                    programme=programme,
                    unit=data["unit"],
                    kind=data["kind"],
                    date=data["date"],
                    title=data["title"],
                    participants=data["participants"],
                    note=data["note"],
                )
            except ProgrammeError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, _("The activity was recorded."))
                return redirect("web:programmes:activities", programme.pk)
        else:
            _form_errors(request, form)
            status = 400
    activities = visible_activities(request.user, programme)
    return render(
        request,
        "web/programmes/activities.html",
        {
            "programme": programme,
            "activities": activities[:200],
            "count": activities.count(),
            "form": form,
        },
        status=status,
    )


@login_required
@require_GET
def consolidated(request: HttpRequest, pk: int) -> HttpResponse:
    """Approved figures by unit, rolled up the tree, for a range of periods."""
    programme = _programme(request, pk)
    today = timezone.localdate()
    periods = [p for p in programme.periods() if p.start <= today]
    choices = [(p.code, p.label) for p in periods]
    initial = {"start": choices[0][0], "end": choices[-1][0]} if choices else {}
    form = forms.RangeForm(request.GET or None, choices=choices, initial=initial)
    chosen = periods
    if periods and form.is_valid():
        start = form.cleaned_data["start"] or periods[0].code
        end = form.cleaned_data["end"] or periods[-1].code
        chosen = [p for p in periods if start <= p.code <= end]
    manage = manages_programme(request.user, programme)
    result = roll_up(programme, periods=chosen, scope=None if manage else unit_scope(request.user))
    table = [(row, [result.total(row.unit, i) for i in result.indicators]) for row in result.rows]
    history = [(h, [result.own(h.unit, i) for i in result.indicators]) for h in result.history]
    return render(
        request,
        "web/programmes/consolidated.html",
        {
            "programme": programme,
            "form": form,
            "result": result,
            "table": table,
            "history": history,
            "first": chosen[0] if chosen else None,
            "last": chosen[-1] if chosen else None,
            "can_manage": manage,
            "targets": [(i, result.progress(i)) for i in result.indicators] if manage else [],
        },
    )


def report_url(programme: Programme, period: Period, unit: Unit) -> str:
    return reverse("web:programmes:report", args=[programme.pk, period.code, unit.pk])


# --- setting a programme up (the owner unit's emulation office) ----------------------------


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest) -> HttpResponse:
    owners = owner_units(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = forms.ProgrammeForm(
        request.POST or None,
        owners=owners,
        roots=root_units([unit_scope(request.user, cap) for cap in MANAGERS]),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                programme = programme_domain.create_programme(
                    actor=request.user,
                    name=data["name"],
                    owner_unit=data["owner_unit"],
                    implementing_root=data["implementing_root"],
                    units_as_of=data["starts_on"],
                    reporting_levels=data["reporting_levels"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    period_kind=data["period_kind"],
                    report_due_days=data["report_due_days"],
                    legal_basis=data["legal_basis"],
                    description=data["description"],
                )
            except ProgrammeError as exc:
                messages.error(request, str(exc))
                status = 400
            else:
                messages.success(request, _("The programme was created: add its indicators."))
                return redirect("web:programmes:programme", programme.pk)
        else:
            status = 400
    return render(request, "web/programmes/new.html", {"form": form}, status=status)


@login_required
@require_POST
def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    form = forms.IndicatorForm(request.POST, kinds=programme.activity_kinds.all())
    if not form.is_valid():
        _form_errors(request, form)
    else:
        data = form.cleaned_data
        try:
            programme_domain.add_indicator(actor=request.user, programme=programme, **data)
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The indicator was added."))
    return redirect("web:programmes:programme", programme.pk)


@login_required
@require_POST
def activity_kind_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    form = forms.ActivityKindForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            programme_domain.add_activity_kind(
                actor=request.user, programme=programme, name=form.cleaned_data["name"]
            )
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The activity kind was added."))
    return redirect("web:programmes:programme", programme.pk)


@login_required
@require_POST
def committee_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _programme(request, pk)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    form = forms.CommitteeForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        try:
            committee_domain.create_committee(
                actor=request.user,
                unit=programme.owner_unit,
                name=form.cleaned_data["name"],
                programme=programme,
            )
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The committee was added: record its set-up decision."))
    return redirect("web:programmes:programme", programme.pk)


@login_required
@require_POST
def committee_decision(request: HttpRequest, pk: int, committee_pk: int) -> HttpResponse:
    """Set the committee up or re-form it: the decision and the whole new composition."""
    programme = _programme(request, pk)
    committee = get_object_or_404(programme.committees, pk=committee_pk)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    form = forms.CommitteeDecisionForm(request.POST, prefix=f"c{committee.pk}")
    if not form.is_valid():
        _form_errors(request, form)
    else:
        data = form.cleaned_data
        try:
            committee_domain.record_committee_decision(
                actor=request.user,
                committee=committee,
                kind=data["kind"],
                number=data["number"],
                date=data["date"],
                effective_on=data["effective_on"],
                text=data["text"],
                members=data["members"],
            )
        except ProgrammeError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("The decision and the committee's composition were recorded.")
            )
    return redirect("web:programmes:programme", programme.pk)


def _composition_text(members: list[Any]) -> str:
    """The committee today, in the decision form's one-line-a-member format."""
    return "\n".join(f"{m.full_name} | {m.post_title} | {m.get_role_display()}" for m in members)
