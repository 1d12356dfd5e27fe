"""Case files (docs/case-format.md v1): strict loading, and the single-case path.

A case becomes fact tables with one subject and goes through `evaluate_batch`, so the single
case and the batch give the same answer by construction. Malformed input raises `CaseError`
naming every problem with its place, e.g. ``C01.years.2024.ratng: unknown key``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import polars as pl
import yaml

from . import regimes
from .engine import evaluate_batch
from .facts import SCHEMAS, FactTables
from .parameters import ParameterError, Parameters
from .request import Request, RequestError
from .result import Result
from .vocab import (
    AWARD_CODES,
    AWARD_TYPES,
    DISCIPLINE_FORMS,
    DOSSIER_COMMENT_STATES,
    INITIATIVE_KINDS,
    INITIATIVE_LEVELS,
    LEAVE_TYPES,
    PENDING_KINDS,
    RATINGS,
    ROLES,
    SUBJECT_TYPES,
    TRAINING_COMPLIANCE,
    TRAINING_RESULTS,
    TRAINING_RESULTS_OK,
)

SUBJECT_ID = 1
IGNORED_KEYS = ("expected", "confidence", "note")


class CaseError(ValueError):
    """Malformed case input. `problems` lists every problem, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Case:
    id: str
    regime: str
    request: Request
    params: Parameters
    tables: Mapping[str, list[dict[str, Any]]]
    expected: Any = None
    raw: Mapping[str, Any] = field(default_factory=dict)

    def facts(self) -> FactTables:
        return FactTables.build(
            **{
                name: pl.DataFrame(rows, schema=dict(SCHEMAS[name]), orient="row")
                for name, rows in self.tables.items()
            }
        )


def evaluate_case(case: Case, lang: str = "vi") -> Result:
    """The single-case path: one subject through the batch engine."""
    batch = evaluate_batch(case.facts(), case.request, case.params)
    return batch.explain(SUBJECT_ID, lang=lang, result_id=case.id)


# --- reading files -------------------------------------------------------------------------


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys (a silent overwrite would hide a typo)."""


def _construct_mapping(loader: _StrictLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (line {mark.line + 1})", mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


def _construct_timestamp(loader: _StrictLoader, node: yaml.ScalarNode) -> Any:
    """An impossible date such as 2024-13-01 stays a string, so that the field check can
    name the place instead of the YAML library crashing."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def parse_text(text: str, source: str = "<text>") -> Any:
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(text, object_pairs_hook=_json_pairs)
        except ValueError:
            pass  # YAML flow style also starts with a bracket
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise CaseError([f"{source}: not valid YAML or JSON: {exc}"]) from None


def _is_path(source: str | Path) -> bool:
    """A Path, or a one-line string naming an existing file or a .yaml/.yml/.json file."""
    if isinstance(source, Path):
        return True
    if "\n" in source or source.lstrip().startswith(("{", "[")):
        return False
    return Path(source).exists() or source.lower().endswith((".yaml", ".yml", ".json"))


def load_cases(source: str | Path) -> list[Case]:
    """Cases from a file path or from JSON/YAML text (one case or a list)."""
    if _is_path(source):
        path = Path(source)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise CaseError([f"{path}: cannot read: {exc.strerror}"]) from None
        label = str(path)
    else:
        text, label = str(source), "<text>"
    data = parse_text(text, label)
    if isinstance(data, dict):
        items: list[Any] = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise CaseError([f"{label}: a case file holds one case (a mapping) or a list of cases"])
    problems: list[str] = []
    cases: list[Case] = []
    for index, item in enumerate(items):
        parser = _CaseParser(index)
        case = parser.parse(item)
        problems += parser.problems
        if case is not None:
            cases.append(case)
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            problems.append(f"{case.id}: duplicate case id")
        seen.add(case.id)
    if problems:
        raise CaseError(problems)
    return cases


