"""The shared date and file controls: Vietnamese dates typed day first, and no browser-native
English ("Choose File", "No file chosen", mm/dd/yyyy) on a Vietnamese page."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.utils import translation

from vinhdanh.common.widgets import DateField, FileInput, parse_day


class _Form(forms.Form):
    day = DateField(label="Ngày")
    scan = forms.FileField(label="Tệp", widget=FileInput, required=False)


@pytest.mark.parametrize(
    "typed", ["17/07/2025", "17/7/2025", "2025-07-17", "17-07-2025", "17.07.2025", " 17/07/2025 "]
)
def test_a_day_typed_day_first_or_iso_is_read(typed: str) -> None:
    with translation.override("vi"):
        form = _Form({"day": typed})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == dt.date(2025, 7, 17)


def test_the_english_pages_read_the_same_field_day_first() -> None:
    with translation.override("en"):
        form = _Form({"day": "05/07/2025"})
        assert form.is_valid()
    assert form.cleaned_data["day"] == dt.date(2025, 7, 5)  # never 7 May


@pytest.mark.parametrize("typed", ["07/17/2025", "31/02/2025", "hôm qua"])
def test_a_bad_day_is_refused_in_vietnamese_saying_how_to_write_it(typed: str) -> None:
    with translation.override("vi"):
        form = _Form({"day": typed})
        assert not form.is_valid()
        assert form.errors["day"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 17/07/2025."]


def test_the_date_field_is_text_shown_day_first_with_a_placeholder() -> None:
    with translation.override("vi"):
        html = str(_Form(initial={"day": dt.date(2025, 7, 17)})["day"])
    assert 'type="text"' in html
    assert 'value="17/07/2025"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert 'inputmode="numeric"' in html
    assert "pattern=" in html
    assert 'type="date"' not in html


def test_the_file_field_has_a_vietnamese_button_over_the_hidden_native_control() -> None:
    with translation.override("vi"):
        html = str(_Form()["scan"])
    assert 'type="file"' in html
    assert 'class="file-pick-input visually-hidden"' in html
    assert '<label for="id_scan" class="button file-pick-button">Chọn tệp…</label>' in html
    assert "Chưa chọn tệp" in html


def test_a_query_string_day_is_read_or_ignored() -> None:
    with translation.override("vi"):
        assert parse_day("17/07/2025") == dt.date(2025, 7, 17)
        assert parse_day("2025-07-17") == dt.date(2025, 7, 17)
        assert parse_day("17/17/2025") is None
        assert parse_day("") is None
        assert parse_day(None) is None
