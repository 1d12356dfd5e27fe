"""The message catalogue: both languages, same fields, clerk-readable formatting."""

from __future__ import annotations

import re
from datetime import date

import pytest

from vinhdanh.eligibility.core.messages import (
    CATALOGUE,
    Code,
    Fragments,
    Percent,
    Role,
    Source,
    cite_text,
    localise,
    mask_years,
    render,
    span,
)

FIELDS = re.compile(r"\{(\w+)\}|\[[?!](\w+):")
ALLOWED_DIFFERENCES = {"subject_type.ok": {"type"}}  # the English sentence omits it


def fields_of(template: str) -> set[str]:
    return {a or b for a, b in FIELDS.findall(template)}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_catalogue_languages_use_the_same_fields(key):
    vi, en = CATALOGUE[key]
    assert vi
    assert en
    assert fields_of(vi) ^ fields_of(en) == ALLOWED_DIFFERENCES.get(key, set())


def test_render_optional_segments_and_capital_letter():
    fields = {"code": Code("LDTT"), "award_type": "DOT_XUAT"}
    assert render("award_type.title", fields, "en").startswith("LĐTT is an annual merit title")
    text = render(
        "run.fail",
        {"of": Code("CSTDCS"), "n": 2, "need": 3, "years": "2023–2024", "excluded": ""},
        "vi",
    )
    assert text == "Mới có 2 năm liên tục đạt CSTĐCS (2023–2024); cần 3 năm."
    with_excluded = render(
        "run.fail",
        {"of": Code("CSTDCS"), "n": 1, "need": 3, "years": "2024", "excluded": "2023"},
        "vi",
    )
    assert "không tính CSTĐCS năm 2023" in with_excluded
    held = render("cstdtq.two.fail", {"first": 2021, "second": 2024, "held": ""}, "vi")
    assert held.endswith("đã có: chưa có.")


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (date(2025, 1, 15), "15/01/2025", "2025-01-15"),
        (Percent(10, 11), "90,9%", "90.9%"),
        (Percent(7, 10), "70%", "70%"),
        (Percent(1, 0), "0%", "0%"),
        (5.5, "5,5", "5.5"),
        (6.0, "6", "6"),
        (None, "—", "—"),
        (True, "True", "True"),
        (Role("thu_tuong"), "Thủ tướng Chính phủ", "the Prime Minister"),
        (Code("XYZ"), "XYZ", "XYZ"),
        ((Code("LDTT"), Code("GIAY_KHEN")), "LĐTT, Giấy khen", "LĐTT, Certificate of Commendation"),
        (Source(False), "theo tham số mặc định", "per the default parameter"),
        (
            Source(True, "tỉnh Lào Cai"),
            "theo tham số của tỉnh Lào Cai",
            "per the tỉnh Lào Cai parameter",
        ),
        (
            Fragments([("need.htxs", {}), ("need.cstdcs_count", {"n": 1})]),
            "một năm HTXSNV và thêm 1 lần CSTĐCS",
            "one HTXSNV year and 1 more CSTĐCS",
        ),
    ],
)
def test_values_are_localised(value, vi, en):
    assert (localise(value, "vi"), localise(value, "en")) == (vi, en)


def test_citations_in_vietnamese():
    assert cite_text("Law 06/2022 Art. 22(1)", "vi") == "Luật TĐKT 06/2022, Điều 22 khoản 1"
    assert cite_text("Decree 91/2017 Art. 45(8)", "vi") == "Nghị định 91/2017, Điều 45 khoản 8"
    assert cite_text("Law 06/2022 Art. 74(1)(d)", "vi") == (
        "Luật TĐKT 06/2022, Điều 74 khoản 1 điểm d"
    )
    assert cite_text("Law 06/2022 Art. 73(1)(a),(c)", "vi") == (
        "Luật TĐKT 06/2022, Điều 73 khoản 1 điểm a, c"
    )
    assert cite_text("Law 06/2022 Art. 22(1)(b), 22(2)", "vi") == (
        "Luật TĐKT 06/2022, Điều 22 khoản 1 điểm b, khoản 2"
    )
    assert cite_text("Law 06/2022 Art. 22(1)", "en") == "Law 06/2022 Art. 22(1)"


def test_year_helpers():
    assert span(2023, 2024) == "2023–2024"
    assert span(2024, 2024) == "2024"
    assert mask_years(0b1011, 2024) == [2021, 2023, 2024]
    assert mask_years(None, 2024) == []


def test_unknown_message_key_is_a_bug():
    with pytest.raises(KeyError):
        render("no.such.key", {}, "vi")


def test_core_imports_only_stdlib_polars_and_yaml():
    """The pure core: no Django, nothing beyond the standard library, polars and PyYAML."""
    import ast
    import sys
    from pathlib import Path

    import vinhdanh.eligibility.core as core

    allowed = {"polars", "yaml", "vinhdanh"} | set(sys.stdlib_module_names)
    root = Path(core.__file__).parent
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"