# --- strict parsing ------------------------------------------------------------------------

_MISSING = object()
Spec = dict[str, tuple[bool, Callable[[Any, str], Any]]]  # key -> (required, convert)


class _Invalid(Exception):
    """Raised by converters; collected as a problem."""


class _CaseParser:
    def __init__(self, index: int) -> None:
        self.label = f"case[{index}]"
        self.problems: list[str] = []

    # -- generic converters (each takes the value and its path) --

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def fields(self, value: Any, path: str, spec: Spec) -> dict[str, Any] | None:
        if not isinstance(value, Mapping):
            self.problem(path, f"expected a mapping, got {_show(value)}")
            return None
        out: dict[str, Any] = {}
        for key in value:
            if key not in spec:
                allowed = ", ".join(spec)
                self.problem(f"{path}.{key}", f"unknown key {key!r} (expected one of: {allowed})")
        for key, (required, convert) in spec.items():
            raw = value.get(key, _MISSING)
            if raw is _MISSING:
                if required:
                    self.problem(f"{path}.{key}", "missing")
                continue
            try:
                out[key] = convert(raw, f"{path}.{key}")
            except _Invalid as exc:
                self.problem(f"{path}.{key}", str(exc))
        return out

    def items(self, value: Any, path: str, spec: Spec) -> list[dict[str, Any]]:
        if not isinstance(value, list):
            raise _Invalid(f"expected a list, got {_show(value)}")
        result = []
        for i, item in enumerate(value):
            parsed = self.fields(item, f"{path}[{i}]", spec)
            if parsed is not None:
                result.append(parsed)
        return result

    # -- the case --

    def parse(self, data: Any) -> Case | None:
        if (
            isinstance(data, Mapping)
            and isinstance(data.get("id"), str | int)
            and not isinstance(data.get("id"), bool)
        ):
            self.label = str(data["id"])
        before = len(self.problems)
        top: Spec = {
            "id": (True, _text),
            "regime": (False, _enum(tuple(regimes.names()))),
            "subject": (True, lambda v, p: self.fields(v, p, SUBJECT)),
            "years": (False, self.years),
            "awards": (False, lambda v, p: self.items(v, p, AWARD)),
            "initiatives": (False, lambda v, p: self.items(v, p, INITIATIVE)),
            "discipline": (False, lambda v, p: self.items(v, p, DISCIPLINE)),
            "pending_reviews": (False, lambda v, p: self.items(v, p, PENDING)),
            "request": (True, lambda v, p: self.fields(v, p, REQUEST)),
            "council": (False, lambda v, p: self.fields(v, p, COUNCIL)),
            "dossier": (False, lambda v, p: self.fields(v, p, DOSSIER)),
            "overlay": (False, _any),
            **dict.fromkeys(IGNORED_KEYS, (False, _any)),
        }
        case = self.fields(data, self.label, top)
        if case is None or len(self.problems) > before:
            return None
        self.subject_rules(case["subject"])
        request = self.request(case["request"])
        if request is None:
            return None
        try:
            regime = regimes.select(request.on)
        except regimes.RegimeError as exc:
            self.problem(f"{self.label}.request", str(exc))
            return None
        explicit = case.get("regime")
        if explicit is not None and explicit != regime.name:
            self.problem(
                f"{self.label}.regime",
                f"{explicit} contradicts the request date {request.on.isoformat()}, which "
                f"falls under {regime.name}",
            )
        params = regime.default_parameters(request.on)
        overlay = case.get("overlay")
        if overlay is not None:
            if not isinstance(overlay, Mapping):
                self.problem(f"{self.label}.overlay", f"expected a mapping, got {_show(overlay)}")
            else:
                try:
                    params = params.with_overlay(overlay)
                except ParameterError as exc:
                    self.problem(f"{self.label}.overlay.{exc.key}", exc.reason)
        if len(self.problems) > before:
            return None
        return Case(
            id=self.label,
            regime=regime.name,
            request=request,
            params=params,
            tables=_tables(case),
            expected=case.get("expected"),
            raw=dict(data),
        )

    def subject_rules(self, subject: dict[str, Any]) -> None:
        kind = subject.get("type")
        where = f"{self.label}.subject"
        if kind == "individual":
            for key in ("members", "dissolved_on", "successor_of"):
                if key in subject:
                    self.problem(f"{where}.{key}", "only for collectives")
        elif "recruitment_date" in subject:
            self.problem(f"{where}.recruitment_date", "only for individuals")
        if kind in ("household",) and "members" in subject:
            self.problem(f"{where}.members", "only for collectives")

    def request(self, data: dict[str, Any]) -> Request | None:
        try:
            return Request(
                code=data["code"],
                period=data["period"],
                decision_date=data.get("decision_date"),
                proposal_date=data.get("proposal_date"),
                award_type=data["award_type"],
                decider_role=data.get("decider_role"),
                achievement_id=data.get("achievement_id"),
            )
        except RequestError as exc:
            self.problem(f"{self.label}.request.{exc.field}", str(exc))
            return None

    def years(self, value: Any, path: str) -> dict[int, dict[str, Any]]:
        if not isinstance(value, Mapping):
            raise _Invalid(f"expected a mapping of year → facts, got {_show(value)}")
        out: dict[int, dict[str, Any]] = {}
        for key, facts in value.items():
            year = _year_key(key)
            if year is None:
                self.problem(f"{path}.{key}", "a year must be an integer such as 2024")
                continue
            if year in out:
                self.problem(f"{path}.{key}", "duplicate year")
                continue
            parsed = self.fields(facts, f"{path}.{key}", YEAR)
            if parsed is not None:
                out[year] = parsed
        return out


