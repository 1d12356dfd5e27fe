"""Statistics of emulation and commendation: a subtree and a range of years, the tables, and
the statutory forms 0601/0602 as .xlsx. Thin: the numbers come from
reports.domain.queries.statistics; the roots offered are those whose subtree the user reaches.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from vinhdanh.awards.enums import AwardLevel, AwardType
from vinhdanh.common.xlsx import XLSX_TYPE, xlsx_response
from vinhdanh.orgs.domain.queries.pickers import UnitPick
from vinhdanh.orgs.interfaces.pickers import UnitChoiceField
from vinhdanh.people.enums import Gender
from vinhdanh.programmes.domain.queries.charts import Chart, Series
from vinhdanh.programmes.interfaces.drawing import chart_svg
from vinhdanh.reports.domain.queries.statistical_forms import form_0601, form_0602
from vinhdanh.reports.domain.queries.statistics import (
    COLLECTIVE,
    INDIVIDUAL,
    AwardStatistics,
    award_statistics,
    statistics_roots,
)
from vinhdanh.reports.interfaces.statistical_forms_xlsx import form_xlsx

if TYPE_CHECKING:
    from vinhdanh.orgs.models import Unit

FIRST_YEAR = 1945


class StatisticsForm(forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Unit (with its sub-units)"), pick=UnitPick())
    year_from = forms.IntegerField(label=gettext_lazy("From year"))
    year_to = forms.IntegerField(label=gettext_lazy("To year"))

    def __init__(self, *args: Any, roots: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, UnitChoiceField)
        field.bind(None, within=roots)
        last = timezone.localdate().year
        for name in ("year_from", "year_to"):
            year = self.fields[name]
            assert isinstance(year, forms.IntegerField)
            year.min_value, year.max_value = FIRST_YEAR, last
            year.error_messages.update(
                {
                    "invalid": _("Enter a year, e.g. %(year)s.") % {"year": last},
                    "min_value": _("Enter a year from %(first)s to %(last)s.")
                    % {"first": FIRST_YEAR, "last": last},
                    "max_value": _("Enter a year from %(first)s to %(last)s.")
                    % {"first": FIRST_YEAR, "last": last},
                }
            )
            year.validators = []
            year.widget.attrs.update({"min": FIRST_YEAR, "max": last})

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and end < start:
            # under the field, as every form of the application shows its errors
            self.add_error("year_to", _("The last year must be the same as or after the first."))
        return data


def _filters(request: HttpRequest) -> tuple[StatisticsForm, Unit | None, int, int]:
    roots = statistics_roots(request.user)
    if not roots.exists():
        raise PermissionDenied
    year = timezone.localdate().year
    top = min(roots.only("id", "path", "name"), key=lambda u: (u.path.count("/"), u.path))
    data = request.GET if "unit" in request.GET else None
    form = StatisticsForm(
        data, roots=roots, initial={"unit": top.pk, "year_from": year, "year_to": year}
    )
    if data is None:
        return form, top, year, year
    if not form.is_valid():
        return form, None, year, year
    return (
        form,
        form.cleaned_data["unit"],
        form.cleaned_data["year_from"],
        form.cleaned_data["year_to"],
    )


def _tables(stats: AwardStatistics) -> dict[str, Any]:
    levels = [level for level in AwardLevel if stats.count(level=level.value)]
    by_year_level = stats.by("year", "level")
    by_type = stats.by("award_type", "subject")
    by_gender = stats.by("gender")
    by_branch = stats.by("branch", "subject")
    per_year = {
        year: [by_year_level.get((year, level.value), 0) for level in levels]
        for year in stats.years
    }
    branches = [stats.root, *stats.branches]
    return {
        "forms_rows": [
            (kind, collectives, individuals, collectives + individuals)
            for kind, collectives, individuals in stats.kinds_by_level()
        ],
        "levels": levels,
        "year_rows": [(year, counts, sum(counts)) for year, counts in per_year.items()],
        "type_rows": [
            (
                award_type.label,
                by_type.get((award_type.value, COLLECTIVE), 0),
                by_type.get((award_type.value, INDIVIDUAL), 0),
            )
            for award_type in AwardType
        ],
        "gender_rows": [
            (Gender.FEMALE.label, by_gender.get((Gender.FEMALE.value,), 0)),
            (Gender.MALE.label, by_gender.get((Gender.MALE.value,), 0)),
            (_("Not recorded"), stats.count(subject=INDIVIDUAL, gender="")),
        ],
        "unit_rows": [
            (
                unit,
                unit.pk == stats.root.pk,
                by_branch.get((unit.pk, COLLECTIVE), 0),
                by_branch.get((unit.pk, INDIVIDUAL), 0),
            )
            for unit in branches
            if stats.total  # a range without awards: no column of zeros for every unit
        ],
        "quota_rows": stats.quota_use(),
    }


def _charts(stats: AwardStatistics, tables: dict[str, Any]) -> dict[str, dict[str, str] | None]:
    """The tables' own rows drawn (the table under each chart is its text alternative): the
    awards of each year, and those of each title or form in the years, by subject."""
    years, forms = tables["year_rows"], tables["forms_rows"]
    charts = [
        Chart(
            slug="years",
            title=_("Titles and forms awarded by year"),
            headers=[],
            rows=[],
            labels=[str(year) for year, _counts, _total in years],
            series=[Series("", [float(total) for _year, _counts, total in years])],
        ),
        Chart(
            slug="forms",
            title=_("Titles and forms awarded from %(first)s to %(last)s")
            % {"first": stats.year_from, "last": stats.year_to},
            headers=[],
            rows=[],
            labels=[kind.name_vi for kind, _c, _i, _total in forms],
            series=[
                Series(_("Collectives"), [float(c) for _kind, c, _i, _total in forms]),
                Series(_("Individuals"), [float(i) for _kind, _c, i, _total in forms]),
            ],
            style="barh",
        ),
    ]
    return {chart.slug: _drawn(chart) if chart.drawable else None for chart in charts}


def _drawn(chart: Chart) -> dict[str, str]:
    """The chart's SVG as the source of an image inside the page: drawn from the page's own
    figures in the same request, and styled in its own document (the page allows no inline
    style, an image may have its own)."""
    svg = base64.b64encode(chart_svg(chart)).decode("ascii")
    return {"title": chart.title, "src": f"data:image/svg+xml;base64,{svg}"}


@login_required
@require_GET
def statistics_page(request: HttpRequest) -> HttpResponse:
    form, root, year_from, year_to = _filters(request)
    context: dict[str, Any] = {"form": form, "root": root}
    if root is not None:
        stats = award_statistics(root, year_from, year_to)
        tables = _tables(stats)
        context.update(
            tables, charts=_charts(stats, tables), stats=stats, query=request.GET.urlencode()
        )
    return render(
        request, "web/statistics/page.html", context, status=200 if root is not None else 400
    )


def _span(year_from: int, year_to: int) -> str:
    """The years of a download's file name: "2025", or "2020-2026"."""
    return f"{year_from}" if year_from == year_to else f"{year_from}-{year_to}"


