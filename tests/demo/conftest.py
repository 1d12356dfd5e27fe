"""Files the demo story attaches (achievement reports) go to a temporary media folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _demo_media(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media):
        yield media
