"""A nomination stores the engine's outcome and shows it in the eligibility pages' words."""

from __future__ import annotations

from django.utils import translation

from vinhdanh.eligibility.core import vocab
from vinhdanh.nominations.enums import Outcome
from vinhdanh.web.views.eligibility import OUTCOME_LABELS


def test_stored_outcomes_are_the_engines_in_the_pages_wording() -> None:
    assert Outcome.values == [o.value for o in vocab.Outcome]
    with translation.override("vi"):
        stored = {value: str(label) for value, label in Outcome.choices}
        shown = {value: str(label) for value, label in OUTCOME_LABELS.items()}

    assert stored == shown
    assert stored["DEFERRED"] == "Tạm hoãn do đang xem xét, xác minh"
    assert stored["NEEDS_REVIEW"] == "Cần cán bộ nghiệp vụ xem xét"
