"""Numbers as Vietnamese readers write them: decision numbers (Decree 30), blanks, chart axes."""

from __future__ import annotations

from decimal import Decimal

from vinhdanh.common.numbers import decision_number, grouped_number, plain_number


def test_decision_numbers_below_ten_take_a_leading_zero() -> None:
    assert decision_number(7, "QĐ-UBND") == "07/QĐ-UBND"
    assert decision_number(125, "QĐ-UBND") == "125/QĐ-UBND"


def test_plain_numbers_drop_trailing_zeros_and_use_a_decimal_comma() -> None:
    assert plain_number(60.0) == "60"
    assert plain_number(60.5) == "60,5"
    assert plain_number(Decimal("100.50")) == "100,5"
    assert plain_number(None) == ""


def test_grouped_numbers_group_thousands_with_a_dot() -> None:
    assert grouped_number(40000) == "40.000"
    assert grouped_number(135459.0) == "135.459"
    assert grouped_number(67.5) == "67,5"
    assert grouped_number(-1250) == "-1.250"
    assert grouped_number(0) == "0"
