"""The award catalogue, the decisions list and a decision's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from vinhdanh.awards.domain.queries.catalogue import catalogue_by_category
from vinhdanh.awards.domain.queries.decisions import (
    award_counts,
    decision_detail,
    decision_years,
    issuing_bodies,
    search_decisions,
    visible_decisions,
)
from vinhdanh.documents.domain.access import may_print_on_blanks, may_read_decision_paper
from vinhdanh.documents.interfaces.issued_certificates import certificates_state
from vinhdanh.web.forms import DecisionFilterForm
from vinhdanh.web.views.paging import paginate
from vinhdanh.web.views.people import is_partial
from vinhdanh.web.views.register import scan_context


@login_required
@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "web/awards/catalogue.html", {"groups": catalogue_by_category()})


# The year and issuing-body drop-downs read every visible decision: keep them a few minutes.
CHOICES_CACHE_SECONDS = 300


def filter_choices(user: Any) -> tuple[list[int], list[str]]:
    key = f"vinhdanh:web:decision-choices:{user.pk}"
    choices: tuple[list[int], list[str]] | None = cache.get(key)
    if choices is None:
        choices = (decision_years(user), issuing_bodies(user))
        cache.set(key, choices, CHOICES_CACHE_SECONDS)
    return choices


@login_required
@require_GET
def decision_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    years, bodies = filter_choices(user)
    form = DecisionFilterForm(request.GET, years=years, bodies=bodies)
    form.is_valid()
    data = form.cleaned_data
    decisions = search_decisions(
        user=user,
        year=data.get("year"),
        issuing_body=data.get("body") or "",
        number=data.get("q") or "",
    )
    page = paginate(decisions, request.GET.get("page"))
    counts = award_counts(d.pk for d in page.items)
    rows = [(d, counts.get(d.pk, 0)) for d in page.items]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "keeps_register": user.has_perm("awards.keep_register", None),
    }
    template = "web/awards/_decision_results.html" if is_partial(request) else None
    response = render(request, template or "web/awards/decisions.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def decision_page(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        visible_decisions(request.user).select_related("issuing_unit", "revokes"), pk=pk
    )
    detail = decision_detail(decision, user=request.user)
    can_revoke = (
        decision.is_issued
        and decision.kind == "award"
        and request.user.has_perm("awards.revoke_award", decision.issuing_unit)
    )
    return render(
        request,
        "web/awards/decision.html",
        {
            "d": detail,
            "decision": decision,
            "can_revoke": can_revoke,
            "may_read_paper": may_read_decision_paper(request.user, decision, detail),
            "may_print_on_blanks": may_print_on_blanks(request.user, decision),
            "certificates": certificates_state(decision) if decision.is_issued else None,
            "revoked_certificates": sum(1 for a in detail.awards if a.is_revoked),
            **scan_context(request, decision),
        },
    )
