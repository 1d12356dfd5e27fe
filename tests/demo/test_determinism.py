from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.db.models import Count

from vinhdanh.awards.models import Award, Decision
from vinhdanh.demo.generate import generate_demo
from vinhdanh.nominations.models import Nomination
from vinhdanh.people.models import Person, TaskRating

pytestmark = pytest.mark.django_db


def _generate_and_read(*, seed: int, people: int = 150, parallel: bool = False) -> dict[str, Any]:
    with transaction.atomic():
        generate_demo(people=people, seed=seed, parallel=parallel)
        data = {
            "people": list(
                Person.objects.order_by("id").values_list(
                    "code", "family_name", "middle_name", "given_name", "birth_date"
                )
            ),
            "awards": dict(
                Award.objects.values_list("kind__code").annotate(n=Count("id")).order_by()
            ),
            "ratings": list(TaskRating.objects.order_by("id").values_list("year", "rating")),
            "decisions": list(
                Decision.objects.order_by("id").values_list("issuing_body", "number", "signed_on")
            ),
            "story": list(
                Nomination.objects.order_by("id").values_list(
                    "person__code", "kind__code", "state", "round__owning_unit__code"
                )
            ),
        }
        transaction.set_rollback(True)
    return data


def test_generate_demo_same_seed_gives_the_same_data() -> None:
    first = _generate_and_read(seed=11)
    second = _generate_and_read(seed=11)
    assert first == second
    assert len(first["people"]) == 150
    assert first["story"]  # the story's nominees and their states are part of the seed's data


def test_generate_demo_other_seed_gives_other_people() -> None:
    first = _generate_and_read(seed=11)
    other = _generate_and_read(seed=12)
    assert [p[1:4] for p in first["people"]] != [p[1:4] for p in other["people"]]


def test_generate_demo_in_a_child_process_writes_the_same_data() -> None:
    assert _generate_and_read(seed=5, people=120, parallel=True) == _generate_and_read(
        seed=5, people=120, parallel=False
    )
