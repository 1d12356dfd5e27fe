"""The register of outgoing documents and the signed scans of decisions. Thin: the unit or
decision is found through the same visibility as its page, the rest is domain functions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from unidecode import unidecode

from vinhdanh.awards.domain.numbering import series_of
from vinhdanh.awards.domain.queries.decisions import visible_decisions
from vinhdanh.common.xlsx import xlsx_response
from vinhdanh.documents.domain.access import may_read_decision_paper
from vinhdanh.documents.domain.queries.register import (
    register_index as build_register_index,
)
from vinhdanh.documents.domain.queries.register import (
    register_kinds,
    register_lines,
    register_table,
    register_units,
    register_years,
)
from vinhdanh.documents.domain.queries.scans import current_scan, recorded_scan, scan_history
from vinhdanh.documents.domain.scans import ScanError, may_record_scan, record_signed_scan
from vinhdanh.documents.interfaces.forms import ScanForm
from vinhdanh.orgs.domain.queries.units import visible_units

if TYPE_CHECKING:
    from vinhdanh.orgs.models import Unit


def _register_unit(request: HttpRequest, pk: int) -> Unit:
    unit = get_object_or_404(visible_units(request.user), pk=pk)
    if not request.user.has_perm("awards.keep_register", unit):
        raise PermissionDenied
    return unit


def _year(request: HttpRequest, years: list[int]) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1900 <= int(raw) <= 2999:
        return int(raw)
    return years[0] if years else timezone.localdate().year


def _series(request: HttpRequest) -> str:
    """The kind of document to list ("TTr"), spelt as the register writes it; "" for all."""
    raw = request.GET.get("kind", "").strip()[:12]
    return series_of(raw) if raw else ""


@login_required
@require_GET
def register_index(request: HttpRequest) -> HttpResponse:
    if not register_units(request.user).exists():
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    index = build_register_index(request.user, query)
    return render(request, "web/documents/register_index.html", {"index": index, "q": query})


@login_required
@require_GET
def register_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _register_unit(request, pk)
    years = register_years(unit)
    year = _year(request, years)
    kinds = register_kinds(unit, year)
    series = _series(request)
    return render(
        request,
        "web/documents/register.html",
        {
            "unit": unit,
            "year": year,
            "years": years,
            "kinds": kinds,
            "known": [k for k, _label in kinds],
            "series": series,
            "lines": register_lines(unit, year, series),
        },
    )


@login_required
@require_GET
def register_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    unit = _register_unit(request, pk)
    year = _year(request, register_years(unit))
    series = _series(request)
    headers, rows = register_table(unit, year, series)
    kind = f"-{unidecode(series)}" if series else ""
    return xlsx_response(
        f"so-van-ban-di-{unit.code or unit.pk}-{year}{kind}.xlsx".replace(" ", "-"),
        headers,
        rows,
        title=_("Outgoing documents %(year)s") % {"year": year},
    )


@login_required
@require_POST
def scan_upload(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(visible_decisions(request.user), pk=pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the PDF file of the signed decision."))
        return redirect("web:decision", pk)
    try:
        record_signed_scan(
            decision=decision,
            upload=form.cleaned_data["file"],
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ScanError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The signed scan was recorded."))
    return redirect("web:decision", pk)


@login_required
@require_GET
def scan_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The current scan, or an earlier one (?v=id) for the keepers of the register."""
    decision = get_object_or_404(visible_decisions(request.user), pk=pk)
    if not may_read_decision_paper(request.user, decision):
        raise Http404
    raw = request.GET.get("v", "")
    if raw:
        if not (raw.isdigit() and decision.issuing_unit is not None):
            raise PermissionDenied
        if not request.user.has_perm("awards.keep_register", decision.issuing_unit):
            raise PermissionDenied
        scan = recorded_scan(decision, int(raw))
        if scan is None:
            raise Http404
    else:
        scan = current_scan(decision)
    if scan is None:
        messages.info(request, _("No signed scan of this decision has been recorded yet."))
        return redirect("web:decision", pk)
    return FileResponse(
        scan.file.open("rb"),
        as_attachment=True,
        filename=f"ban-ky-{decision.number or decision.pk}-{decision.year}.pdf",
        content_type="application/pdf",
    )


def scan_context(request: HttpRequest, decision: Any) -> dict[str, Any]:
    """What the decision page shows of the signed scan."""
    may_record = may_record_scan(request.user, decision)
    return {
        "scan": current_scan(decision),
        "scan_history": scan_history(decision) if may_record else [],
        "may_record_scan": may_record,
        "scan_form": ScanForm() if may_record else None,
    }
