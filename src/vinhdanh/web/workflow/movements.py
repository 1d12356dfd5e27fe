"""Movements (phong trào thi đua): list, launch, page with documents and registrations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vinhdanh.common.audit import record_action
from vinhdanh.movements.domain import movements as domain
from vinhdanh.movements.domain.errors import MovementError
from vinhdanh.movements.domain.queries.movements import (
    movement_registrations,
    registrable_kinds,
    visible_documents,
    visible_movements,
    visible_registrations,
)
from vinhdanh.movements.interfaces.forms import DocumentForm, MovementForm, RegistrationForm
from vinhdanh.movements.rules import manages_any_unit, manages_movement, registers_for_unit
from vinhdanh.people.domain.queries.people import person_by_code
from vinhdanh.web.views.paging import paginate
from vinhdanh.web.workflow.common import error_text, form_errors

if TYPE_CHECKING:
    from vinhdanh.movements.models import Movement


def _movement_or_404(request: HttpRequest, pk: int) -> Movement:
    return get_object_or_404(visible_movements(request.user), pk=pk)


@login_required
@require_GET
def movement_list(request: HttpRequest) -> HttpResponse:
    page = paginate(visible_movements(request.user), request.GET.get("page"))
    return render(
        request,
        "web/workflow/movement_list.html",
        {"page": page, "can_launch": manages_any_unit(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def movement_new(request: HttpRequest) -> HttpResponse:
    form = MovementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            movement = domain.launch_movement(
                actor=request.user,
                launched_by=data["launched_by"],
                name=data["name"],
                kind=data["kind"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                year=data["year"],
                criteria=data["criteria"],
                description=data["description"],
                target_kinds=data["target_kinds"],
            )
        except MovementError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, _("The movement was launched."))
            return HttpResponseRedirect(reverse("web:workflow_movement", args=[movement.pk]))
    return render(request, "web/workflow/movement_form.html", {"form": form})


@login_required
@require_GET
def movement_page(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement_or_404(request, pk)
    kinds = registrable_kinds(movement)
    register_form = RegistrationForm(user=request.user, kinds=kinds)
    can_register = register_form.fields["registering_unit"].queryset.exists()  # type: ignore[attr-defined]
    registrations = list(movement_registrations(movement, user=request.user))
    return render(
        request,
        "web/workflow/movement_detail.html",
        {
            "movement": movement,
            "documents": list(movement.documents.all()),
            "registrations": registrations,
            "can_manage": manages_movement(request.user, movement),
            "can_register": can_register,
            "register_form": register_form,
            "document_form": DocumentForm(),
            "registrars": {
                r.pk for r in registrations if registers_for_unit(request.user, r.registering_unit)
            },
        },
    )


@login_required
@require_POST
def movement_document_add(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement_or_404(request, pk)
    form = DocumentForm(request.POST, request.FILES)
    target = reverse("web:workflow_movement", args=[movement.pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(target)
    try:
        domain.add_movement_document(
            actor=request.user,
            movement=movement,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
        )
    except MovementError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The document was attached."))
    return HttpResponseRedirect(target)


@login_required
@require_GET
def movement_document(request: HttpRequest, pk: int) -> FileResponse:
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    record_action(document, "document downloaded")
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )


@login_required
@require_POST
def movement_register(request: HttpRequest, pk: int) -> HttpResponse:
    movement = _movement_or_404(request, pk)
    form = RegistrationForm(request.POST, user=request.user, kinds=registrable_kinds(movement))
    target = reverse("web:workflow_movement", args=[movement.pk])
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return HttpResponseRedirect(target)
    data = form.cleaned_data
    person = None
    if data["person_code"]:
        person = person_by_code(data["person_code"].strip(), data["registering_unit"])
        if person is None:
            messages.error(
                request,
                _("No person with staff code %(code)s works in %(unit)s.")
                % {"code": data["person_code"], "unit": data["registering_unit"]},
            )
            return HttpResponseRedirect(target)
    try:
        domain.register(
            actor=request.user,
            movement=movement,
            registering_unit=data["registering_unit"],
            target_kinds=data["target_kinds"],
            person=person,
            unit=data["unit"],
            pledge=data["pledge"],
        )
    except MovementError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The registration was recorded."))
    return HttpResponseRedirect(target)


@login_required
@require_POST
def registration_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(visible_registrations(request.user), pk=pk)
    domain.withdraw_registration(actor=request.user, registration=registration)
    messages.success(request, _("The registration was withdrawn."))
    return HttpResponseRedirect(reverse("web:workflow_movement", args=[registration.movement_id]))
