"""Eligibility in the product: a person's year, a unit's candidate lists, the parameters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from vinhdanh.awards.domain.queries.catalogue import kind_by_code, kind_names
from vinhdanh.common.domain.jobs import active_job, job_context, start_job
from vinhdanh.common.enums import JobKind
from vinhdanh.common.widgets import parse_day
from vinhdanh.common.xlsx import Sheet, xlsx_response
from vinhdanh.eligibility import services
from vinhdanh.eligibility.core import CANDIDATE_CODES, Outcome, Result, vocab
from vinhdanh.eligibility.domain.parameters import set_parameter
from vinhdanh.eligibility.domain.queries.candidates import (
    COLLECTIVE_LIST_CODES,
    CandidateList,
    CollectiveCandidateList,
    candidate_list,
    candidate_page,
    collective_candidate_list,
)
from vinhdanh.eligibility.domain.queries.parameters import office_rows, overlay_rows
from vinhdanh.eligibility.domain.queries.quotas import UnitQuota
from vinhdanh.eligibility.rules import CANDIDATE_LIST_CAPABILITIES, is_office, may_list_candidates
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import BulkLine, BulkRefused, create_nominations
from vinhdanh.nominations.domain.queries.nominations import open_dossiers
from vinhdanh.nominations.domain.quotas import candidate_list_quotas
from vinhdanh.nominations.domain.rounds import rounds_open_for
from vinhdanh.orgs.domain.queries.pickers import pick_scope
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import visible_units
from vinhdanh.orgs.enums import Capability
from vinhdanh.people.domain.queries.people import people_under
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.web import parameters_ui
from vinhdanh.web.forms_eligibility import BulkNominationForm, CandidateUnitForm

if TYPE_CHECKING:
    from vinhdanh.orgs.models import Unit

OUTCOME_LABELS = {o.value: _(label) for o, label in vocab.OUTCOME_LABELS.items()}


def display(result: Result) -> dict[str, Any]:
    """A result as the templates show it, in the active language."""
    lang = services.reader_lang()
    data = result.to_dict(lang, suggestions=True)
    kind = kind_by_code(result.code)
    failed = [c["message"] for c in data["checks"] if not c["ok"]]
    return {
        **data,
        "code": result.code,
        "name": kind.name if kind else result.code,
        "label": OUTCOME_LABELS.get(result.outcome.value, result.outcome.value),
        "first_reason": (
            _mid_sentence(failed[0]) if failed and result.outcome is not Outcome.ELIGIBLE else ""
        ),
    }


def _mid_sentence(text: str) -> str:
    """A message continued after "because": 'Năm 2025 chưa có…' → 'năm 2025 chưa có…'; an
    abbreviation ('CSTĐCS …') keeps its capitals."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _year(request: HttpRequest) -> int:
    """The achievement year asked for; by default the last completed year. A year no rule
    decides (before 2014, or not yet begun) is refused with a message, not evaluated."""
    default = timezone.localdate().year - 1
    raw = request.GET.get("year")
    if raw is None:
        return default
    try:
        year = int(raw)
    except ValueError:
        messages.warning(
            request,
            _("“%(value)s” is not a year; showing %(year)s.") % {"value": raw, "year": default},
        )
        return default
    if year > default + 1 or not services.year_is_covered(year):
        messages.warning(
            request,
            _("No regime of the rules covers the year %(asked)s; showing %(year)s.")
            % {"asked": year, "year": default},
        )
        return default
    return year


def _decision_date(request: HttpRequest, year: int) -> dt.date:
    """The hypothetical decision date asked for (it selects the regime and the authority); by
    default the year-end review or today, whichever is later. A date that cannot be used is
    refused with a message saying why, and the default is shown instead."""
    default = services.default_decision_date(year)
    raw = (request.GET.get("decision_date") or "").strip()
    if not raw:
        return default
    day = parse_day(raw)  # dd/mm/yyyy as the field shows it, or ISO from older links
    if day is None:
        problem: str | None = _("“%(value)s” is not a date.") % {"value": raw}
    else:
        problem = services.decision_date_problem(year, day)
    if day is not None and problem is None:
        return day
    messages.warning(
        request,
        _("%(problem)s Showing the decision date %(day)s.")
        % {"problem": problem, "day": formats.date_format(default, "d/m/Y")},
    )
    return default