# --- converters ------------------------------------------------------------------------------


def _show(value: Any) -> str:
    return "null" if value is None else f"{type(value).__name__} {value!r}"


def _any(value: Any, _path: str) -> Any:
    return value


def _text(value: Any, _path: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _Invalid(f"expected a string, got {_show(value)}")
    return str(value)


def _opt(convert: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    def wrapped(value: Any, path: str) -> Any:
        return None if value is None else convert(value, path)

    return wrapped


def _enum(choices: tuple[str, ...]) -> Callable[[Any, str], str]:
    def convert(value: Any, _path: str) -> str:
        if not isinstance(value, str) or value not in choices:
            raise _Invalid(f"expected one of {', '.join(choices)}, got {_show(value)}")
        return value

    return convert


def _int(value: Any, _path: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f"expected an integer, got {_show(value)}")
    return value


def _count(value: Any, path: str) -> int:
    number = _int(value, path)
    if number < 0:
        raise _Invalid(f"must not be negative, got {number}")
    return number


def _number(value: Any, _path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(f"expected a number, got {_show(value)}")
    if value < 0:
        raise _Invalid(f"must not be negative, got {value}")
    return float(value)


def _bool(value: Any, _path: str) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, got {_show(value)}")
    return value


def _date(value: Any, _path: str) -> date:
    if isinstance(value, datetime):
        raise _Invalid(f"expected a date YYYY-MM-DD without a time, got {value!r}")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:  # fromisoformat also takes 20240101
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _Invalid(f"expected a date YYYY-MM-DD, got {_show(value)}")


def _year_key(key: Any) -> int | None:
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        year = key
    elif isinstance(key, str) and key.isdigit():
        year = int(key)
    else:
        return None
    return year if 1900 <= year <= 2200 else None


def _strings(value: Any, _path: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _Invalid(f"expected a list of strings, got {_show(value)}")
    return list(value)


def _positive(value: Any, path: str) -> int:
    number = _int(value, path)
    if number < 1:
        raise _Invalid(f"must be at least 1, got {number}")
    return number


MEMBERS: Spec = {
    "evaluated": (True, _count),
    "completed_tasks": (False, _opt(_count)),
    "LDTT": (False, _opt(_count)),
    "CSTDCS": (False, _opt(_count)),
    "disciplined_canh_cao_or_more": (False, _opt(_count)),
}


def _members(value: Any, path: str) -> dict[str, Any]:
    # Nested mapping with its own strict keys: reuse a throwaway parser for the messages.
    parser = _CaseParser(0)
    parsed = parser.fields(value, path, MEMBERS)
    if parser.problems:
        raise _Invalid("; ".join(p.removeprefix(f"{path}: ") for p in parser.problems))
    assert parsed is not None
    return parsed


SUBJECT: Spec = {
    "type": (True, _enum(SUBJECT_TYPES)),
    "unit_level": (False, _opt(_text)),
    "recruitment_date": (False, _opt(_date)),
    "gender": (False, _opt(_text)),
    "dissolved_on": (False, _opt(_date)),
    "successor_of": (False, _opt(_strings)),
    "members": (False, _opt(_members)),
}
LEAVE: Spec = {"type": (True, _enum(LEAVE_TYPES)), "months": (True, _number)}
TRAINING: Spec = {
    "length_months": (True, _number),
    "compliance": (False, _opt(_enum(TRAINING_COMPLIANCE))),
    "result": (False, _opt(_enum(TRAINING_RESULTS))),
}


def _list_of(spec: Spec) -> Callable[[Any, str], list[dict[str, Any]]]:
    def convert(value: Any, path: str) -> list[dict[str, Any]]:
        parser = _CaseParser(0)
        items = parser.items(value, path, spec)
        if parser.problems:
            raise _Invalid("; ".join(parser.problems))
        return items

    return convert


YEAR: Spec = {
    "rating": (False, _opt(_enum(RATINGS))),
    "months_worked": (False, _opt(_number)),
    "movement_participation": (False, _bool),
    "leave": (False, _list_of(LEAVE)),
    "training": (False, _list_of(TRAINING)),
}
AWARD: Spec = {
    "code": (True, _enum(AWARD_CODES)),
    "period": (True, _int),
    "decision_date": (False, _opt(_date)),
    "award_type": (True, _enum(AWARD_TYPES)),
    "revoked": (False, _bool),
    "achievement_id": (False, _opt(_text)),
}
INITIATIVE: Spec = {
    "kind": (True, _enum(INITIATIVE_KINDS)),
    "level": (True, _enum(INITIATIVE_LEVELS)),
    "recognised_on": (True, _date),
    "applied_effectively": (True, _bool),
    "replicable": (False, _opt(_bool)),
}
DISCIPLINE: Spec = {
    "form": (True, _enum(DISCIPLINE_FORMS)),
    "decision_date": (True, _date),
    "period_end": (False, _opt(_date)),
}
PENDING: Spec = {
    "kind": (True, _enum(PENDING_KINDS)),
    "opened": (True, _date),
    "closed": (False, _opt(_date)),
}
REQUEST: Spec = {
    "code": (True, _enum(AWARD_CODES)),
    "period": (True, _int),
    "decision_date": (False, _opt(_date)),
    "proposal_date": (False, _opt(_date)),
    "award_type": (True, _enum(AWARD_TYPES)),
    "decider_role": (False, _opt(_enum(ROLES))),
    "achievement_id": (False, _opt(_text)),
}
COUNCIL: Spec = {
    "total_members": (True, _positive),
    "present": (False, _opt(_count)),
    "votes_for": (True, _count),
    "votes_against": (False, _opt(_count)),
}
DOSSIER: Spec = {
    "old_unit_comments": (False, _opt(_enum(DOSSIER_COMMENT_STATES))),
    "months_at_old_unit": (False, _opt(_number)),
    "public_notice_working_days": (False, _opt(_count)),
}


# --- case -> fact rows ----------------------------------------------------------------------


def _tables(case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    sid = SUBJECT_ID
    subject = case["subject"]
    period = case["request"]["period"]
    tables: dict[str, list[dict[str, Any]]] = {
        "subjects": [
            {
                "subject_id": sid,
                "subject_type": subject["type"],
                "unit_level": subject.get("unit_level"),
                "recruitment_date": subject.get("recruitment_date"),
                "dissolved_on": subject.get("dissolved_on"),
                "priority": False,
                "unit_id": None,
            }
        ],
        "years": [
            _year_row(sid, year, facts) for year, facts in sorted((case.get("years") or {}).items())
        ],
        "awards": [
            {
                "subject_id": sid,
                "code": a["code"],
                "period": a["period"],
                "decision_date": a.get("decision_date"),
                "award_type": a["award_type"],
                "revoked": a.get("revoked", False),
                "achievement_id": a.get("achievement_id"),
                "decider_role": None,
            }
            for a in case.get("awards") or []
        ],
        "initiatives": [
            {"subject_id": sid, **i, "replicable": i.get("replicable")}
            for i in case.get("initiatives") or []
        ],
        "discipline": [
            {"subject_id": sid, **d, "period_end": d.get("period_end")}
            for d in case.get("discipline") or []
        ],
        "pending_reviews": [
            {"subject_id": sid, **r, "closed": r.get("closed")}
            for r in case.get("pending_reviews") or []
        ],
        "members": [],
        "council": [],
        "dossier": [],
    }
    members = subject.get("members")
    if members:
        tables["members"] = [
            {
                "subject_id": sid,
                "year": period,
                "evaluated": members["evaluated"],
                "completed_tasks": members.get("completed_tasks"),
                "LDTT": members.get("LDTT"),
                "CSTDCS": members.get("CSTDCS"),
                "disciplined_canh_cao_or_more": members.get("disciplined_canh_cao_or_more"),
            }
        ]
    council = case.get("council")
    if council:
        tables["council"] = [
            {
                "subject_id": sid,
                "total_members": council["total_members"],
                "present": council.get("present"),
                "votes_for": council["votes_for"],
                "votes_against": council.get("votes_against"),
            }
        ]
    dossier = case.get("dossier")
    if dossier:
        tables["dossier"] = [
            {
                "subject_id": sid,
                "old_unit_comments": dossier.get("old_unit_comments"),
                "months_at_old_unit": dossier.get("months_at_old_unit"),
                "public_notice_working_days": dossier.get("public_notice_working_days"),
            }
        ]
    # Column order must follow the schema for row-oriented frames.
    return {
        name: [{col: row.get(col) for col in SCHEMAS[name]} for row in rows]
        for name, rows in tables.items()
    }


def _year_row(sid: int, year: int, facts: dict[str, Any]) -> dict[str, Any]:
    leave = dict.fromkeys(LEAVE_TYPES, 0.0)
    for item in facts.get("leave", []):
        leave[item["type"]] += item["months"]
    training = facts.get("training", [])
    compliance = [t.get("compliance") for t in training]
    results = [t.get("result") for t in training if t.get("result") is not None]
    if not training:
        training_ok = None
    elif "poor" in compliance:
        training_ok = False
    else:
        training_ok = True if all(c == "good" for c in compliance) else None
    return {
        "subject_id": sid,
        "year": year,
        "rating": facts.get("rating"),
        "months_worked": facts.get("months_worked"),
        "movement_participation": facts.get("movement_participation", True),
        "leave_maternity_months": leave["maternity"],
        "leave_injury_months": leave["injury_rescue"],
        "leave_sick_months": leave["sick"],
        "leave_other_months": leave["other"],
        "training_months": sum(t["length_months"] for t in training),
        "training_ok": training_ok,
        "training_result_ok": (all(r in TRAINING_RESULTS_OK for r in results) if results else None),
    }
