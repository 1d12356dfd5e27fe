from __future__ import annotations

from django.urls import reverse


def test_about_page_shows_version_and_licence(clerk_client, world) -> None:  # type: ignore[no-untyped-def]
    page = clerk_client.get(reverse("web:about")).content.decode()

    assert "0.1.0" in page
    assert "AGPL-3.0-or-later" in page
