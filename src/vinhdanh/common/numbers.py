"""How numbers are written for Vietnamese readers, in one place for pages, documents and .xlsx.

Decree 30/2020 (Appendix I) writes a document number below 10 with a leading zero
("Số: 07/QĐ-UBND"); Vietnamese groups thousands with a dot and writes decimals with a comma.
"""

from __future__ import annotations

from decimal import Decimal


def decision_number(number: int, symbol: str) -> str:
    """ "07/QĐ-UBND", "125/QĐ-UBND"."""
    return f"{number:02d}/{symbol}"


def plain_number(value: float | Decimal | int | None) -> str:
    """60.0 → "60", 60.5 → "60,5": no trailing zeros, a decimal comma, no grouping."""
    if value is None:
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def grouped_number(value: float | Decimal | int) -> str:
    """40000 → "40.000", 67.5 → "67,5": thousands grouped with a dot, a decimal comma."""
    amount = Decimal(str(value)).quantize(Decimal("0.01")).normalize()
    whole, _sep, fraction = f"{amount:f}".partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}".replace(",", ".")
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"
