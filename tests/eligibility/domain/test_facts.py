"""The adapter reads member aggregates the same way whether person facts are already loaded."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from vinhdanh.demo.generate import generate_demo
from vinhdanh.eligibility.domain.queries.facts import member_aggregates, person_facts
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db


def _sorted(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.sort(["subject_id", "year"])


def test_member_aggregates_from_loaded_person_facts_equal_a_fresh_read() -> None:
    generate_demo(people=300, seed=4, start_year=2016, end_year=2025, parallel=False)
    units = Unit.objects.filter(is_collective=True)
    years = range(2016, 2026)
    fresh = member_aggregates(units, years=years)
    assert fresh.height > 0
    assert fresh.get_column("LDTT").sum() > 0

    everyone = person_facts(Person.objects.all())
    assert_frame_equal(
        _sorted(member_aggregates(units, years=years, people=everyone)), _sorted(fresh)
    )
    # People missing from the loaded facts are read from the database.
    some = person_facts(Person.objects.filter(pk__in=Person.objects.order_by("pk")[:100]))
    assert_frame_equal(_sorted(member_aggregates(units, years=years, people=some)), _sorted(fresh))


def test_training_choices_of_the_leave_records_are_the_engines_vocabulary():
    from vinhdanh.eligibility.core.vocab import TRAINING_COMPLIANCE, TRAINING_RESULTS
    from vinhdanh.people.enums import TrainingCompliance, TrainingResult

    assert tuple(TrainingCompliance.values) == TRAINING_COMPLIANCE
    assert tuple(TrainingResult.values) == TRAINING_RESULTS
