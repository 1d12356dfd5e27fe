"""The register of outgoing documents (sổ văn bản đi) of an issuing unit for a year.

One line per document Vinh Danh's series holds — decisions, and the submissions, council
minutes and public notices numbered when they became official (`OutgoingDocument`); imported
history is not part of it — in the order of the register: by kind of document, then number.
Who may read it: the emulation office and the clerks of that unit (`awards.keep_register`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from vinhdanh.awards.enums import OUTGOING_SERIES, DecisionKind, DecisionStatus, OutgoingKind
from vinhdanh.awards.models import Award, Decision, OutgoingDocument
from vinhdanh.common.text import collation_key, search_key
from vinhdanh.documents.models import KeptPaper, SignedScan
from vinhdanh.nominations.models import PublicNotice, Round
from vinhdanh.orgs.domain.queries.scope import unit_scope
from vinhdanh.orgs.enums import Capability, UnitLevel
from vinhdanh.orgs.models import Unit


@dataclass(frozen=True)
class RegisterLine:
    decision: Decision | None
    document: OutgoingDocument | None  # when the line is not a decision
    series: str
    number: int
    number_label: str
    signed_on: dt.date
    kind: str  # "QĐ" and what it decides
    subject: str
    signer: str
    recipients: str
    has_scan: bool
    number_entered: bool


def register_units(user: Any) -> QuerySet[Unit]:
    """Units whose register the user keeps (office or clerk there)."""
    office = unit_scope(user, Capability.OFFICE)
    clerk = unit_scope(user, Capability.CLERK)
    if office.everything or clerk.everything:
        return Unit.objects.all().order_by("path")
    query = Q(pk__in=[])
    for scope in (office, clerk):
        if not scope.is_empty:
            query |= scope.q()
    return Unit.objects.filter(query).order_by("path")


@dataclass(frozen=True)
class RegisterLevel:
    label: str
    units: list[Unit]


@dataclass(frozen=True)
class RegisterIndex:
    """The index page: current units grouped by level, dissolved ones apart."""

    current: list[RegisterLevel]
    dissolved: list[Unit]

    @property
    def count(self) -> int:
        return sum(len(group.units) for group in self.current) + len(self.dissolved)


def _role_unit_ids(user: Any) -> set[int]:
    """The units the user's own office or clerk roles are held at (not their sub-units)."""
    ids: set[int] = set()
    for capability in (Capability.OFFICE, Capability.CLERK):
        scope = unit_scope(user, capability)
        ids.update(scope.exact_ids)
        ids.update(int(path.strip("/").split("/")[-1]) for path in scope.subtree_paths)
    return ids


def register_index(user: Any, query: str = "") -> RegisterIndex:
    """Units with a register worth opening: those that issued documents through Vinh Danh and
    those the user's own roles are held at; current ones by level in Vietnamese order."""
    issuing = Decision.objects.filter(
        imported=False, status=DecisionStatus.ISSUED, number__isnull=False
    ).values("issuing_unit_id")
    numbered = OutgoingDocument.objects.values("issuing_unit_id")
    units = register_units(user).filter(
        Q(pk__in=issuing) | Q(pk__in=numbered) | Q(pk__in=_role_unit_ids(user))
    )
    key = search_key(query)
    if key:
        units = units.filter(search_key__contains=key)
    ordered = sorted(units, key=lambda unit: collation_key(unit.name))
    by_level: dict[str, list[Unit]] = {}
    dissolved = []
    for unit in ordered:
        if unit.is_current:
            by_level.setdefault(unit.level, []).append(unit)
        else:
            dissolved.append(unit)
    current = [
        RegisterLevel(label=str(label), units=by_level[level])
        for level, label in UnitLevel.choices
        if level in by_level
    ]
    return RegisterIndex(current=current, dissolved=dissolved)


def register_years(unit: Unit) -> list[int]:
    years = set(_series(unit).values_list("year", flat=True))
    years.update(_documents(unit).values_list("year", flat=True))
    return sorted(years, reverse=True)


def series_label(series: str) -> str:
    """ "TTr (Tờ trình)": the kind of document as the register's table names it."""
    for kind, symbol in OUTGOING_SERIES.items():
        if symbol == series:
            return f"{series} ({OutgoingKind(kind).label})"
    return f"{series} ({_('Decision')})" if series == "QĐ" else series


def register_kinds(unit: Unit, year: int) -> list[tuple[str, str]]:
    """The kinds of document in the year's register, for its filter: ("TTr", "TTr (Tờ trình)")."""
    kinds = set(_series(unit).filter(year=year).values_list("series", flat=True))
    kinds.update(_documents(unit).filter(year=year).values_list("series", flat=True))
    return [(k, series_label(k)) for k in sorted(kinds)]


def _documents(unit: Unit) -> QuerySet[OutgoingDocument]:
    return OutgoingDocument.objects.filter(issuing_unit=unit)


def round_submissions(round_: Round) -> QuerySet[OutgoingDocument]:
    """The submissions (tờ trình) a round sent up to the decider, newest first."""
    return (
        OutgoingDocument.objects.filter(round=round_)
        .annotate(proposed=Count("nominations"))
        .order_by("-signed_on", "-number", "-id")
    )


