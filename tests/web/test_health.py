from __future__ import annotations

import pytest


@pytest.mark.django_db
def test_healthz_answers_without_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]
