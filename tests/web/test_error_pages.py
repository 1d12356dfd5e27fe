"""Error pages are Vietnamese, inside the site's layout, and say what to do next."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views import defaults

from tests.factories.orgs import RoleFactory, UnitFactory

pytestmark = pytest.mark.django_db

ENGLISH = ("Not Found", "Forbidden", "Server Error", "Bad Request", "The requested resource")


def _clerk():  # type: ignore[no-untyped-def]
    return RoleFactory(unit=UnitFactory(name="Sở Tư pháp")).user


def test_unknown_address_is_a_vietnamese_page_in_the_layout(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_clerk())
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Không tìm thấy trang" in body
    assert 'href="/"' in body
    assert "Trang chủ" in body
    assert "Văn phòng" in body or "thi đua, khen thưởng" in body
    assert not any(word in body for word in ENGLISH)


def test_a_refused_page_is_vietnamese_and_says_whom_to_ask(client) -> None:  # type: ignore[no-untyped-def]
    client.force_login(_clerk())
    response = client.get("/audit/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Không được phép" in body
    assert "quản trị hệ thống" in body
    assert not any(word in body for word in ENGLISH)


def test_the_server_error_page_needs_neither_database_nor_context_processors(settings) -> None:
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {"context_processors": ["vinhdanh.does.not.exist"]},
        }
    ]
    request = RequestFactory().get("/")
    with CaptureQueriesContext(connection) as queries:
        response = defaults.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Hệ thống gặp lỗi" in body
    assert "Trang chủ" in body or "trang chủ" in body
    assert len(queries) == 0
    assert not any(word in body for word in ENGLISH)


def test_a_form_sent_from_an_old_page_explains_itself_in_vietnamese(client) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    body = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in body
    assert not any(word in body for word in ENGLISH)
