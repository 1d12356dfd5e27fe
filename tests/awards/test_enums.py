"""Decisions name their decider with the engine's role codes, labelled in Vietnamese."""

from __future__ import annotations

from django.utils import translation

from vinhdanh.awards.enums import DeciderRole
from vinhdanh.eligibility.core import vocab


def test_decider_roles_are_the_engines_authority_roles() -> None:
    assert DeciderRole.values == list(vocab.ROLES)
    with translation.override("vi"):
        labels = {value: str(label) for value, label in DeciderRole.choices}

    assert labels["chu_tich_ubnd_tinh"] == "Chủ tịch Ủy ban nhân dân cấp tỉnh"
    assert labels["chu_tich_hdqt"] == "Chủ tịch Hội đồng quản trị, Hội đồng thành viên"
