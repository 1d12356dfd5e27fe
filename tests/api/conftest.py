from __future__ import annotations

from collections.abc import Callable

import pytest
from rest_framework.test import APIClient

from tests.api.world import World, build_world


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def client_for(world: World) -> Callable[[str], APIClient]:
    """An API client signed in as one of the world's roles ('anonymous': not signed in)."""

    def make(role: str) -> APIClient:
        client = APIClient()
        user = world.users[role]
        if user is not None:
            client.force_authenticate(user)
        return client

    return make
