"""Amounts of money: bonus amounts from the multipliers, and amounts in words ("Bằng chữ: …").

Multipliers × the base salary (mức lương cơ sở) come from rules.md Appendix A (Decree
152/2025 Art. 54, confidence M); the product is rounded up to the ten thousand đồng as the
decrees on commendation have long prescribed ("làm tròn số lên hàng chục nghìn đồng"). Kinds
without a known multiplier carry no amount: the list then shows none rather than a guess.
"""

from __future__ import annotations

import math
from decimal import Decimal

from num2words import num2words

MULTIPLIERS: dict[str, Decimal] = {
    "CSTDTQ": Decimal("4.5"),
    "CSTD_BT": Decimal("3.0"),
    "CSTDCS": Decimal("1.0"),
    "LDTT": Decimal("0.3"),
    "CSTT": Decimal("0.3"),
    "TTLDXS": Decimal("1.5"),
    "DVQT": Decimal("1.5"),
    "TTLDTT": Decimal("0.8"),
    "DVTT": Decimal("0.8"),
    "CTD_CP": Decimal("12"),
}


def bonus_amount(code: str, base_salary: int) -> int | None:
    multiplier = MULTIPLIERS.get(code)
    if multiplier is None or base_salary <= 0:
        return None
    raw = multiplier * base_salary
    return int(math.ceil(raw / 10_000) * 10_000)


def vnd(amount: int) -> str:
    """ "1.500.000": Vietnamese thousands separators."""
    return f"{amount:,}".replace(",", ".")


def in_words(amount: int) -> str:
    """ "Một triệu năm trăm nghìn đồng" (num2words, Vietnamese), first letter capital."""
    words = num2words(amount, lang="vi")
    text = f"{words} đồng"
    return text[:1].upper() + text[1:]


def words_line(amount: int) -> str:
    return f"Bằng chữ: {in_words(amount)}."