def _series(unit: Unit) -> QuerySet[Decision]:
    return Decision.objects.filter(
        issuing_unit=unit, imported=False, status=DecisionStatus.ISSUED, number__isnull=False
    )


def _recipients(people: int, collectives: int) -> str:
    parts = []
    if people:
        parts.append(_("%(n)s individual(s)") % {"n": people})
    if collectives:
        parts.append(_("%(n)s collective(s)") % {"n": collectives})
    return ", ".join(parts) or "—"


def _counts(decisions: list[Decision]) -> dict[int, tuple[int, int]]:
    """(individuals, collectives) each decision awards, or whose awards it revokes."""
    ids = [d.pk for d in decisions]
    people: Counter[int] = Counter()
    units: Counter[int] = Counter()
    for field in ("decision_id", "revoked_by_id"):
        rows = Award.objects.filter(**{f"{field}__in": ids}).values_list(field, "person_id")
        for decision_id, person_id in rows:
            (people if person_id is not None else units)[decision_id] += 1
    return {pk: (people[pk], units[pk]) for pk in ids}


def _document_counts(documents: list[OutgoingDocument]) -> dict[int, tuple[int, int]]:
    """(individuals, collectives) a submission proposes or a notice posts."""
    people: Counter[int] = Counter()
    units: Counter[int] = Counter()
    through = OutgoingDocument.nominations.through
    rows = through.objects.filter(outgoingdocument__in=documents).values_list(
        "outgoingdocument_id", "nomination__person_id"
    )
    for pk, person_id in rows:
        (people if person_id is not None else units)[pk] += 1
    notices = {d.notice_id: d.pk for d in documents if d.notice_id is not None}
    posted = PublicNotice.nominations.through.objects.filter(publicnotice__in=notices)
    for notice_id, person_id in posted.values_list("publicnotice_id", "nomination__person_id"):
        (people if person_id is not None else units)[notices[notice_id]] += 1
    return {d.pk: (people[d.pk], units[d.pk]) for d in documents}


def _kept_signer(document: OutgoingDocument) -> str:
    """ "Giám đốc Nguyễn Văn A": who signs the paper kept when the register numbered it."""
    try:
        kept = document.kept_paper
    except KeptPaper.DoesNotExist:
        return ""
    return " ".join(p for p in (kept.signer_title, kept.signer_name) if p)


def _document_lines(unit: Unit, year: int, series: str) -> list[RegisterLine]:
    query = _documents(unit).filter(year=year).select_related("notice", "kept_paper")
    if series:
        query = query.filter(series=series)
    documents = list(query)
    counts = _document_counts(documents)
    return [
        RegisterLine(
            decision=None,
            document=d,
            series=d.series,
            number=d.number,
            number_label=d.number_label,
            signed_on=d.signed_on,
            kind=f"{d.series} ({d.get_kind_display()})",
            subject=d.subject,
            signer=_kept_signer(d),
            recipients="—" if d.session_id else _recipients(*counts[d.pk]),
            has_scan=False,
            number_entered=d.number_entered,
        )
        for d in documents
    ]


def register_lines(unit: Unit, year: int, series: str = "") -> list[RegisterLine]:
    """The year's register, every kind or one (`series`: "QĐ", "TTr", "BB", "TB" …)."""
    query = _series(unit).filter(year=year)
    if series:
        query = query.filter(series=series)
    decisions = list(query)
    counts = _counts(decisions)
    scanned = set(
        SignedScan.objects.filter(decision__in=decisions).values_list("decision_id", flat=True)
    )
    lines = []
    for d in decisions:
        what = _("revocation of awards") if d.kind == DecisionKind.REVOCATION else _("awards")
        lines.append(
            RegisterLine(
                decision=d,
                document=None,
                series=d.series,
                number=d.number or 0,
                number_label=d.number_label,
                signed_on=d.signed_on,
                kind=f"{d.series} ({what})",
                subject=d.subject,
                signer=" ".join(p for p in (d.signer_title, d.signer_name) if p),
                recipients=_recipients(*counts[d.pk]),
                has_scan=d.pk in scanned,
                number_entered=d.number_entered,
            )
        )
    lines.extend(_document_lines(unit, year, series))
    return sorted(lines, key=lambda line: (line.series, line.number, line.signed_on))


def register_table(unit: Unit, year: int, series: str = "") -> tuple[list[str], list[list[Any]]]:
    """The register as a table, for the .xlsx export (Vietnamese column headers)."""
    headers = [
        _("Number and symbol"),
        _("Date"),
        _("Kind of document"),
        _("Summary"),
        _("Signed by"),
        _("Recipients"),
        _("Signed scan"),
        _("Number from"),
    ]
    rows = [
        [
            line.number_label,
            line.signed_on,
            line.kind,
            line.subject,
            line.signer,
            line.recipients,
            _("yes") if line.has_scan else (_("no") if line.decision else "—"),
            _("the văn thư") if line.number_entered else _("Vinh Danh's series"),
        ]
        for line in register_lines(unit, year, series)
    ]
    return headers, rows
