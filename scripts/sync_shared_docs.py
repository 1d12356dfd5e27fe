#!/usr/bin/env python3
"""Copy the project's shared documents into docs/, so the repository stands alone.

The architecture and glossary, the legal digest and the case format are written beside the
repository (in ../shared/, the project's common folder) and kept here as copies. Each copy is
the shared text with the shared paths replaced by the repository's own, nothing else;
tests/test_docs_in_step.py fails when a copy has drifted, wherever ../shared/ exists.

    python3 scripts/sync_shared_docs.py            # rewrite the copies from ../shared/
    python3 scripts/sync_shared_docs.py --check    # exit 1 if a copy differs
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

# (file in ../shared/, its copy in the repository, replacements applied in this order)
MIRRORS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "DESIGN.md",
        "docs/architecture.md",
        (
            ("`shared/law/rules.md`", "`docs/law/rules.md`"),
            ("`shared/law/CASE-FORMAT.md`", "`docs/case-format.md`"),
        ),
    ),
    ("law/rules.md", "docs/law/rules.md", ()),
    (
        "law/CASE-FORMAT.md",
        "docs/case-format.md",
        (
            ("(glossary in DESIGN.md)", "(glossary in architecture.md)"),
            ("(codes in DESIGN.md)", "(codes in architecture.md)"),
            ("(from `rules.md`)", "(from `law/rules.md`)"),
            (
                "`examples.yaml` beside this file holds",
                "`tests/eligibility/data/examples.yaml` holds",
            ),
        ),
    ),
    # The worked cases are test data: a plain copy (tests/eligibility/core/test_core_examples.py).
    ("law/examples.yaml", "tests/eligibility/data/examples.yaml", ()),
)


def expected(shared_text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    for old, new in replacements:
        shared_text = shared_text.replace(old, new)
    return shared_text


def main(argv: list[str]) -> int:
    check = "--check" in argv
    if not SHARED.is_dir():
        print(f"{SHARED} does not exist: nothing to compare")
        return 0
    drifted = 0
    for source, copy, replacements in MIRRORS:
        want = expected((SHARED / source).read_text(encoding="utf-8"), replacements)
        target = REPO / copy
        have = target.read_text(encoding="utf-8") if target.exists() else None
        if have == want:
            continue
        drifted += 1
        if check:
            print(f"{copy} differs from ../shared/{source}")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(want, encoding="utf-8")
            print(f"{copy} updated from ../shared/{source}")
    return 1 if check and drifted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
