"""Fill empty Vietnamese msgstr entries of the catalogue from a tab-separated glossary.

Usage: python scripts/translate_po.py PO_FILE TSV_FILE...   (msgid<TAB>Vietnamese)
Prints the msgids still untranslated so nothing slips through silently.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib


def main(po_path: str, *tsv_paths: str) -> int:
    glossary: dict[str, str] = {}
    for tsv in tsv_paths:
        for line in Path(tsv).read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                en, vi = line.split("\t", 1)
                glossary[en.strip()] = vi.strip()
    po = polib.pofile(po_path)
    filled = 0
    for entry in po:
        if entry.msgid in glossary and (not entry.msgstr or "fuzzy" in entry.flags):
            entry.msgstr = glossary[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            filled += 1
    po.save(po_path)
    missing = [e.msgid for e in po if not e.msgstr and not e.msgid_plural and not e.obsolete]
    print(f"filled {filled}; untranslated {len(missing)}")
    for msgid in missing:
        print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
