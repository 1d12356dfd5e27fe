"""The programme's thematic commendations: awards decided in the rounds opened for it.

Only awards in force count (a revoked award is left out). Collectives and individuals are
told apart, grouped by level (state, province, base) and form (Bằng khen, Giấy khen …).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from vinhdanh.awards.enums import AwardLevel
from vinhdanh.awards.models import Award
from vinhdanh.common.numbers import decision_number
from vinhdanh.common.text import collation_key
from vinhdanh.orgs.models import Unit
from vinhdanh.programmes.models import Programme

_LEVEL_ORDER = {AwardLevel.STATE: 0, AwardLevel.MINISTRY_PROVINCE: 1, AwardLevel.BASE: 2}


def programme_awards(
    programme: Programme,
    *,
    decided_from: dt.date | None = None,
    decided_to: dt.date | None = None,
    within: Unit | None = None,
) -> QuerySet[Award]:
    """Awards in force from the programme's rounds (decided in the dates; under `within`)."""
    awards = Award.objects.filter(
        nomination__round__programme=programme, revoked_by__isnull=True
    ).select_related("kind", "decision", "person", "person__current_unit", "unit")
    if decided_from is not None:
        awards = awards.filter(decision__signed_on__gte=decided_from)
    if decided_to is not None:
        awards = awards.filter(decision__signed_on__lte=decided_to)
    if within is not None:
        awards = awards.filter(
            Q(unit__path__startswith=within.path)
            | Q(person__current_unit__path__startswith=within.path)
        )
    return awards


@dataclass(frozen=True)
class CommendationRow:
    level: str
    form: str
    collectives: int
    individuals: int


@dataclass(frozen=True)
class Commended:
    name: str
    unit: str  # the individual's unit, or "" for a collective
    form: str
    decision: str  # "12/QĐ-UBND (05/12/2027)"
    sort_key: str = ""  # Vietnamese order: given name first for people


@dataclass
class Commendations:
    rows: list[CommendationRow]
    collectives: list[Commended]
    individuals: list[Commended]

    @property
    def total_collectives(self) -> int:
        return len(self.collectives)

    @property
    def total_individuals(self) -> int:
        return len(self.individuals)


def _decision_label(award: Award) -> str:
    decision = award.decision
    number = (
        decision_number(decision.number, decision.symbol) if decision.number else decision.symbol
    )
    return f"{number} ({decision.signed_on:%d/%m/%Y})"


def commendations(awards: QuerySet[Award]) -> Commendations:
    """Counts by level and form, and the lists (collectives, then individuals, in name order)."""
    listed = list(awards)
    counts: Counter[tuple[int, str, str, str, bool]] = Counter()
    collectives: list[Commended] = []
    individuals: list[Commended] = []
    for award in listed:
        kind = award.kind
        level = AwardLevel(kind.level)
        key = (_LEVEL_ORDER.get(level, 9), kind.name_vi, str(level.label), kind.code)
        counts[(*key, award.unit_id is not None)] += 1
        entry_decision = _decision_label(award)
        if award.unit_id is not None:
            assert award.unit is not None
            name = award.unit.name
            collectives.append(
                Commended(name, "", kind.name_vi, entry_decision, collation_key(name))
            )
        elif award.person is not None:
            unit = award.person.current_unit
            individuals.append(
                Commended(
                    award.person.full_name,
                    unit.name if unit else "",
                    kind.name_vi,
                    entry_decision,
                    award.person.sort_key,
                )
            )
    forms = sorted({key[:4] for key in counts})
    rows = [
        CommendationRow(
            level=label,
            form=form,
            collectives=counts[(order, form, label, code, True)],
            individuals=counts[(order, form, label, code, False)],
        )
        for order, form, label, code in forms
    ]
    collectives.sort(key=lambda c: (collation_key(c.form), c.sort_key))
    individuals.sort(key=lambda c: (collation_key(c.form), c.sort_key))
    return Commendations(rows=rows, collectives=collectives, individuals=individuals)
