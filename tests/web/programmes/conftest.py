from __future__ import annotations

import pytest

from tests.programmes.world import World, build_world


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()
