"""After the demo, the programme's sơ kết can be generated at once, with its commendations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from tests.documents.reading import read, text
from vinhdanh.demo.generate import generate_demo
from vinhdanh.nominations.enums import NominationState
from vinhdanh.programmes.domain.queries.review import build_review, default_range
from vinhdanh.programmes.enums import MilestoneKind, ReportState
from vinhdanh.programmes.interfaces.review_docx import render_review
from vinhdanh.programmes.models import PeriodLock, PeriodReport, Programme

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        generate_demo(people=150, seed=2025, parallel=False)
        yield
        transaction.set_rollback(True)


def test_the_demo_programme_spans_five_years_with_a_mid_term_review(demo: None) -> None:
    programme = Programme.objects.get()
    assert (programme.starts_on.year, programme.ends_on.year) == (2025, 2029)
    periods, milestone = default_range(programme, timezone.localdate())
    assert milestone is not None
    assert milestone.kind == MilestoneKind.PRELIMINARY
    locked = PeriodLock.objects.filter(programme=programme, locked=True)
    assert {p.code for p in periods} == set(locked.values_list("period_code", flat=True))


def test_the_review_lists_the_decided_thematic_awards(demo: None) -> None:
    programme = Programme.objects.get()
    [round_] = programme.rounds.all()
    decided = round_.nominations.filter(state=NominationState.DECIDED)
    assert decided.filter(unit__isnull=False).exists()
    assert decided.filter(person__isnull=False).exists()
    periods, milestone = default_range(programme, timezone.localdate())
    review = build_review(programme, periods, kind=milestone.kind, milestone=milestone)  # type: ignore[union-attr]

    commended = review.commendations
    assert commended.total_collectives == decided.filter(unit__isnull=False).count()
    assert commended.total_individuals == decided.filter(person__isnull=False).count()
    approved = PeriodReport.objects.filter(
        programme=programme, state=ReportState.APPROVED, period_code__in=[p.code for p in periods]
    )
    assert review.approved_reports == approved.count()
    [(committee, stages)] = review.committees  # set up, then re-formed twice over the years
    assert len(stages) == committee.decisions.filter(effective_on__lte=periods[-1].end).count()
    body = text(read(render_review(review, day=timezone.localdate())))
    assert f"Các cấp đã khen thưởng {commended.total_collectives} tập thể" in body
