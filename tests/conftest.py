from __future__ import annotations

import os

import pytest
from django.conf import settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The site's cache is a database table shared by its processes; tests keep one in memory,
# which every test may clear without database access (tests/common/test_freshness.py checks
# the shared one). Set before collection: the API schema is loaded while collecting
# (tests/api/test_schemathesis.py) and the API's throttles read the cache.
settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


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


@pytest.fixture(autouse=True, scope="session")
def _facts_token_at_once():  # type: ignore[no-untyped-def]
    """A test's transaction never commits: cached lists see a change of the facts at once
    (tests/common/test_freshness.py checks the renewal at commit itself)."""
    from vinhdanh.common import freshness

    freshness.RENEW_AT_COMMIT = False
    yield
    freshness.RENEW_AT_COMMIT = True


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


# What lets a test reach a database (pytest-django refuses any access to the others).
_DB_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "django_db_setup",
    "live_server",
}


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """On PostgreSQL, only the tests that can reach the database run: the others (the
    engine's cases, the parsers) cannot touch it, ran on SQLite in the same `make test`, and
    running them again would prove nothing about PostgreSQL."""
    if not settings.DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
        return
    if os.environ.get("VINHDANH_TEST_EVERYTHING_ON_POSTGRES"):
        return
    keep, skip = [], []
    for item in items:
        reaches = item.get_closest_marker("django_db") or _DB_FIXTURES & set(
            getattr(item, "fixturenames", ())
        )
        (keep if reaches else skip).append(item)
    if skip:
        config.hook.pytest_deselected(items=skip)
        items[:] = keep