def _form_download(request: HttpRequest, number: str) -> HttpResponse:
    form, root, year_from, year_to = _filters(request)
    if root is None:
        return render(request, "web/statistics/page.html", {"form": form}, status=400)
    if number == "0601":
        statistical_form = form_0601(root, year_from, year_to)
    else:
        statistical_form = form_0602(award_statistics(root, year_from, year_to))
    response = HttpResponse(form_xlsx(statistical_form), content_type=XLSX_TYPE)
    span = _span(year_from, year_to)
    response["Content-Disposition"] = f'attachment; filename="bieu-{number}-{span}.xlsx"'
    return response


@login_required
@require_GET
def form_0601_xlsx(request: HttpRequest) -> HttpResponse:
    return _form_download(request, "0601")


@login_required
@require_GET
def form_0602_xlsx(request: HttpRequest) -> HttpResponse:
    return _form_download(request, "0602")


@login_required
@require_GET
def forms_table_xlsx(request: HttpRequest) -> HttpResponse:
    """The table of titles and forms by level, as a list in .xlsx."""
    form, root, year_from, year_to = _filters(request)
    if root is None:
        return render(request, "web/statistics/page.html", {"form": form}, status=400)
    stats = award_statistics(root, year_from, year_to)
    rows = [
        (
            AwardLevel(kind.level).label,
            kind.name_vi,
            collectives,
            individuals,
            collectives + individuals,
        )
        for kind, collectives, individuals in stats.kinds_by_level()
    ]
    headers = [_("Level"), _("Title or form"), _("Collectives"), _("Individuals"), _("Total")]
    return xlsx_response(
        f"thong-ke-khen-thuong-{_span(year_from, year_to)}.xlsx",
        headers,
        rows,
        title="Thống kê",
    )
