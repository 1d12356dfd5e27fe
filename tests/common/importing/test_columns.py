from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from vinhdanh.common.importing import columns as c


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("15/03/1985", dt.date(1985, 3, 15)),
        ("5/3/1985", dt.date(1985, 3, 5)),
        ("15.03.1985", dt.date(1985, 3, 15)),
        ("15-03-1985", dt.date(1985, 3, 15)),
        ("1985-03-15", dt.date(1985, 3, 15)),
        ("1985-03-15 00:00:00", dt.date(1985, 3, 15)),
        (" 15/03/1985 ", dt.date(1985, 3, 15)),
        (dt.datetime(1985, 3, 15, 0, 0), dt.date(1985, 3, 15)),
        (dt.date(1985, 3, 15), dt.date(1985, 3, 15)),
    ],
)
def test_date_value_accepts_vietnamese_iso_and_excel_dates(
    value: object, expected: dt.date
) -> None:
    assert c.date_value(value) == expected


def test_date_value_nonexistent_day_says_so() -> None:
    with pytest.raises(c.CellError) as caught:
        c.date_value("31/02/2024")
    assert caught.value.message == "the date 31/02/2024 does not exist"


@pytest.mark.parametrize("value", ["15/03/85", "March 1985", "1985/03/15", "x"])
def test_date_value_other_formats_are_rejected(value: str) -> None:
    with pytest.raises(c.CellError) as caught:
        c.date_value(value)
    assert "is not a date: write dd/mm/yyyy or yyyy-mm-dd" in caught.value.message


def test_date_value_plain_number_is_not_a_date() -> None:
    with pytest.raises(c.CellError) as caught:
        c.date_value(45292)
    assert "is a number, not a date" in caught.value.message


def test_choice_ignores_case_and_diacritics() -> None:
    parse = c.choice({"M": ("Nam",), "F": ("Nữ",)})
    assert parse("NỮ") == "F"
    assert parse("nu") == "F"
    assert parse("m") == "M"
    with pytest.raises(c.CellError) as caught:
        parse("Khác")
    assert caught.value.message == "“Khác” is not allowed; use one of: Nam, Nữ"


def test_boolean_reads_co_khong() -> None:
    assert c.boolean("Có") is True
    assert c.boolean("khong") is False
    assert c.boolean("x") is True
    with pytest.raises(c.CellError):
        c.boolean("có lẽ")


def test_code_reads_numbers_typed_into_excel_as_text() -> None:
    assert c.code()(1001) == "1001"
    assert c.code()(1001.0) == "1001"
    with pytest.raises(c.CellError):
        c.code()("SNV TCCB")


def test_code_list_splits_on_semicolons_and_commas() -> None:
    assert c.code_list()("CB1; CB2,CB3 ;CB1") == ("CB1", "CB2", "CB3")


def test_year_out_of_range_names_the_bounds() -> None:
    parse = c.year(minimum=1975, maximum=lambda: 2026)
    assert parse("2024") == 2024
    assert parse(2024.0) == 2024
    with pytest.raises(c.CellError) as caught:
        parse(2099)
    assert caught.value.message == "the year 2099 is out of range: from 1975 to 2026"


def test_decimal_respects_step_and_range() -> None:
    parse = c.decimal(minimum=Decimal(0), maximum=Decimal(12), step=Decimal("0.5"))
    assert parse("10,5") == Decimal("10.5")
    with pytest.raises(c.CellError):
        parse("10.3")
    with pytest.raises(c.CellError):
        parse(13)


def test_text_normalises_decomposed_unicode() -> None:
    decomposed = "Nguye\u0302\u0303n"  # "Nguyễn" typed with combining marks (NFD)
    assert c.text(50)(decomposed) == "Nguyễn"
