"""`vinhdanh documents sample OUTDIR`: one file of every document kind, from the database.

It lives with the demo, above every app, because it reaches the papers of all of them
(decisions, submissions, council minutes, certificates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from vinhdanh.awards.enums import DecisionKind, DecisionStatus
from vinhdanh.awards.models import Award, Decision
from vinhdanh.councils.enums import SessionStatus
from vinhdanh.councils.interfaces.minutes import minutes_docx
from vinhdanh.councils.models import CouncilSession
from vinhdanh.documents.domain.blanks import layouts_for
from vinhdanh.documents.domain.certificates import certificate_kinds
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import certificates, files, issued
from vinhdanh.documents.interfaces.issued_certificates import (
    keep_certificates,
    kept_bytes,
    kept_papers,
    unkept_decisions,
)
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round


class Command(BaseCommand):
    help = (
        "Write sample documents (decision, submission, minutes, reports, lists, certificates) "
        "to OUTDIR."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sample = sub.add_parser("sample", help="one file of every document kind")
        sample.add_argument("outdir")
        keep = sub.add_parser(
            "keep-certificates",
            help="store the certificates of issued decisions that have none kept yet",
        )
        keep.add_argument(
            "--decision", type=int, action="append", default=[], help="only this decision (id)"
        )
        keep.add_argument(
            "--since", type=dt.date.fromisoformat, help="only decisions signed on or after"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "keep-certificates":
            self._keep(options["decision"], options["since"])
            return
        outdir = Path(options["outdir"])
        outdir.mkdir(parents=True, exist_ok=True)
        written = 0
        for label, make in self._makers():
            try:
                found = make()
            except DocumentError as error:
                self.stdout.write(f"{label}: {error}")
                continue
            if found is None:
                self.stdout.write(f"{label}: nothing in the database to make it from")
                continue
            name, content = found
            (outdir / name).write_bytes(content)
            self.stdout.write(f"{label}: {outdir / name}")
            written += 1
        if not written:
            raise CommandError("no document could be made from this database")
        self.stdout.write(f"{written} files written to {outdir}")

    def _keep(self, ids: list[int], since: dt.date | None) -> None:
        """Decisions issued before their certificates were kept: keep them now, as the data
        stands (the closest to what was issued that is left). Run it again: it keeps nothing
        twice."""
        decisions = unkept_decisions(ids=ids or None, since=since)
        counts = {"kept": 0, "pages": 0, "none": 0}
        for decision in decisions.iterator():
            try:
                kept = keep_certificates(decision, quiet=False)
            except DocumentError as error:
                self.stdout.write(f"{decision.number_label} (#{decision.pk}): {error}")
                counts["none"] += 1
                continue
            if kept is None:
                counts["none"] += 1
                continue
            counts["kept"] += 1
            counts["pages"] += len(kept.pages)
        self.stdout.write(
            f"certificates kept: {counts['kept']} decisions, {counts['pages']} pages; "
            f"{counts['none']} without certificates to keep"
        )

    def _makers(self) -> list[tuple[str, Callable[[], tuple[str, bytes] | None]]]:
        return [
            ("decision", self._decision),
            ("draft decision", self._draft_decision),
            ("submission", self._submission),
            ("public notice list", self._notice),
            ("achievement report (individual)", lambda: self._report(person=True)),
            ("achievement report (collective)", lambda: self._report(person=False)),
            ("council minutes", self._minutes),
            ("certificates (PDF)", lambda: self._certificates(blank=False)),
            ("certificates on pre-printed blanks (PDF)", lambda: self._certificates(blank=True)),
        ]

    def _decision(self) -> tuple[str, bytes] | None:
        decision = self._issued_decision()
        return issued.decision_file(decision) if decision else None

    def _issued_decision(self) -> Decision | None:
        return (
            Decision.objects.filter(status=DecisionStatus.ISSUED, kind=DecisionKind.AWARD)
            .annotate(n=Count("awards"))
            .filter(n__gt=1)
            .order_by("-signed_on", "-id")
            .first()
        )

    def _certificates(self, *, blank: bool) -> tuple[str, bytes] | None:
        """The certificates of the latest decision that gives some (all its recipients)."""
        decisions = Decision.objects.filter(
            status=DecisionStatus.ISSUED,
            kind=DecisionKind.AWARD,
            awards__kind__in=certificate_kinds(),
        ).order_by("-signed_on", "-id")
        decision = decisions.first()
        if decision is None:
            return None
        # An issued decision's certificates as issued: the kept file (kept now if need be).
        kept = keep_certificates(decision, quiet=False)
        if kept is None:
            return None
        if not blank:
            return kept.name, kept_bytes(kept)
        in_force = decision.awards.filter(revoked_by__isnull=True).values_list("pk", flat=True)
        papers = kept_papers(kept, in_force)
        name = kept.name.replace("giay-chung-nhan-", "giay-chung-nhan-in-phoi-")
        layouts = layouts_for(decision.issuing_unit)
        return name, certificates.render_certificates(papers, layouts=layouts)

    def _rounds(self, states: list[str] | None = None) -> list[Round]:
        """Rounds with nominations, latest first (a few, to find one the office can sign)."""
        query = Nomination.objects.exclude(
            state__in=[NominationState.WITHDRAWN, NominationState.REJECTED]
        )
        if states:
            query = query.filter(state__in=states)
        ids = list(
            query.order_by("-round__year", "-round_id")
            .values_list("round_id", flat=True)
            .distinct()[:20]
        )
        order = {pk: i for i, pk in enumerate(ids)}
        return sorted(Round.objects.filter(pk__in=ids), key=lambda r: order[r.pk])

    def _first(
        self, rounds: list[Round], make: Callable[[Round], tuple[str, bytes]]
    ) -> tuple[str, bytes] | None:
        error: DocumentError | None = None
        for round_ in rounds:
            try:
                return make(round_)
            except DocumentError as exc:
                error = error or exc
        if error is not None:
            raise error
        return None

    def _draft_decision(self) -> tuple[str, bytes] | None:
        rounds = self._rounds([NominationState.PROPOSED, NominationState.VOTED])
        return self._first(rounds, files.draft_decision_file)

    def _submission(self) -> tuple[str, bytes] | None:
        return self._first(self._rounds(), files.submission_file)

    def _notice(self) -> tuple[str, bytes] | None:
        return self._first(self._rounds(), files.notice_file)

    def _report(self, *, person: bool) -> tuple[str, bytes] | None:
        nomination = (
            Nomination.objects.filter(person__isnull=not person)
            .exclude(state__in=[NominationState.WITHDRAWN, NominationState.REJECTED])
            .order_by("-round__year", "-id")
            .first()
        )
        if nomination is None and not person:
            nomination = self._collective_example()
        if nomination is None:
            return None
        name, content = files.report_file(nomination)
        kind = "ca-nhan" if person else "tap-the"
        return name.replace("bao-cao-thanh-tich-", f"bao-cao-thanh-tich-{kind}-"), content

    def _collective_example(self) -> Nomination | None:
        """No collective is nominated yet: the report a collective with a title would file
        (an unsaved nomination, nothing is written to the database)."""
        award = (
            Award.objects.filter(unit__isnull=False, revoked_by__isnull=True)
            .select_related("unit", "kind")
            .order_by("-period", "-id")
            .first()
        )
        round_ = Round.objects.order_by("-year", "-id").first()
        if award is None or round_ is None:
            return None
        return Nomination(
            round=round_,
            unit=award.unit,
            kind=award.kind,
            period=(award.period or round_.year) + 1,
            award_type=award.award_type,
        )

    def _minutes(self) -> tuple[str, bytes] | None:
        session = (
            CouncilSession.objects.filter(status=SessionStatus.CLOSED)
            .exclude(minutes__isnull=True)
            .order_by("-date", "-id")
            .first()
        )
        if session is None or not session.minutes:
            return None
        return f"bien-ban-hop-hoi-dong-{session.pk}.docx", minutes_docx(session.minutes)
