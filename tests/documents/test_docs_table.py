"""docs/documents.md prints the table the code applies: they cannot drift apart."""

from __future__ import annotations

from pathlib import Path

from vinhdanh.documents.formats import STYLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "documents.md"


def test_every_element_is_in_the_printed_table() -> None:
    text = DOC.read_text(encoding="utf-8")
    for key, style in STYLES.items():
        row = (
            f"| {style.element} | `{key}` | {style.case} | {style.decree_sizes} | "
            f"**{style.size}** | {style.slant} |"
        )
        assert row in text, row
