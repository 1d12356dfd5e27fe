"""The repository stands alone: its documents are in docs/, in step with ../shared/ where that
folder exists, and nothing a reader follows points outside the repository."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]


def _sync() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sync", REPO / "scripts" / "sync_shared_docs.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SYNC = _sync()


@pytest.mark.parametrize(("source", "copy", "replacements"), SYNC.MIRRORS, ids=lambda v: v)
def test_copy_in_docs_matches_shared_when_present(
    source: str, copy: str, replacements: tuple[tuple[str, str], ...]
) -> None:
    shared = SYNC.SHARED / source
    if not shared.exists():
        pytest.skip(f"../shared/{source} is not beside the repository")
    want = SYNC.expected(shared.read_text(encoding="utf-8"), replacements)
    have = (REPO / copy).read_text(encoding="utf-8")
    assert have == want, f"{copy} has drifted: run python3 scripts/sync_shared_docs.py"


def test_every_copy_is_in_the_repository() -> None:
    for _source, copy, _replacements in SYNC.MIRRORS:
        assert (REPO / copy).is_file(), copy


def _readable() -> list[Path]:
    """What a reader or a contributor follows: the top-level documents, docs/, the code."""
    found = [REPO / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    for folder, pattern in (("docs", "*.md"), ("src", "*.py"), ("bench", "*.py")):
        found += sorted((REPO / folder).rglob(pattern))
    return [p for p in found if p.is_file() and "migrations" not in p.parts]


OUTSIDE = re.compile(r"\.\./shared|shared/law|shared/DESIGN|\bDESIGN\.md|CASE-FORMAT\.md")


def test_no_reference_points_outside_the_repository() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{n}: {line.strip()}"
        for path in _readable()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if OUTSIDE.search(line)
    ]
    assert offenders == []


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"])
def test_relative_links_of_the_top_documents_lead_to_files(name: str) -> None:
    path = REPO / name
    assert path.is_file(), name
    for target in LINK.findall(path.read_text(encoding="utf-8")):
        if "://" in target or target.startswith("mailto:"):
            continue
        assert (path.parent / target).exists(), f"{name} links to {target}, which is missing"
