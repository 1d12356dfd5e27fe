"""The people list (HTMX-updated, works without JavaScript), its .xlsx export, a person's page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vinhdanh.awards.domain.queries.people import person_history, search_people
from vinhdanh.common.xlsx import xlsx_response
from vinhdanh.documents.domain.certificates import with_certificate
from vinhdanh.nominations.domain.queries.nominations import person_nominations
from vinhdanh.nominations.rules import can_view as can_view_nomination
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.people.domain.queries.privacy import may_see_personal_data_of
from vinhdanh.people.domain.queries.visibility import is_own_person, visible_people
from vinhdanh.people.domain.reads import record_people_read, record_person_read, tracking
from vinhdanh.web.forms import PeopleFilterForm
from vinhdanh.web.views.paging import capped_count, paginate

EXPORT_CAP = 100_000


def is_partial(request: HttpRequest) -> bool:
    """An HTMX request for the results only (a history restore needs the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not getattr(htmx, "history_restore_request", False)


@login_required
@require_GET
def people_list(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET, user=request.user)
    page = paginate(
        search_people(user=request.user, filters=form.filters()), request.GET.get("page")
    )
    birth_visible = {p.pk for p in page.items if may_see_personal_data_of(request.user, p)}
    context: dict[str, Any] = {"form": form, "page": page, "birth_visible": birth_visible}
    if is_partial(request):
        response = render(request, "web/people/_results.html", context)
    else:
        response = render(request, "web/people/list.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def people_xlsx(request: HttpRequest) -> HttpResponse:
    form = PeopleFilterForm(request.GET, user=request.user)
    people = search_people(user=request.user, filters=form.filters())
    if capped_count(people, EXPORT_CAP) > EXPORT_CAP:
        messages.error(
            request,
            _("The list has more than %(cap)s people: narrow the filter before exporting.")
            % {"cap": f"{EXPORT_CAP:,}".replace(",", ".")},
        )
        query = urlencode([(k, v) for k, v in request.GET.items() if k != "page"])
        return HttpResponseRedirect(f"{reverse('web:people')}?{query}")
    headers = [
        _("No."),
        _("Staff code"),
        _("Full name"),
        _("Date of birth"),
        _("Gender"),
        _("Unit"),
        _("Post"),
    ]
    read: list[int] = []
    rows = (
        [
            i,
            person.code,
            person.full_name,
            person.birth_date if may_see_personal_data_of(request.user, person) else None,
            person.get_gender_display(),
            person.current_unit.name if person.current_unit else "",
            person.current_title,
        ]
        for i, person in enumerate(tracking(people.iterator(chunk_size=2000), read), start=1)
    )
    today = timezone.localdate()
    response = xlsx_response(
        f"danh-sach-ca-nhan-{today:%Y%m%d}.xlsx", headers, rows, title=_("People")
    )
    record_people_read(read, channel="xlsx", what="people list export")
    return response


@login_required
@require_GET
def person_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(visible_people(request.user).select_related("current_unit"), pk=pk)
    history = person_history(person, today=timezone.localdate())
    scope = unit_scope(request.user)
    linked_units = {post.unit_id for post in history.posts if scope.contains(post.unit)}
    if person.current_unit_id is not None and scope.contains(person.current_unit):
        linked_units.add(person.current_unit_id)
    nominations = [
        (n, can_view_nomination(request.user, n)) for n in person_nominations(person)[:100]
    ]
    record_person_read(person, channel="web")
    return render(
        request,
        "web/people/person.html",
        {
            "h": history,
            "p": person,
            "linked_units": linked_units,
            "nominations": nominations,
            "is_own_record": is_own_person(request.user, person),
            "show_birth_date": may_see_personal_data_of(request.user, person),
            "printable": with_certificate(history.awards),
        },
    )
