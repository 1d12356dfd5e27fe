from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory

from tests.factories.orgs import UnitFactory, UserFactory
from vinhdanh.common.middleware import RequestContextMiddleware, SecurityHeadersMiddleware
from vinhdanh.common.models import AuditEvent

pytestmark = pytest.mark.django_db


def _creating_unit(request: HttpRequest) -> HttpResponse:
    unit = UnitFactory(code="MW1")
    return HttpResponse(str(unit.pk))


def _run(path: str, **headers: str) -> tuple[HttpResponse, AuditEvent]:
    request = RequestFactory().post(path, headers=headers)
    request.user = UserFactory(username="nguoi_sua")
    response = RequestContextMiddleware(_creating_unit)(request)
    event = AuditEvent.objects.get(object_type="orgs.unit", object_id=response.content.decode())
    return response, event


def test_request_id_from_header_tags_the_change_and_comes_back() -> None:
    response, event = _run("/units/new/", **{"X-Request-ID": "trace-42"})

    assert response["X-Request-ID"] == "trace-42"
    assert event.request_id == "trace-42"
    assert event.username == "nguoi_sua"
    assert event.source == "web"


def test_request_id_generated_when_absent() -> None:
    response, event = _run("/units/new/")

    assert len(response["X-Request-ID"]) == 32
    assert event.request_id == response["X-Request-ID"]


def test_request_id_too_long_is_cut() -> None:
    response, event = _run("/units/new/", **{"X-Request-ID": "x" * 200})

    assert response["X-Request-ID"] == "x" * 64
    assert event.request_id == "x" * 64


def test_request_source_is_api_under_api_path() -> None:
    _, event = _run("/api/v1/units/")

    assert event.source == "api"


def test_request_id_returned_on_real_responses() -> None:
    response = Client().get("/login/", headers={"X-Request-ID": "from-proxy"})

    assert response["X-Request-ID"] == "from-proxy"


def test_request_context_cleared_after_the_request() -> None:
    from vinhdanh.common import context

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    RequestContextMiddleware(lambda r: HttpResponse())(request)

    assert context.current() is None


def test_security_headers_on_pages() -> None:
    response = Client().get("/login/")

    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Permissions-Policy"].startswith("camera=()")
    assert response["X-Frame-Options"] == "DENY"


def test_security_headers_admin_keeps_its_own_policy() -> None:
    request = RequestFactory().get("/admin/")
    response = SecurityHeadersMiddleware(lambda r: HttpResponse())(request)

    assert "Content-Security-Policy" not in response


def test_pages_are_vietnamese_even_when_the_browser_asks_for_english() -> None:
    response = Client().get("/login/", headers={"accept-language": "en-US,en;q=0.9"})
    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_the_language_switch_shows_english() -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert response.status_code == 302
    page = client.get("/login/")
    assert page.headers["Content-Language"] == "en"
    assert "Log in" in page.content.decode()


def test_api_follows_accept_language() -> None:
    response = Client().get("/api/v1/units/", headers={"accept-language": "en"})
    assert response.status_code in (401, 403)
    assert response.headers["Content-Language"] == "en"
