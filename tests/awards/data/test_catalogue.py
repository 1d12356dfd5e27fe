"""The catalogue seed and the title registry of the engine describe the same awards."""

from __future__ import annotations

import pytest

from vinhdanh.awards.data.catalogue import catalogue
from vinhdanh.awards.models import AwardKind
from vinhdanh.eligibility.core import titles

SEED = {row["code"]: row for row in catalogue()}


def test_every_registered_code_has_a_catalogue_row_and_no_row_is_unregistered() -> None:
    assert [t.code for t in titles.TITLES if t.code not in SEED] == []
    assert [code for code in SEED if code not in titles.BY_CODE] == []


@pytest.mark.parametrize("title", titles.TITLES, ids=lambda t: t.code)
def test_catalogue_row_agrees_with_the_registry(title: titles.Title) -> None:
    row = SEED[title.code]

    assert row["name_vi"] == title.name
    assert tuple(row["subject_types"]) == title.subjects
    assert row["category"] == title.category


@pytest.mark.django_db
def test_loaded_catalogue_agrees_with_the_registry() -> None:
    loaded = {k.code: k for k in AwardKind.objects.filter(code__in=titles.BY_CODE)}

    assert sorted(loaded) == sorted(titles.BY_CODE)
    assert [
        code
        for code, kind in loaded.items()
        if (kind.name_vi, tuple(kind.subject_types), kind.category)
        != (titles.get(code).name, titles.get(code).subjects, titles.get(code).category)
    ] == []
