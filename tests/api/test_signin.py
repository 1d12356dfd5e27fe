"""The API's sign-in under attack: HTTP Basic locked out like the login page, refused for
accounts with a second factor, and every client held to a request rate (429)."""

from __future__ import annotations

from base64 import b64encode
from typing import Any

import pytest
from rest_framework.test import APIClient

from tests.factories.orgs import RoleFactory, UnitFactory
from vinhdanh.orgs.enums import UnitLevel

pytestmark = pytest.mark.django_db

PASSWORD = "mat-khau-dai-123"  # the factories' password
URL = "/api/v1/units/"


def _basic(username: str, password: str) -> APIClient:
    client = APIClient()
    token = b64encode(f"{username}:{password}".encode()).decode()
    client.credentials(HTTP_AUTHORIZATION=f"Basic {token}")
    return client


@pytest.fixture
def province() -> Any:
    return UnitFactory(name="Tỉnh Hà Tĩnh", level=UnitLevel.PROVINCE, code="HT")


@pytest.fixture
def clerk(province: Any) -> Any:
    return RoleFactory(unit=province, user__username="vanthu").user


def test_thirty_wrong_passwords_then_the_right_one_are_refused_over_http_basic(clerk: Any):
    for _ in range(30):
        assert _basic("vanthu", "sai-mat-khau").get(URL).status_code in (401, 403, 429)

    response = _basic("vanthu", PASSWORD).get(URL, HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out"
    assert "30 phút" in body["detail"]
    assert "quản trị" in body["detail"]


def test_the_right_password_over_http_basic_works_before_the_limit(clerk: Any) -> None:
    for _ in range(4):
        _basic("vanthu", "sai-mat-khau").get(URL)

    assert _basic("vanthu", PASSWORD).get(URL).status_code == 200


def test_failures_on_the_login_page_lock_http_basic_too(clerk: Any, client: Any) -> None:
    for _ in range(5):
        client.post("/login/", {"username": "vanthu", "password": "sai-mat-khau"})

    assert _basic("vanthu", PASSWORD).get(URL).status_code == 429


def test_http_basic_is_refused_for_an_account_that_must_use_a_second_factor(
    province: Any, clerk: Any, settings: Any
) -> None:
    settings.TWO_FACTOR = "required"
    RoleFactory(unit=province, user__username="chutich", is_clerk=False, is_decider=True)

    refused = _basic("chutich", PASSWORD).get(URL, HTTP_ACCEPT_LANGUAGE="vi")

    assert refused.status_code == 403
    assert refused.json()["code"] == "two_factor_required"
    assert "trang web" in refused.json()["detail"]
    assert _basic("vanthu", PASSWORD).get(URL).status_code == 200  # no second factor needed


def test_with_two_factor_off_a_decider_uses_http_basic(province: Any, settings: Any) -> None:
    settings.TWO_FACTOR = "off"
    RoleFactory(unit=province, user__username="chutich", is_clerk=False, is_decider=True)

    assert _basic("chutich", PASSWORD).get(URL).status_code == 200


def test_the_api_answers_429_after_the_rate(clerk: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "5/min"},
    }
    client = APIClient()
    client.force_authenticate(clerk)

    answers = [client.get(URL, HTTP_ACCEPT_LANGUAGE="vi").status_code for _ in range(6)]

    assert answers == [200] * 5 + [429]
    throttled = client.get(URL, HTTP_ACCEPT_LANGUAGE="vi")
    assert throttled.status_code == 429
    assert throttled.json()["code"] == "throttled"
    assert "giây" in throttled.json()["detail"]
    assert int(throttled["Retry-After"]) > 0
    english = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["detail"].startswith("Too many requests")


def test_the_throttle_classes_are_installed(settings: Any) -> None:
    classes = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"]
    assert [c.rsplit(".", 1)[1] for c in classes] == ["AnonRateThrottle", "UserRateThrottle"]
