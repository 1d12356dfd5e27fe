from __future__ import annotations

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse


@pytest.mark.django_db
def test_healthz_answers_without_login(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/healthz/")

    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_every_page_names_its_icon_and_favicon_ico_finds_it(client: Client) -> None:
    """No 404 in the browser's console for the icon it asks for by itself."""
    page = client.get(reverse("login")).content.decode()
    assert '<link rel="icon" href="/static/vinhdanh/favicon.svg"' in page
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/vinhdanh/favicon.svg"
    assert finders.find("vinhdanh/favicon.svg") is not None
