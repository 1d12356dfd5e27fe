from __future__ import annotations

import random
import unicodedata

import pytest

from vinhdanh.common.text import (
    collation_key,
    normalize,
    person_sort_key,
    search_key,
    split_full_name,
    vi_sorted,
)

ALPHABET = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")  # the 29 letters, in order


def _shuffled(items: list[str]) -> list[str]:
    copy = items[:]
    random.Random(7).shuffle(copy)
    return copy


def test_normalize_composes_and_collapses_spaces() -> None:
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị\tHồng ")

    assert normalize(decomposed) == "Nguyễn Thị Hồng"
    assert normalize(None) == ""


@pytest.mark.parametrize("form", ["NFC", "NFD", "NFKD"])
def test_search_key_same_for_composed_and_decomposed_input(form: str) -> None:
    assert search_key(unicodedata.normalize(form, "Nguyễn Thị Hồng")) == "nguyen thi hong"


def test_search_key_folds_d_with_stroke_and_case() -> None:
    assert search_key("ĐẶNG Đình Đức") == "dang dinh duc"
    assert search_key("đ") == search_key("D")


def test_search_key_empty_input() -> None:
    assert search_key("") == ""
    assert search_key(None) == ""


def test_collation_orders_vietnamese_letters() -> None:
    assert vi_sorted(_shuffled(ALPHABET)) == ALPHABET


def test_collation_orders_tones_after_base_letter() -> None:
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]  # ngang, huyền, hỏi, ngã, sắc, nặng

    assert vi_sorted(_shuffled(tones)) == tones


def test_collation_letter_matters_before_tone() -> None:
    words = ["An", "Anh", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đức"]

    assert vi_sorted(_shuffled(words)) == words


def test_collation_key_same_for_decomposed_input() -> None:
    assert collation_key(unicodedata.normalize("NFD", "Hồng")) == collation_key("Hồng")


def test_collation_plain_python_sort_gets_it_wrong() -> None:
    """Why the key exists: code-point order puts đ after every plain letter."""
    assert sorted(["đ", "e"]) == ["e", "đ"]
    assert vi_sorted(["e", "đ"]) == ["đ", "e"]


def _by_person_key(names: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    return sorted(names, key=lambda n: person_sort_key(n[2], n[1], n[0]))


def test_person_sort_key_orders_by_given_name_first() -> None:
    names = [("Trần", "Văn", "Bình"), ("Nguyễn", "Thị", "An"), ("Lê", "Văn", "Đức")]

    assert _by_person_key(names) == [
        ("Nguyễn", "Thị", "An"),
        ("Trần", "Văn", "Bình"),
        ("Lê", "Văn", "Đức"),
    ]


def test_person_sort_key_then_middle_then_family() -> None:
    names = [
        ("Vũ", "Văn", "Hoa"),
        ("Đào", "Thị", "Hoa"),
        ("An", "Văn", "Hoa"),
        ("Bạch", "Thị", "Hoa"),
    ]

    assert _by_person_key(names) == [
        ("Bạch", "Thị", "Hoa"),
        ("Đào", "Thị", "Hoa"),
        ("An", "Văn", "Hoa"),
        ("Vũ", "Văn", "Hoa"),
    ]


def test_person_sort_key_shorter_given_name_first() -> None:
    names = [("A", "", "Anh"), ("Z", "", "An"), ("B", "", "Ánh")]

    assert _by_person_key(names) == [("Z", "", "An"), ("A", "", "Anh"), ("B", "", "Ánh")]


def test_person_sort_key_given_name_tone_beats_family_name() -> None:
    """'Lê Anh' before 'An Ánh': the given name decides before the family name is looked at."""
    assert person_sort_key("Anh", "", "Lê") < person_sort_key("Ánh", "", "An")


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Nguyễn Thị Hồng", ("Nguyễn", "Thị", "Hồng")),
        ("Tôn Nữ Thị Hà", ("Tôn", "Nữ Thị", "Hà")),
        ("Lê Lợi", ("Lê", "", "Lợi")),
        ("Hồng", ("", "", "Hồng")),
        ("", ("", "", "")),
        ("  Trần   Văn  An ", ("Trần", "Văn", "An")),
    ],
)
def test_split_full_name(full: str, parts: tuple[str, str, str]) -> None:
    assert split_full_name(full) == parts


def test_split_full_name_composes_decomposed_input() -> None:
    family, _, given = split_full_name(unicodedata.normalize("NFD", "Đặng Văn Hưng"))

    assert (family, given) == ("Đặng", "Hưng")
    assert unicodedata.is_normalized("NFC", given)
