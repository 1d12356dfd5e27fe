"""A nomination's page and the actions on it: edit, transitions, override, attachments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.common.audit import record_action
from vinhdanh.common.versioning import StaleEdit
from vinhdanh.councils.domain.queries.tally import vote_result
from vinhdanh.movements.domain.queries.movements import registrations_for_subject
from vinhdanh.nominations.domain import nominations as domain
from vinhdanh.nominations.domain import notices, workflow
from vinhdanh.nominations.domain.errors import WorkflowError
from vinhdanh.nominations.domain.queries.nominations import (
    history,
    visible_attachments,
)
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.interfaces.forms import (
    AttachmentForm,
    NominationEditForm,
    ReasonForm,
    TransitionForm,
)
from vinhdanh.nominations.rules import can_edit, is_decider, may_override, sees_comments
from vinhdanh.web.versioning import refused_form
from vinhdanh.web.workflow.common import error_text, form_errors, nomination_or_404

if TYPE_CHECKING:
    from vinhdanh.nominations.models import Attachment, Nomination


def _page_url(nomination: Nomination) -> str:
    return reverse("web:workflow_nomination", args=[nomination.pk])


@login_required
@require_GET
def nomination_page(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    user = request.user
    today = timezone.localdate()
    moves, held = workflow.offered_transitions(nomination, user)
    offers_override = (
        may_override(user, nomination)
        and not nomination.is_eligible
        and not nomination.has_override
        and nomination.state in domain.OVERRIDABLE_STATES
    )
    context = {
        "n": nomination,
        "events": list(history(nomination)),
        "attachments": list(nomination.attachments.all()),
        "moves": [(t, TransitionForm(initial={"to": t.target})) for t in moves],
        "needs_override_field": not nomination.may_go_forward and may_override(user, nomination),
        "can_edit": can_edit(user, nomination),
        "held_moves": held,
        "can_issue": nomination.state == NominationState.PROPOSED and is_decider(user, nomination),
        "offers_override": offers_override,
        "override_form": ReasonForm(),
        "attachment_form": AttachmentForm(),
        "registrations": list(
            registrations_for_subject(
                person=nomination.person, unit=nomination.unit, year=nomination.period
            )
        ),
        "notice_need": notices.requirement_for(nomination, on=today),
        "notices": list(nomination.notices.all()),
        "notice_blocker": (
            notices.proposal_blocker(nomination, on=today)
            if nomination.state == NominationState.VOTED
            else None
        ),
        "comments": (
            list(nomination.public_comments.all()) if sees_comments(user, nomination) else None
        ),
        "vote": vote_result(nomination),
        "today": today,
    }
    return render(request, "web/workflow/nomination_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def nomination_edit(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    if not can_edit(request.user, nomination):
        messages.error(request, _("Only a draft or a returned nomination can be changed."))
        return HttpResponseRedirect(_page_url(nomination))
    initial = {
        "award_type": nomination.award_type,
        "period": nomination.period,
        "period_label": nomination.period_label,
        "achievement_summary": nomination.achievement_summary,
        "version": nomination.version,
    }
    form = NominationEditForm(request.POST or None, initial=initial)
    stale = None
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_nomination(actor=request.user, nomination=nomination, **form.cleaned_data)
        except StaleEdit as exc:
            stale = exc
            form = refused_form(NominationEditForm, request.POST, exc)
        except WorkflowError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The nomination was saved."))
            return HttpResponseRedirect(_page_url(nomination))
    context = {"n": nomination, "form": form, "stale": stale}
    return render(
        request, "web/workflow/nomination_edit.html", context, status=409 if stale else 200
    )


@login_required
@require_POST
def nomination_transition(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(_page_url(nomination))
    data = form.cleaned_data
    try:
        workflow.transition(
            nomination=nomination,
            to=data["to"],
            actor=request.user,
            reason=data["reason"],
            override_reason=data["override_reason"],
            number=data["number"],
        )
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            _("The nomination is now “%(state)s”.") % {"state": nomination.get_state_display()},
        )
    return HttpResponseRedirect(_page_url(nomination))


@login_required
@require_POST
def nomination_override(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for sending this nomination forward."))
        return HttpResponseRedirect(_page_url(nomination))
    try:
        domain.record_override(
            actor=request.user, nomination=nomination, reason=form.cleaned_data["reason"]
        )
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The reason for going forward was recorded."))
    return HttpResponseRedirect(_page_url(nomination))


@login_required
@require_POST
def nomination_reevaluate(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    domain.reevaluate(actor=request.user, nomination=nomination)
    messages.success(request, _("The eligibility was checked again."))
    return HttpResponseRedirect(_page_url(nomination))


@login_required
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = nomination_or_404(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(_page_url(nomination))
    try:
        domain.add_attachment(
            actor=request.user,
            nomination=nomination,
            upload=form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            description=form.cleaned_data["description"],
        )
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The document was attached."))
    return HttpResponseRedirect(_page_url(nomination))


def _attachment_or_404(request: HttpRequest, pk: int) -> Attachment:
    return get_object_or_404(visible_attachments(request.user), pk=pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Files are never served from MEDIA_URL: only here, to someone who sees the dossier."""
    attachment = _attachment_or_404(request, pk)
    record_action(attachment, "attachment downloaded", nomination=attachment.nomination_id)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment_or_404(request, pk)
    nomination = attachment.nomination
    try:
        domain.remove_attachment(actor=request.user, attachment=attachment)
    except WorkflowError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The document was removed."))
    return HttpResponseRedirect(_page_url(nomination))