@login_required
@require_GET
def unit_candidates_choose(request: HttpRequest) -> HttpResponse:
    """The unit picker of the candidate lists: go to the chosen unit's lists."""
    form = CandidateUnitForm(request.GET or None, user=request.user)
    if form.is_valid():
        url = reverse("web:unit_candidates", args=[form.cleaned_data["unit"].pk])
        year = form.cleaned_data.get("year")
        return HttpResponseRedirect(f"{url}?year={year}" if year else url)
    if (
        not request.user.is_superuser
        and pick_scope(request.user, CANDIDATE_LIST_CAPABILITIES).is_empty
    ):
        raise Http404
    return render(request, "web/eligibility/choose.html", {"form": form})


@login_required
@require_GET
def person_eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(visible_people(request.user).select_related("current_unit"), pk=pk)
    year = _year(request)
    decision_date = _decision_date(request, year)
    result = services.person_year(person, year, decision_date)
    shown = [display(r) for r in result.results]
    template = (
        "web/eligibility/_person.html"
        if getattr(request, "htmx", False)
        else "web/eligibility/person.html"
    )
    return render(
        request,
        template,
        {
            "p": person,
            "year": year,
            "decision_date": decision_date,
            "result": result,
            "labels": OUTCOME_LABELS,
            "results": shown,
            "eligible_names": [r["name"] for r in shown if r["outcome"] == Outcome.ELIGIBLE.value],
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )


def _list_code(request: HttpRequest, codes: tuple[str, ...], default: str) -> str:
    code = request.GET.get("code", default)
    return code if code in codes else default


def _list_outcome(request: HttpRequest) -> str:
    outcome = request.GET.get("outcome", Outcome.ELIGIBLE.value)
    return outcome if outcome in OUTCOME_LABELS else Outcome.ELIGIBLE.value


def _listable_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    if not may_list_candidates(request.user, unit):
        raise Http404
    return unit


def _nomination_form(
    request: HttpRequest, unit: Unit, year: int, code: str, *, collectives: bool
) -> BulkNominationForm | None:
    """The bulk nomination form under a list, when the user may nominate in an open round
    of the year for this title (otherwise the list has no checkboxes)."""
    kind = kind_by_code(code, active_only=True)
    if kind is None:
        return None
    rounds = rounds_open_for(request.user, unit=unit, year=year, kind=kind)
    if not rounds:
        return None
    scope = unit_scope(request.user)
    people = units = None
    if collectives:
        units = visible_units(request.user).filter(path__startswith=unit.path)
    else:
        people = people_under(unit, scope)
    return BulkNominationForm(
        request.POST if request.method == "POST" else None,
        rounds=rounds,
        people=people,
        units=units,
    )


def _shown_form(
    form: BulkNominationForm | None, outcome: str, lines: list[tuple[Any, ...]]
) -> BulkNominationForm | None:
    """The bulk form only under the eligible list, and only when a row there can be ticked:
    someone with a dossier in an open round already is not offered again."""
    if outcome != Outcome.ELIGIBLE.value or not any(line[-1] is None for line in lines):
        return None
    return form


def _list_context(
    request: HttpRequest,
    *,
    unit: Unit,
    year: int,
    decision_date: Any,
    code: str,
    outcome: str,
    lst: Any,
    rows: list[Any],
    codes: Sequence[str],
    field: str,
    form: BulkNominationForm | None,
    refused: list[BulkLine] | None,
    summary: str,
) -> dict[str, Any]:
    """What the people's and the collectives' lists share: each row with its refusal, its tick
    and any dossier already open for it; the counts per title and outcome; the bulk form."""
    subject_ids = [(r.person if field == "person" else r.unit).pk for r in rows]
    ticked = set(request.POST.getlist(field)) if request.method == "POST" else set()
    problems = {line.subject.pk: line.problems for line in refused or []}
    of_people = field == "person"
    dossiers = open_dossiers(
        request.user,
        kind_code=code,
        period=year,
        people=subject_ids if of_people else (),
        units=() if of_people else subject_ids,
    )
    lines = [
        (r, problems.get(pk, ()), str(pk) in ticked, dossiers.get(pk))
        for r, pk in zip(rows, subject_ids, strict=True)
    ]
    names = kind_names()
    return {
        "unit": unit,
        "year": year,
        "decision_date": decision_date,
        "code": code,
        "outcome": outcome,
        "lst": lst,
        "lines": lines,
        "code_name": names.get(code, code),
        "codes": [(c, names.get(c, c)) for c in codes],
        "labels": OUTCOME_LABELS,
        "count_rows": [
            (c, names.get(c, c), [lst.counts.get(c, {}).get(o, 0) for o in OUTCOME_LABELS])
            for c in codes
        ],
        "form": _shown_form(form, outcome, lines),
        "refused": refused or [],
        "summary": summary,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
    }


def _people_page(
    request: HttpRequest,
    unit: Unit,
    *,
    form: BulkNominationForm | None = None,
    refused: list[BulkLine] | None = None,
    summary: str = "",
    status: int = 200,
) -> HttpResponse:
    year = _year(request)
    code = _list_code(request, services.PERSON_CODES, "LDTT")
    outcome = _list_outcome(request)
    decision_date = _decision_date(request, year)
    lst = candidate_page(
        unit=unit,
        period=year,
        scope=unit_scope(request.user),
        decision_date=decision_date,
        code=code,
        outcome=outcome,
        limit=300,
    )
    rows = lst.rows()
    if form is None:
        form = _nomination_form(request, unit, year, code, collectives=False)
    context = _list_context(
        request,
        unit=unit,
        year=year,
        decision_date=decision_date,
        code=code,
        outcome=outcome,
        lst=lst,
        rows=rows,
        codes=services.PERSON_CODES,
        field="person",
        form=form,
        refused=refused,
        summary=summary,
    )
    quotas = candidate_list_quotas(lst)
    return render(
        request,
        "web/eligibility/unit.html",
        {
            **context,
            "held": lst.held_count(code) if not rows and outcome == Outcome.ELIGIBLE else 0,
            "quota": sum(lst.quota.values()) if code == "CSTDCS" and lst.quota else None,
            "quotas": quotas,
            # Said in full beside the table: allowed, already awarded, under way, remaining
            # (never below 0) and by how many the quota is exceeded.
            "quota_awarded": sum(q.awarded for q in quotas),
            "quota_under_way": sum(q.proposed for q in quotas),
            "quota_remaining": sum(q.remaining for q in quotas),
            "quota_over_by": sum(q.over_by for q in quotas),
            "unit_form": CandidateUnitForm(
                initial={"unit": unit.pk, "year": year}, user=request.user
            ),
        },
        status=status,
    )


@login_required
@require_GET
def unit_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    return _people_page(request, _listable_unit(request, pk))


def _collectives_page(
    request: HttpRequest,
    unit: Unit,
    *,
    form: BulkNominationForm | None = None,
    refused: list[BulkLine] | None = None,
    summary: str = "",
    status: int = 200,
) -> HttpResponse:
    year = _year(request)
    code = _list_code(request, COLLECTIVE_LIST_CODES, COLLECTIVE_LIST_CODES[0])
    outcome = _list_outcome(request)
    decision_date = _decision_date(request, year)
    lst = collective_candidate_list(
        unit=unit, period=year, scope=unit_scope(request.user), decision_date=decision_date
    )
    if form is None:
        form = _nomination_form(request, unit, year, code, collectives=True)
    context = _list_context(
        request,
        unit=unit,
        year=year,
        decision_date=decision_date,
        code=code,
        outcome=outcome,
        lst=lst,
        rows=lst.rows(code, outcome, limit=500),
        codes=COLLECTIVE_LIST_CODES,
        field="unit",
        form=form,
        refused=refused,
        summary=summary,
    )
    return render(request, "web/eligibility/collectives.html", context, status=status)


@login_required
@require_GET
def unit_collectives(request: HttpRequest, pk: int) -> HttpResponse:
    """The collectives of a unit's subtree against the collective titles, with the reasons."""
    return _collectives_page(request, _listable_unit(request, pk))


@login_required
@require_http_methods(["POST"])
def unit_candidates_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """Nominate the ticked people or collectives of a list in one step, all or none. A
    refusal shows the same list again with the boxes still ticked and the reasons per line."""
    unit = _listable_unit(request, pk)
    collectives = request.GET.get("subject") == "collective"
    page = _collectives_page if collectives else _people_page
    year = _year(request)
    codes = COLLECTIVE_LIST_CODES if collectives else services.PERSON_CODES
    code = _list_code(request, codes, codes[0])
    form = _nomination_form(request, unit, year, code, collectives=collectives)
    if form is None:
        raise PermissionDenied
    if not form.is_valid():
        return page(request, unit, form=form, status=400)
    kind = kind_by_code(code)
    if kind is None:  # cannot happen: the form above exists only for an active kind
        raise Http404
    try:
        created = create_nominations(
            actor=request.user,
            round=form.cleaned_data["round"],
            kind=kind,
            people=list(form.cleaned_data["person"] or ()),
            units=list(form.cleaned_data["unit"] or ()),
        )
    except BulkRefused as exc:
        # said once, in the notice above the list (not also as a message)
        return page(request, unit, form=form, refused=exc.refused, summary=str(exc), status=400)
    except NotPermitted as exc:
        raise PermissionDenied(str(exc)) from exc
    except WorkflowError as exc:
        form.add_error(None, str(exc))
        return page(request, unit, form=form, status=400)
    round_ = form.cleaned_data["round"]
    messages.success(
        request,
        _("%(count)s nominations for %(kind)s were created in the round “%(round)s”.")
        % {"count": len(created), "kind": kind.name, "round": round_.name},
    )
    return HttpResponseRedirect(reverse("web:workflow_round", args=[round_.pk]))


def candidate_table(
    lst: CandidateList, progress: Callable[[int, int], None] | None = None
) -> tuple[list[str], list[list[Any]]]:
    """The .xlsx of a unit's candidate lists: every title, its eligible people in order."""
    headers = [
        str(h)
        for h in (
            _("Title"),
            _("No."),
            _("Staff code"),
            _("Full name"),
            _("Unit"),
            _("Post"),
            _("Rank under the quota"),
            _("Within the quota"),
        )
    ]
    table: list[list[Any]] = []
    names = kind_names()
    codes = services.PERSON_CODES
    for done, code in enumerate(codes):
        if progress is not None:
            progress(done, len(codes))
        for i, row in enumerate(lst.rows(code, Outcome.ELIGIBLE.value, limit=100_000), start=1):
            p = row.person
            table.append(
                [
                    names.get(code, code),
                    i,
                    p.code,
                    p.full_name,
                    p.current_unit.name if p.current_unit else "",
                    p.current_title,
                    row.rank,
                    "" if row.within_quota is None else (_("yes") if row.within_quota else _("no")),
                ]
            )
    return headers, table


def quota_sheet(quotas: list[UnitQuota]) -> Sheet:
    """The "Trong tỷ lệ" sheet: each unit's CSTĐCS quota, its use and what is left, with the
    pages' columns (remaining never below 0; by how many a unit is over, apart)."""
    headers = [
        str(h)
        for h in (
            _("Unit"),
            _("Share of LĐTT"),
            _("LĐTT"),
            _("Allowed"),
            _("Awarded this year"),
            _("In dossiers under way"),
            _("Remaining"),
            _("Over by"),
        )
    ]
    rows = [
        [
            q.unit.name,
            f"{q.percent}%",
            q.base_count,
            q.allowed,
            q.awarded,
            q.proposed,
            q.remaining,
            q.over_by,
        ]
        for q in quotas
    ]
    return str(_("Within the quota")), headers, rows


def collective_table(lst: CollectiveCandidateList) -> tuple[list[str], list[list[Any]]]:
    """The .xlsx of a unit's collectives: every title, its eligible collectives in order."""
    headers = [
        str(h) for h in (_("Title"), _("No."), _("Code"), _("Collective"), _("Kind of unit"))
    ]
    names = kind_names()
    table: list[list[Any]] = []
    for code in COLLECTIVE_LIST_CODES:
        for i, row in enumerate(lst.rows(code, Outcome.ELIGIBLE.value, limit=100_000), start=1):
            table.append(
                [
                    names.get(code, code),
                    i,
                    row.unit.code,
                    row.unit.name,
                    row.unit.get_level_display(),
                ]
            )
    return headers, table


def candidates_filename(unit: Unit, year: int) -> str:
    return f"danh-sach-du-dieu-kien-{unit.code}-{year}.xlsx"


def collectives_filename(unit: Unit, year: int) -> str:
    return f"danh-sach-tap-the-du-dieu-kien-{unit.code}-{year}.xlsx"


def candidates_in_background(unit: Unit) -> bool:
    """A list for more people than a request should evaluate (a province) goes to the worker."""
    return people_under(unit).count() > int(settings.CANDIDATES_INLINE_MAX_PEOPLE)


@login_required
@require_http_methods(["GET", "POST"])
def unit_candidates_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """Small units: the file at once. Large ones (a province): a background job whose page
    shows the progress and then offers the file; a GET only offers to start it."""
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    if not may_list_candidates(request.user, unit):
        raise Http404
    year = _year(request)
    if candidates_in_background(unit):
        if request.method != "POST":
            return render(
                request, "web/eligibility/export_start.html", {"unit": unit, "year": year}
            )
        params = {
            "unit": unit.pk,
            "year": year,
            "decision_date": _decision_date(request, year).isoformat(),
        }
        job = active_job(owner=request.user, kind=JobKind.CANDIDATES_XLSX, params=params)
        if job is None:
            job = start_job(
                owner=request.user,
                kind=JobKind.CANDIDATES_XLSX,
                title=str(
                    _("Candidate lists %(year)s — %(unit)s") % {"year": year, "unit": unit.name}
                ),
                params={**params, **job_context(request)},
            )
        return HttpResponseRedirect(reverse("web:job", args=[job.pk]))
    lst = candidate_list(
        unit=unit,
        period=year,
        scope=unit_scope(request.user),
        decision_date=_decision_date(request, year),
    )
    headers, table = candidate_table(lst)
    quotas = candidate_list_quotas(lst)
    return xlsx_response(
        candidates_filename(unit, year),
        headers,
        table,
        title=_("Candidates %(year)s") % {"year": year},
        more=[quota_sheet(quotas)] if quotas else [],
    )


@login_required
@require_GET
def unit_collectives_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The eligible collectives of a unit's subtree for every collective title, as .xlsx."""
    unit = _listable_unit(request, pk)
    year = _year(request)
    lst = collective_candidate_list(
        unit=unit,
        period=year,
        scope=unit_scope(request.user),
        decision_date=_decision_date(request, year),
    )
    headers, table = collective_table(lst)
    return xlsx_response(
        collectives_filename(unit, year),
        headers,
        table,
        title=_("Collectives %(year)s") % {"year": year},
    )


@login_required
@require_GET
def collective_why(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One collective, one title: the checks and the articles (HTMX partial in the lists)."""
    unit = _listable_unit(request, pk)
    if code not in COLLECTIVE_LIST_CODES:
        raise Http404
    year = _year(request)
    result = services.evaluate_subject(
        unit=unit, code=code, period=year, decision_date=_decision_date(request, year)
    )
    return render(request, "web/eligibility/_result.html", {"r": display(result)})


@login_required
@require_GET
def why(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """One person, one title: the checks and the articles (HTMX partial in candidate lists)."""
    person = get_object_or_404(visible_people(request.user), pk=pk)
    if code not in CANDIDATE_CODES:
        raise Http404
    year = _year(request)
    result = services.evaluate_subject(
        person=person, code=code, period=year, decision_date=_decision_date(request, year)
    )
    return render(request, "web/eligibility/_result.html", {"r": display(result)})


@login_required
@require_http_methods(["GET", "POST"])
def parameters(request: HttpRequest) -> HttpResponse:
    """The parameters the law leaves to ministries and provinces, versioned by date: each by
    its name, its value in words, and a typed input for a new value."""
    if not is_office(request.user):
        raise PermissionDenied
    scope = unit_scope(request.user, Capability.OFFICE)
    if request.user.is_superuser:
        scope = unit_scope(request.user)
    rows = office_rows(scope)
    key = request.POST.get("key") or request.GET.get("key") or ""
    form = None
    if key in parameters_ui.SPECS:
        latest = max((r for r in rows if r.key == key), key=lambda r: r.valid_from, default=None)
        form = parameters_ui.ParameterForm(
            request.POST or None,
            key=key,
            units=visible_units(request.user),
            user=request.user,
            current=latest.value if latest is not None else None,
        )
    if request.method == "POST" and form is not None and form.is_valid():
        unit = form.cleaned_data["unit"]
        if unit is not None and not scope.contains(unit):
            raise PermissionDenied
        if unit is None and not request.user.is_superuser:
            form.add_error("unit", _("Only an administrator may set a parameter for everyone."))
        else:
            try:
                set_parameter(
                    key=key,
                    value=form.cleaned_data["value"],
                    unit=unit,
                    valid_from=form.cleaned_data["valid_from"],
                    valid_to=form.cleaned_data["valid_to"],
                    legal_basis=form.cleaned_data["legal_basis"],
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The parameter was saved."))
                return HttpResponseRedirect(reverse("web:eligibility_parameters"))
    today = timezone.localdate()
    in_force = {r.pk for r in overlay_rows(today)}
    order = {k: i for i, k in enumerate(parameters_ui.SPECS)}
    shown = [
        {
            "row": r,
            "label": parameters_ui.SPECS[r.key].label if r.key in parameters_ui.SPECS else r.key,
            "value": parameters_ui.describe(r.key, r.value),
            "legal_basis": r.legal_basis,
        }
        for r in sorted(rows, key=lambda r: (order.get(r.key, 999), -r.valid_from.toordinal()))
    ]
    return render(
        request,
        "web/eligibility/parameters.html",
        {
            "form": form,
            "spec": parameters_ui.SPECS.get(key),
            "choose": parameters_ui.ChooseParameterForm(initial={"key": key or None}),
            "specs": parameters_ui.SPECS.values(),
            "rows": shown,
            "in_force": in_force,
            "today": today,
        },
    )
