"""Rounds: list, open, the round's page (nominations, quotas, notices, bulk actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.common.versioning import StaleEdit
from vinhdanh.documents.domain.queries.register import round_submissions
from vinhdanh.nominations.domain import nominations as domain
from vinhdanh.nominations.domain import notices, workflow
from vinhdanh.nominations.domain import rounds as rounds_domain
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.queries.nominations import (
    nominee_matches,
    registration_marks,
    round_nominations,
    rounds_with_counts,
)
from vinhdanh.nominations.domain.queries.notices import round_comments, round_notices
from vinhdanh.nominations.domain.quotas import round_quota_lines
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.interfaces.forms import (
    BULK_TARGETS,
    BulkForm,
    ConfirmReasonForm,
    NominationForm,
    NoticeForm,
    ReasonForm,
    RoundEditForm,
    RoundForm,
)
from vinhdanh.nominations.rules import (
    allows,
    is_nominating_clerk,
    may_manage_round,
    may_open_any_round,
    may_override,
    sees_comments,
)
from vinhdanh.web.versioning import refused_form
from vinhdanh.web.views.paging import paginate
from vinhdanh.web.workflow.common import error_text, form_errors, round_or_404

if TYPE_CHECKING:
    from vinhdanh.nominations.models import Round

# Bulk move -> the predicate that must accept the user (as in TRANSITIONS).
BULK_PREDICATES = {
    NominationState.SUBMITTED: "is_nominating_clerk",
    NominationState.APPRAISED: "is_appraising_office",
    NominationState.VOTED: "is_council_secretariat",
    NominationState.PROPOSED: "is_proposer",
}


@login_required
@require_GET
def round_list(request: HttpRequest) -> HttpResponse:
    page = paginate(rounds_with_counts(request.user), request.GET.get("page"))
    return render(
        request,
        "web/workflow/round_list.html",
        {"page": page, "can_open": may_open_any_round(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = domain.create_round(
                actor=request.user,
                name=data["name"],
                owning_unit=data["owning_unit"],
                decider_unit=data["decider_unit"],
                decider_role=data["decider_role"],
                year=data["year"],
                period_label=data["period_label"],
                award_type=data["award_type"],
                movement=data["movement"],
                submission_deadline=data["submission_deadline"],
                appraisal_deadline=data["appraisal_deadline"],
                planned_decision_date=data["planned_decision_date"],
                note=data["note"],
            )
        except WorkflowError as exc:
            form.add_error(getattr(exc, "field", None), error_text(exc))
        else:
            messages.success(request, _("The round was opened."))
            if not rounds_domain.round_has_clerk(round_):
                messages.warning(request, rounds_domain.no_clerk_message(round_))
            return HttpResponseRedirect(reverse("web:workflow_round", args=[round_.pk]))
    return render(request, "web/workflow/round_form.html", {"form": form})


@login_required
@require_GET
def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    user = request.user
    items = list(round_nominations(round_))
    marks = registration_marks(items)
    counts: dict[str, int] = {}
    for n in items:
        counts[n.state] = counts.get(n.state, 0) + 1
    bulk = [
        (target, label)
        for target, label in BULK_TARGETS
        if allows(BULK_PREDICATES[target], user, round_)
        and any(n.state in workflow.bulk_sources(target) for n in items)
    ]
    quotas = [q for q in round_quota_lines(round_) if q.applies]
    may_see_comments = sees_comments(user, round_)
    return render(
        request,
        "web/workflow/round_detail.html",
        {
            "round": round_,
            "rows": [(n, marks.get(n.pk)) for n in items],
            "counts": counts,
            "bulk": bulk,
            "quotas": quotas,
            "any_over": any(q.over for q in quotas),
            "can_nominate": is_nominating_clerk(user, round_) and round_.is_open,
            "can_manage": may_manage_round(user, round_) and round_.is_open,
            # Offer "cancel" only when it can succeed; "close" is always there for an open round.
            "can_withdraw": rounds_domain.withdraw_refusal(round_) is None,
            "no_clerk": (
                None
                if rounds_domain.round_has_clerk(round_)
                else rounds_domain.no_clerk_message(round_)
            ),
            "can_override_quota": may_override(user, round_),
            "can_post_notice": notices.may_post_notice(user, round_),
            "notices": list(round_notices(round_)),
            "submissions": list(round_submissions(round_)),
            "comments": list(round_comments(round_)) if may_see_comments else None,
            "notice_form": NoticeForm(initial={"starts_on": timezone.localdate()}),
            "reason_form": ReasonForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def round_bulk(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    form = BulkForm(request.POST)
    target = reverse("web:workflow_round", args=[round_.pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(target)
    try:
        result = workflow.bulk_transition(
            round=round_,
            to=form.cleaned_data["to"],
            actor=request.user,
            number=form.cleaned_data["number"],
        )
    except WorkflowError as exc:  # the văn thư's number is taken: nothing was moved
        messages.error(request, error_text(exc))
        return HttpResponseRedirect(target)
    if result.done:
        messages.success(request, _("%(n)s nominations were moved.") % {"n": len(result.done)})
    if result.submission is not None:
        messages.success(
            request,
            _("The submission %(number)s was entered in the register of outgoing documents.")
            % {"number": result.submission.number_label},
        )
    for nomination, message in result.failed:
        messages.error(request, f"{nomination.subject_name} ({nomination.kind.name}): {message}")
    if not result.done and not result.failed:
        messages.info(request, _("There was nothing to move."))
    return HttpResponseRedirect(target)


@login_required
@require_POST
def round_quota_override(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    form = ReasonForm(request.POST)
    target = reverse("web:workflow_round", args=[round_.pk])
    if not form.is_valid():
        messages.error(request, _("Give the reason for exceeding the quota."))
        return HttpResponseRedirect(target)
    try:
        domain.record_quota_override(
            actor=request.user, round=round_, reason=form.cleaned_data["reason"]
        )
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The reason for exceeding the quota was recorded."))
    return HttpResponseRedirect(target)


@login_required
@require_POST
def round_notice(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    form = NoticeForm(request.POST)
    target = reverse("web:workflow_round", args=[round_.pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(target)
    data = form.cleaned_data
    try:
        notice = notices.post_notice(
            actor=request.user,
            round=round_,
            starts_on=data["starts_on"],
            working_days=data["working_days"],
            title=data["title"],
            number=data["number"],
        )
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("The nominees are posted from %(start)s to %(end)s (%(days)s working days).")
            % {
                "start": notice.starts_on.strftime("%d/%m/%Y"),
                "end": notice.ends_on.strftime("%d/%m/%Y"),
                "days": notice.working_days,
            },
        )
    return HttpResponseRedirect(target)


def _person_picker(request: HttpRequest, round_: Round, form: NominationForm) -> dict[str, Any]:
    """The matches of the name typed in the person field, and the person already chosen."""
    source = form.data if form.is_bound else form.initial
    query = str(source.get("person_q", "") or "")
    matches, more = nominee_matches(round_, request.user, query)
    chosen_id = str(source.get("person", "") or "")
    chosen = None
    if chosen_id.isdigit():
        chosen = next((p for p in matches if p.pk == int(chosen_id)), None)
        if chosen is None:
            chosen = form.fields["person"].queryset.filter(pk=int(chosen_id)).first()  # type: ignore[attr-defined]
            if chosen is not None:
                matches = [chosen, *matches]
    return {
        "round": round_,
        "person_q": query,
        "matches": matches,
        "more": more,
        "chosen_id": chosen.pk if chosen else None,
    }


@login_required
@require_GET
def nominee_search(request: HttpRequest, pk: int) -> HttpResponse:
    """The person picker's matches (an HTMX partial; the form works without it)."""
    round_ = round_or_404(request, pk)
    if not is_nominating_clerk(request.user, round_):
        return HttpResponseRedirect(reverse("web:workflow_round", args=[round_.pk]))
    form = NominationForm(initial={"person_q": request.GET.get("person_q", "")}, round=round_)
    response = render(
        request, "web/workflow/_person_matches.html", _person_picker(request, round_, form)
    )
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
def nomination_new(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    if not is_nominating_clerk(request.user, round_) or not round_.is_open:
        messages.error(request, _("You may not nominate in this round."))
        return HttpResponseRedirect(reverse("web:workflow_round", args=[round_.pk]))
    searching = request.method == "POST" and request.POST.get("action") == "search"
    if searching:
        # The plain-form search: show the matches, keep what was typed, save nothing.
        form = NominationForm(initial=request.POST.dict(), round=round_)
    else:
        form = NominationForm(request.POST or None, round=round_)
    if request.method == "POST" and not searching and form.is_valid():
        data = form.cleaned_data
        try:
            nomination = domain.create_nomination(
                actor=request.user,
                round=round_,
                kind=data["kind"],
                person=data["person"],
                unit=data["unit"],
                award_type=data["award_type"],
                period=data["period"],
                period_label=data["period_label"],
                achievement_summary=data["achievement_summary"],
            )
        except WorkflowError as exc:
            form.add_error(getattr(exc, "field", None), error_text(exc))
        else:
            messages.success(request, _("The nomination was created as a draft."))
            return HttpResponseRedirect(reverse("web:workflow_nomination", args=[nomination.pk]))
    return render(
        request,
        "web/workflow/nomination_form.html",
        {"form": form, **_person_picker(request, round_, form)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_or_404(request, pk)
    target = reverse("web:workflow_round", args=[round_.pk])
    if not may_manage_round(request.user, round_) or not round_.is_open:
        messages.error(request, _("You may not change this round."))
        return HttpResponseRedirect(target)
    initial = {name: getattr(round_, name) for name in rounds_domain.EDITABLE_FIELDS}
    initial["version"] = round_.version
    form = RoundEditForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            rounds_domain.update_round(actor=request.user, round=round_, **form.cleaned_data)
        except StaleEdit as exc:
            stale = exc
            form = refused_form(RoundEditForm, request.POST, exc)
        except WorkflowError as exc:
            form.add_error(getattr(exc, "field", None), error_text(exc))
        else:
            messages.success(request, _("The round was saved."))
            return HttpResponseRedirect(target)
    context = {"round": round_, "form": form, "stale": stale}
    return render(request, "web/workflow/round_edit.html", context, status=409 if stale else 200)


@login_required
@require_http_methods(["GET", "POST"])
def round_end(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Close or withdraw a round: a page that says what follows and asks for the reason."""
    round_ = round_or_404(request, pk)
    target = reverse("web:workflow_round", args=[round_.pk])
    if action not in ("close", "withdraw"):
        raise Http404
    if not may_manage_round(request.user, round_) or not round_.is_open:
        messages.error(request, _("You may not change this round."))
        return HttpResponseRedirect(target)
    refusal = rounds_domain.withdraw_refusal(round_) if action == "withdraw" else None
    if refusal:  # say what to do before asking for a reason that cannot help
        messages.error(request, refusal)
        return HttpResponseRedirect(target)
    form = ConfirmReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        end = rounds_domain.close_round if action == "close" else rounds_domain.withdraw_round
        try:
            end(actor=request.user, round=round_, reason=form.cleaned_data["reason"])
        except WorkflowError as exc:
            form.add_error(getattr(exc, "field", None), error_text(exc))
        else:
            messages.success(
                request,
                _("The round was closed.") if action == "close" else _("The round was withdrawn."),
            )
            return HttpResponseRedirect(target)
    return render(
        request,
        "web/workflow/round_end.html",
        {"round": round_, "form": form, "action": action},
    )
