"""The case-file runner behind ``vinhdanh eligibility FILE…`` (docs/case-format.md "Result").

Prints one JSON object per case and line (or one JSON list); exits 0 whatever the outcomes,
and non-zero with the list of problems when any input is malformed (nothing is evaluated).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .cases import Case, CaseError, evaluate_case, load_cases

EXIT_OK = 0
EXIT_MALFORMED = 2


def run_case_files(
    paths: Sequence[str | Path],
    lang: str = "vi",
    json_list: bool = False,
    suggestions: bool = False,
) -> tuple[str, int]:
    if lang not in ("vi", "en"):
        return f"unknown language {lang!r} (vi or en)", EXIT_MALFORMED
    cases: list[Case] = []
    problems: list[str] = []
    for path in paths:
        try:
            cases += load_cases(Path(path))
        except CaseError as exc:
            problems += [p if p.startswith(str(path)) else f"{path}: {p}" for p in exc.problems]
    if problems:
        return "\n".join(problems), EXIT_MALFORMED
    results = [evaluate_case(case, lang).to_dict(lang, suggestions) for case in cases]
    if json_list:
        return json.dumps(results, ensure_ascii=False), EXIT_OK
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in results), EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vinhdanh eligibility", description="Evaluate eligibility case files."
    )
    parser.add_argument("files", nargs="+")
    parser.add_argument("--lang", choices=("vi", "en"), default="vi")
    parser.add_argument("--json-list", action="store_true")
    parser.add_argument(
        "--suggestions", action="store_true", help="add near-miss suggestions to each result"
    )
    args = parser.parse_args(argv)
    output, code = run_case_files(args.files, args.lang, args.json_list, args.suggestions)
    print(output, file=sys.stdout if code == EXIT_OK else sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
