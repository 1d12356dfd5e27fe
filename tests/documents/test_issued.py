"""What was issued is kept exactly as issued: later changes do not rewrite the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.documents.reading import read, table_cells
from tests.documents.test_papers import _decision
from tests.nominations.world import DECISION_DAY, World, build_world, force_state
from vinhdanh.documents.interfaces import issued
from vinhdanh.documents.interfaces.issued import keep_issued
from vinhdanh.documents.models import IssuedDocument, IssuedDocumentError
from vinhdanh.nominations.domain.issuing import issue_decision
from vinhdanh.nominations.enums import NominationState
from vinhdanh.people.models import Person


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def test_the_issued_file_is_kept_and_served_unchanged(world: World) -> None:
    decision, people = _decision(world, dt.date(2025, 7, 17))
    kept = keep_issued(decision)
    assert kept is not None
    first = issued.decision_file(decision)[1]
    Person.objects.filter(pk=people[0].pk).update(given_name="Đổi")
    name, again = issued.decision_file(decision)
    assert again == first
    assert name == kept.name
    assert people[0].full_name in table_cells(read(again))
    with pytest.raises(IssuedDocumentError):
        kept.delete()
    with pytest.raises(IssuedDocumentError):
        kept.save()
    assert IssuedDocument.objects.count() == 1


def test_issuing_keeps_the_file_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    nomination = world.nominate(code="BK_BT")
    force_state(nomination, NominationState.PROPOSED)
    with django_capture_on_commit_callbacks(execute=True):
        decision = issue_decision(
            issuing_unit=world.province,
            issuing_body="Ủy ban nhân dân tỉnh Hà Tĩnh",
            symbol="QĐ-UBND",
            signed_on=DECISION_DAY,
            signer_name="Trần Văn Bình",
            signer_title="Chủ tịch",
            decider_role="chu_tich_ubnd_tinh",
            subject="",
            legal_bases="",
            nominations=[nomination],
            actor=world.decider,
        )
    kept = IssuedDocument.objects.get(decision=decision)
    assert kept.name.startswith("quyet-dinh-")
    with kept.file.open("rb") as stream:
        assert nomination.subject_name in table_cells(read(stream.read()))
