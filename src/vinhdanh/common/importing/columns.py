"""Column specifications and the value parsers behind them.

One `Column` says everything about a column of an import file: its Vietnamese header (the
contract with the templates), whether it is required, how a cell becomes a value, and what the
"Hướng dẫn" sheet of the template tells the clerk about it. The same specs read the files and
write the templates, so the two cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from vinhdanh.common.text import normalize, search_key

StrOrPromise = str | Promise
Parser = Callable[[Any], Any]


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in the active language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Vietnamese, exactly as in the template: part of the contract, never translated
    parse: Parser
    required: bool = False
    help: StrOrPromise = ""
    allowed: StrOrPromise = ""
    example: Any = None
    default: Any = None
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = field(default=())  # short values offered as a drop-down

    @property
    def keys(self) -> tuple[str, ...]:
        """The header and its aliases as search keys (case- and diacritic-insensitive)."""
        return tuple(search_key(h) for h in (self.header, *self.aliases))


def display(value: Any) -> str:
    """A cell as the clerk sees it: dates as dd/mm/yyyy, whole floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = value if value.__class__ is str else str(value)
    stripped = text.strip()
    # Most cells are already clean: skip the regex and the normalisation when they are.
    if (
        stripped.isascii() or unicodedata.is_normalized("NFC", stripped)
    ) and not _MESSY_SPACE.search(stripped):
        return stripped
    return normalize(text)


_MESSY_SPACE = re.compile(r"\s\s|[^\S ]")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- parsers -------------------------------------------------------------------------------


def text(max_length: int) -> Parser:
    def parse(value: Any) -> str:
        result = display(value)
        if len(result) > max_length:
            raise CellError(
                _("too long: %(length)s characters, at most %(max)s")
                % {"length": len(result), "max": max_length}
            )
        return result

    return parse


_CODE = re.compile(r"^[^\s;,]+$")


def code(max_length: int = 40) -> Parser:
    """Codes (unit, staff, award): no spaces; numbers typed into Excel come back as text."""

    def parse(value: Any) -> str:
        result = display(value)
        if not _CODE.match(result):
            raise CellError(
                _("“%(value)s” is not a code: a code has no spaces, commas or semicolons")
                % {"value": result}
            )
        if len(result) > max_length:
            raise CellError(
                _("too long: %(length)s characters, at most %(max)s")
                % {"length": len(result), "max": max_length}
            )
        return result

    return parse


_SPLIT_CODES = re.compile(r"[;,\n]+")


def code_list(max_length: int = 40) -> Parser:
    """Several codes in one cell, separated by ';' or ',' (duplicates dropped, order kept)."""
    one = code(max_length)

    def parse(value: Any) -> tuple[str, ...]:
        parts = [p.strip() for p in _SPLIT_CODES.split(display(value)) if p.strip()]
        result = [one(p) for p in parts]
        if not result:
            raise CellError(_("no code given"))
        return tuple(dict.fromkeys(result))

    return parse


_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")


