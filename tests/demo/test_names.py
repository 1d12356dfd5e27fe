from __future__ import annotations

import random
import unicodedata
from collections import Counter

from vinhdanh.demo import names, places
from vinhdanh.demo.names import NamePicker
from vinhdanh.demo.tree import build_tree


def test_names_are_nfc_so_search_and_sort_keys_match_typed_input() -> None:
    every = [
        *(n for n, _ in names.FAMILY_NAMES),
        *(n for n, *_ in names.FEMALE_MIDDLE),
        *(n for n, *_ in names.MALE_MIDDLE),
        *names.FEMALE_GIVEN,
        *names.MALE_GIVEN,
    ]
    assert all(unicodedata.is_normalized("NFC", n) for n in every)


def test_family_names_follow_real_frequencies() -> None:
    picker, rng = NamePicker(), random.Random(1)
    counts = Counter(picker.family(rng) for _ in range(20_000))
    assert 0.35 < counts["Nguyễn"] / 20_000 < 0.41
    assert 0.09 < counts["Trần"] / 20_000 < 0.13
    assert counts["Nguyễn"] > counts["Trần"] > counts["Phạm"] > counts["Đặng"] > counts["Lý"]


def test_names_fit_the_gender_and_generation() -> None:
    picker, rng = NamePicker(), random.Random(2)
    women_1970 = [picker.person(rng, "F", 1970) for _ in range(2_000)]
    women_1995 = [picker.person(rng, "F", 1995) for _ in range(2_000)]
    men = [picker.person(rng, "M", 1980) for _ in range(2_000)]
    assert {g for *_, g in women_1970} <= set(names.FEMALE_GIVEN)
    assert {g for *_, g in men} <= set(names.MALE_GIVEN)
    assert all(m != "Thị" for _, m, _ in men)
    older_thi = sum(m == "Thị" for _, m, _ in women_1970)
    younger_thi = sum(m == "Thị" for _, m, _ in women_1995)
    assert older_thi > 2 * younger_thi


def test_tree_has_the_province_after_the_2025_reforms() -> None:
    tree = build_tree(2025, 1)
    assert tree.province.code == places.PROVINCE_CODE
    assert 18 <= len(tree.departments) <= 22
    assert 90 <= len(tree.communes) <= 110
    for dept in tree.departments.values():
        divisions = [d for d in tree.divisions if d.parent_on(places.HISTORY_START) is dept]
        assert 2 <= len(divisions) <= 5, dept.name
    codes = [u.code for u in tree.units]
    assert len(codes) == len(set(codes))
    assert [u.name for u in build_tree(2025, 1).units] == [u.name for u in tree.units]
