"""The organisation tree as of a day, a unit's page and its people list as .xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vinhdanh.awards.domain.queries.awards import unit_awards
from vinhdanh.common.xlsx import xlsx_response
from vinhdanh.documents.domain.certificates import with_certificate
from vinhdanh.documents.domain.settings import may_edit_settings
from vinhdanh.eligibility.rules import may_list_candidates
from vinhdanh.orgs.domain.queries.pickers import UnitPick, pick_options, search_options
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.domain.queries.units import (
    opened_by_default,
    tree_rows,
    unit_detail,
    visible_units,
)
from vinhdanh.people.domain.queries.people import unit_people
from vinhdanh.people.domain.queries.privacy import may_see_personal_data
from vinhdanh.people.domain.queries.visibility import visible_people
from vinhdanh.people.domain.reads import record_people_read, tracking
from vinhdanh.web.forms import TreeDayForm
from vinhdanh.web.views.paging import paginate

UNIT_PEOPLE_PER_PAGE = 100


@login_required
@require_GET
def unit_tree(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = TreeDayForm(request.GET)
    day = today
    if form.is_valid() and form.cleaned_data.get("on"):
        day = form.cleaned_data["on"]
    scope = unit_scope(request.user)
    rows = tree_rows(day, scope)
    expand_all = request.GET.get("expand") == "all"
    return render(
        request,
        "web/orgs/tree.html",
        {
            "form": form,
            "day": day,
            "today": today,
            "rows": rows,
            "nodes": [row.node for row in rows if row.depth == 0],
            "open_ids": opened_by_default(scope, rows),
            "expand_all": expand_all,
            "is_today": day == today,
        },
    )


@login_required
@require_GET
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(visible_units(request.user).select_related("parent"), pk=pk)
    today = timezone.localdate()
    detail = unit_detail(unit, scope=unit_scope(request.user))
    page = paginate(
        unit_people(unit, on=today), request.GET.get("page"), per_page=UNIT_PEOPLE_PER_PAGE
    )
    person_ids = [post.person_id for post in page.items]
    linked = set(
        visible_people(request.user).filter(pk__in=person_ids).values_list("pk", flat=True)
    )
    awards = list(unit_awards(unit))
    return render(
        request,
        "web/orgs/unit.html",
        {
            "d": detail,
            "unit": unit,
            "today": today,
            "page": page,
            "linked_people": linked,
            "awards": awards,
            "printable": with_certificate(awards),
            "may_list_candidates": may_list_candidates(request.user, unit),
            "may_edit_documents": may_edit_settings(request.user, unit),
        },
    )


@login_required
@require_GET
def unit_people_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    today = timezone.localdate()
    posts = unit_people(unit, on=today)
    show_birth = may_see_personal_data(request.user, unit)
    headers = [
        _("No."),
        _("Staff code"),
        _("Full name"),
        _("Date of birth"),
        _("Gender"),
        _("Post"),
        _("Concurrent"),
        _("From"),
    ]
    read: list[int] = []
    rows = (
        [
            i,
            post.person.code,
            post.person.full_name,
            post.person.birth_date if show_birth else None,
            post.person.get_gender_display(),
            post.title,
            _("yes") if post.is_concurrent else "",
            post.start_date,
        ]
        for i, post in enumerate(
            tracking(posts.iterator(chunk_size=2000), read, "person_id"), start=1
        )
    )
    response = xlsx_response(
        f"don-vi-{unit.pk}-{today:%Y%m%d}.xlsx", headers, rows, title=_("People")
    )
    record_people_read(read, channel="xlsx", what=f"people of unit {unit.pk} export")
    return response


@login_required
@require_GET
def unit_picker(request: HttpRequest) -> JsonResponse:
    """The unit picker's search: units the user may pick (as the form's field says), matching
    every word of `q` without diacritics, labelled by their path. JSON for the picker's script."""
    pick = UnitPick.from_params(request.GET)
    form = TreeDayForm(request.GET)
    day = (form.cleaned_data["on"] if form.is_valid() else None) or timezone.localdate()
    options = pick_options(request.user, pick, on=day)
    found, more = search_options(options, request.GET.get("q", ""))
    return JsonResponse(
        {
            "results": [{"id": o.pk, "label": o.label, "group": o.group} for o in found],
            "more": more,
        }
    )
