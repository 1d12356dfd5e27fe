"""The review (sơ kết / tổng kết) pages: the review for a period range, its .docx, its charts,
and opening the thematic round for the units' proposals. The programme's office only."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vinhdanh.common.xlsx import xlsx_response
from vinhdanh.nominations.domain.errors import NotPermitted, WorkflowError
from vinhdanh.nominations.domain.nominations import create_round
from vinhdanh.nominations.rules import may_launch_rounds
from vinhdanh.programmes.domain.queries.programmes import visible_programmes
from vinhdanh.programmes.domain.queries.review import (
    Review,
    ReviewRangeError,
    build_review,
    default_range,
    periods_of_milestone,
    review_periods,
)
from vinhdanh.programmes.domain.queries.thematic import (
    open_rounds,
    thematic_round_name,
    thematic_round_note,
)
from vinhdanh.programmes.enums import MilestoneKind
from vinhdanh.programmes.interfaces.review_docx import render_review
from vinhdanh.programmes.rules import manages_programme
from vinhdanh.web.programmes import review_forms as forms
from vinhdanh.web.programmes.charts import chart_svg_response

if TYPE_CHECKING:
    from vinhdanh.programmes.models import Programme


def _managed(request: HttpRequest, pk: int) -> Programme:
    programme = get_object_or_404(visible_programmes(request.user), pk=pk)
    if not manages_programme(request.user, programme):
        raise PermissionDenied
    return programme


def _review(request: HttpRequest, programme: Programme) -> tuple[Review | None, Any]:
    """The review for the range asked (default: the latest milestone that has ended)."""
    today = timezone.localdate()
    ended = [p for p in programme.periods() if p.end < today]
    choices = [(p.code, p.label) for p in ended]
    periods, milestone = default_range(programme, today)
    kind = milestone.kind if milestone else MilestoneKind.PRELIMINARY
    initial = {"kind": kind}
    if periods:
        initial |= {"start": periods[0].code, "end": periods[-1].code}
    form = forms.ReviewForm(request.GET or None, choices=choices, initial=initial)
    if not choices:
        return None, form
    if request.GET:
        if not form.is_valid():
            return None, form
        start = form.cleaned_data["start"] or choices[0][0]
        end = form.cleaned_data["end"] or choices[-1][0]
        kind = form.cleaned_data["kind"] or kind
        try:
            periods = review_periods(programme, start, end)
        except ReviewRangeError as exc:
            form.add_error(None, str(exc))
            return None, form
        periods = [p for p in periods if p.end < today]
        milestone = None
    if not periods:
        return None, form
    title = milestone.title if milestone else ""
    return build_review(programme, periods, kind=kind, title=title, milestone=milestone), form


def _range_query(review: Review) -> str:
    return urlencode({"start": review.start.code, "end": review.end.code, "kind": review.kind})


def _milestones(programme: Programme) -> list[tuple[Any, str]]:
    """The planned reviews, each with the query that generates it once its periods have ended."""
    today = timezone.localdate()
    out = []
    for milestone in programme.milestones.all():
        periods = periods_of_milestone(programme, milestone)
        ready = bool(periods) and periods[-1].end < today
        query = (
            urlencode({"start": periods[0].code, "end": periods[-1].code, "kind": milestone.kind})
            if ready
            else ""
        )
        out.append((milestone, query))
    return out


@login_required
@require_GET
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    review, form = _review(request, programme)
    return render(
        request,
        "web/programmes/review.html",
        {
            "programme": programme,
            "review": review,
            "form": form,
            "can_manage": True,
            "milestones": _milestones(programme),
            "query": _range_query(review) if review else "",
            "rounds": programme.rounds.select_related("decider_unit").order_by("-created_at"),
            "can_open_round": may_launch_rounds(request.user, programme.owner_unit),
            "open_rounds": list(open_rounds(programme)),
            "round_form": forms.ThematicRoundForm(
                initial={"name": thematic_round_name(review)} if review else None
            ),
        },
    )


@login_required
@require_GET
def review_docx(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _managed(request, pk)
    review, _form = _review(request, programme)
    if review is None:
        raise Http404
    content = render_review(review, day=timezone.localdate())
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = "tong-ket" if review.is_final else "so-ket"
    response["Content-Disposition"] = (
        f'attachment; filename="bao-cao-{name}-{programme.pk}-{review.end.code}.docx"'
    )
    return response


def _chart_of(review: Review | None, chart: str) -> Any:
    found = review.chart(chart) if review else None
    if found is None:
        raise Http404
    return found


@login_required
@require_GET
def review_chart(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    programme = _managed(request, pk)
    review, _form = _review(request, programme)
    return chart_svg_response(_chart_of(review, chart))


@login_required
@require_GET
def review_chart_xlsx(request: HttpRequest, pk: int, chart: str) -> HttpResponse:
    programme = _managed(request, pk)
    review, _form = _review(request, programme)
    found = _chart_of(review, chart)
    return xlsx_response(f"so-ket-{programme.pk}-{chart}.xlsx", found.headers, found.rows)


@login_required
@require_POST
def review_round(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a thematic round for the units' proposals, linked to the programme."""
    programme = _managed(request, pk)
    form = forms.ThematicRoundForm(request.POST)
    back = reverse("web:programmes:review", args=[programme.pk])
    if request.POST.get("query"):
        back += "?" + str(request.POST["query"])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back)
    data = form.cleaned_data
    already = open_rounds(programme).first()
    if already is not None and not data["open_another"]:
        messages.warning(
            request,
            _(
                "The round “%(name)s” of this programme is still open: add the proposals to it, "
                "or tick “Open another round anyway”."
            )
            % {"name": already.name},
        )
        return redirect(back)
    today = timezone.localdate()
    try:
        round_ = create_round(
            actor=request.user,
            name=data["name"],
            owning_unit=programme.owner_unit,
            decider_unit=programme.owner_unit,
            year=today.year,
            programme=programme,
            period_label=f"{programme.starts_on.year} – {min(programme.ends_on, today).year}",
            submission_deadline=data["submission_deadline"],
            planned_decision_date=data["planned_decision_date"],
            note=thematic_round_note(programme),
        )
    except (NotPermitted, WorkflowError) as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(
        request, _("The round “%(name)s” is open for the units' proposals.") % {"name": round_.name}
    )
    return redirect("web:workflow_round", pk=round_.pk)
