from __future__ import annotations

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _vietnamese(settings):  # type: ignore[no-untyped-def]
    """Tests see the product as a clerk does: Vietnamese first."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "vi"
    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():  # type: ignore[no-untyped-def]
    """PBKDF2 at production strength costs ~0.4 s per user; tests only need a working hash."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    """Cached pages (the dashboard) are keyed by user id, which the test database reuses."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _two_factor_off(settings):  # type: ignore[no-untyped-def]
    """Tests sign deciders and administrators in with their password alone (as `make demo`
    does); the tests of the second factor turn it on themselves."""
    settings.TWO_FACTOR = "off"
