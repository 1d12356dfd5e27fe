"""Vietnamese text: normalisation, diacritic-free search keys and collation keys.

Neither SQLite nor PostgreSQL folds Vietnamese diacritics or sorts Vietnamese letters
correctly by default, so we store a search key and a collation key beside each name and
index them: both databases then search and sort the same way.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

_SPACES = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """NFC (input may come decomposed from macOS or old Windows fonts), single spaces."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", str(text))).strip()


def search_key(text: str | None) -> str:
    """'Nguyễn Thị Hồng' and 'nguyen thi hong' give the same key; đ folds to d."""
    return unidecode(normalize(text)).casefold()


@lru_cache(maxsize=1)
def _collator():  # type: ignore[no-untyped-def]
    import icu

    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    return collator


def collation_key(text: str | None) -> str:
    """ICU Vietnamese sort key as hex, so plain ORDER BY gives a ă â … đ … order."""
    return bytes(_collator().getSortKey(normalize(text))).hex()


def person_sort_key(given: str, middle: str, family: str) -> str:
    """Vietnamese lists sort by given name, then middle name, then family name."""
    # '01' sorts below every byte of an ICU key body, so a shorter name sorts first.
    return "01".join(collation_key(part) for part in (given, middle, family))


def vi_sorted(items: list[str]) -> list[str]:
    return sorted(items, key=collation_key)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """'Nguyễn Thị Hồng' → ('Nguyễn', 'Thị', 'Hồng'): family first, given name last."""
    parts = normalize(full_name).split(" ")
    if not parts or parts == [""]:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]