def date_value(value: Any) -> dt.date:
    """dd/mm/yyyy (also with . or -), ISO yyyy-mm-dd, or a real Excel date cell."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise CellError(
            _("“%(value)s” is a number, not a date: write dd/mm/yyyy or format the cell as a date")
            % {"value": display(value)}
        )
    raw = display(value)
    match = _DMY.match(raw)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(raw)
        if not match:
            raise CellError(
                _("“%(value)s” is not a date: write dd/mm/yyyy or yyyy-mm-dd") % {"value": raw}
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise CellError(_("the date %(value)s does not exist") % {"value": raw}) from None
    if result.year < 1900:
        raise CellError(_("the date %(value)s is too far in the past") % {"value": raw})
    return result


def integer(*, minimum: int | None = None, maximum: int | None = None) -> Parser:
    def parse(value: Any) -> int:
        if isinstance(value, bool):
            raise CellError(_("“%(value)s” is not a whole number") % {"value": value})
        if isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        else:
            raw = display(value)
            if not re.fullmatch(r"[+-]?\d+", raw):
                raise CellError(_("“%(value)s” is not a whole number") % {"value": raw})
            number = int(raw)
        if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
            raise CellError(
                _("%(value)s is out of range: from %(min)s to %(max)s")
                % {"value": number, "min": minimum, "max": maximum}
            )
        return number

    return parse


def year(*, minimum: int = 1945, maximum: Callable[[], int] | None = None) -> Parser:
    """A year; the upper bound is computed when the file is read (usually this year)."""

    def parse(value: Any) -> int:
        top = maximum() if maximum else dt.date.today().year
        if isinstance(value, dt.date):
            raise CellError(_("write the year only, e.g. %(year)s") % {"year": value.year})
        try:
            number = integer()(value)
        except CellError:
            raise CellError(_("“%(value)s” is not a year") % {"value": display(value)}) from None
        if not minimum <= number <= top:
            raise CellError(
                _("the year %(value)s is out of range: from %(min)s to %(max)s")
                % {"value": number, "min": minimum, "max": top}
            )
        return int(number)

    return parse


def decimal(*, minimum: Decimal, maximum: Decimal, step: Decimal | None = None) -> Parser:
    def parse(value: Any) -> Decimal:
        raw = display(value).replace(",", ".")
        try:
            number = Decimal(raw)
        except InvalidOperation:
            raise CellError(_("“%(value)s” is not a number") % {"value": raw}) from None
        if not number.is_finite() or not minimum <= number <= maximum:
            raise CellError(
                _("%(value)s is out of range: from %(min)s to %(max)s")
                % {"value": raw, "min": minimum, "max": maximum}
            )
        if step is not None and number % step:
            raise CellError(
                _("%(value)s must be a multiple of %(step)s") % {"value": raw, "step": step}
            )
        return number

    return parse


def choice(options: Mapping[str, Iterable[str]]) -> Parser:
    """A value out of a fixed list: each stored value with the spellings a clerk may use.

    Spellings are compared by search key, so "Nữ", "nu" and "NỮ" are the same answer.
    """
    lookup: dict[str, str] = {}
    for stored, spellings in options.items():
        for spelling in (stored, *spellings):
            lookup[search_key(spelling)] = stored
    shown = ", ".join(dict.fromkeys(next(iter(s), k) for k, s in options.items()))
    seen: dict[str, str] = {}  # the same few spellings come back on every row

    def parse(value: Any) -> str:
        raw = display(value)
        if raw in seen:
            return seen[raw]
        try:
            result = lookup[search_key(raw)]
        except KeyError:
            raise CellError(
                _("“%(value)s” is not allowed; use one of: %(allowed)s")
                % {"value": raw, "allowed": shown}
            ) from None
        if len(seen) < 1000:
            seen[raw] = result
        return result

    return parse


YES_NO: dict[bool, tuple[str, ...]] = {
    True: ("Có", "x", "1", "yes", "true", "đúng"),
    False: ("Không", "0", "no", "false", "sai"),
}
_YES_NO_KEYS = {search_key(s): result for result, spellings in YES_NO.items() for s in spellings}


def boolean(value: Any) -> bool:
    """Có/Không (also x, 1/0, yes/no); a real Excel TRUE/FALSE cell works too."""
    if isinstance(value, bool):
        return value
    raw = display(value)
    try:
        return _YES_NO_KEYS[search_key(raw)]
    except KeyError:
        raise CellError(
            _("“%(value)s” is not allowed; write Có or Không") % {"value": raw}
        ) from None


def email(value: Any) -> str:
    raw = display(value)
    try:
        validate_email(raw)
    except ValidationError:
        raise CellError(_("“%(value)s” is not an e-mail address") % {"value": raw}) from None
    if len(raw) > 254:
        raise CellError(
            _("too long: %(length)s characters, at most %(max)s") % {"length": len(raw), "max": 254}
        )
    return raw
