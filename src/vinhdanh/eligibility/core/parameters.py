"""Parameters: what the law leaves to ministries and provinces, or leaves unsettled.

Each regime supplies defaults from rules.md (`Regime.default_parameters`); a jurisdiction
overlay (the case's ``overlay:`` key, later rows in the database with effective dates)
overrides them field by field. Overridden fields are remembered so explanations can say
"theo tham số của tỉnh" rather than present a local choice as national law.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any, Literal

from . import titles
from .vocab import (
    AWARD_CODES,
    DISCIPLINE_FORMS,
    RATINGS,
    ROLES,
    STATE_HONOUR_CODES,
    VOTE_ONLY_CODES,
)

Denominator = Literal["total_members", "present_members"]
AuthorityStatus = Literal["allowed", "unsettled", "denied"]
DisciplineMode = Literal["overlap", "end_of_period"]
InitiativeWindow = Literal["review_outside", "inside_only", "anytime"]
TimingMode = Literal["gate", "review", "off"]
VotingMethod = Literal["secret_ballot", "show_of_hands", ""]

DISTRICT_END = date(2025, 6, 30)  # R-AUTH-2025-1: district chairs decide nothing after this


class ParameterError(ValueError):
    """An overlay key or value is wrong. `key` is the dotted path inside the overlay."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key = key
        self.reason = message


GENERAL = "*"  # the vote rule of every award code without its own


@dataclass(frozen=True)
class VoteRule:
    """Council threshold for one award code, or `GENERAL` (R-VOTE-1/2), exact fractions.

    The one definition of a vote threshold: the engine's council check and the councils'
    tally both read it (national defaults here, the office's versioned rows as overlays).
    Pass when votes for / denominator ≥ threshold ("từ … trở lên"), or > when not inclusive
    ("more than half"). `quorum` None: the council's own quorum; `method` "": the session's.
    """

    code: str
    threshold: Fraction
    denominator: Denominator = "total_members"
    quorum: Fraction | None = None
    rule: str = "R-VOTE-2"
    cite: str = "council rules of procedure (R-VOTE-2)"
    assumed: bool = False  # carried over from an older text without verification
    inclusive: bool = True
    method: VotingMethod = ""

    def passes(self, votes_for: int, denominator: int) -> bool:
        left, right = votes_for * self.threshold.denominator, self.threshold.numerator * denominator
        return left >= right if self.inclusive else left > right

    def to_overlay(self) -> dict[str, Any]:
        """The overlay spec (``vote_rules: {code: spec}``) that gives back this rule."""
        spec: dict[str, Any] = {
            "threshold": f"{self.threshold.numerator}/{self.threshold.denominator}",
            "denominator": self.denominator,
            "inclusive": self.inclusive,
        }
        if self.quorum is not None:
            spec["quorum"] = f"{self.quorum.numerator}/{self.quorum.denominator}"
        if self.method:
            spec["method"] = self.method
        return spec


@dataclass(frozen=True)
class AuthorityRow:
    """Who may decide which award, and when. `code`/`role` accept a trailing '*' wildcard."""

    role: str
    code: str
    valid_from: date | None = None
    valid_to: date | None = None
    status: AuthorityStatus = "allowed"
    rule: str = "R-AUTH-80"
    cite: str = "Law 06/2022 Art. 80"

    def matches(self, role: str, code: str, on: date) -> bool:
        return (
            _match(self.role, role)
            and _match(self.code, code)
            and (self.valid_from is None or on >= self.valid_from)
            and (self.valid_to is None or on <= self.valid_to)
        )


def _match(pattern: str, value: str) -> bool:
    if pattern.endswith("*"):
        return value.startswith(pattern[:-1])
    return pattern == value


@dataclass(frozen=True)
class Parameters:
    # R-CSTDCS-3: CSTĐCS at most this share of the unit's LĐTT (None: no cap). Ranking only.
    cstdcs_quota_of_ldtt: Fraction | None = None
    vote_rules: tuple[VoteRule, ...] = ()
    authority: tuple[AuthorityRow, ...] = ()
    # R-PUB-3: working days of internal posting before the decision, per code.
    public_notice_working_days: Mapping[str, int] = field(default_factory=dict)
    # R-CSTDCS-2 (2013) / R-CSTDCS-4 (draft reform): an initiative is mandatory for CSTĐCS.
    cstdcs_requires_initiative: bool = False
    # R-LDTT-5(c) / R-LDTT-7: new recruits with fewer countable months are not considered.
    ldtt_min_months_new_recruit: float = 6.0
    # Between two texts a recruit at or above the minimum but below this needs a person.
    ldtt_review_months_new_recruit: float | None = None
    # R-LDTT-7: non-counting leave of this many working days or more excludes LĐTT.
    absence_max_working_days: float | None = None
    working_days_per_month: float = 22.0
    # R-LDTT-5(b): some sectors count training only with a study result of at least "khá".
    training_requires_result_kha: bool = False
    # R-LDTT-6 / R-DISC-2: annual titles barred when a discipline overlaps the year
    # ("overlap") or when any discipline decided by the decision date ends in/after the
    # year ("end_of_period").
    annual_discipline_mode: DisciplineMode = "overlap"
    # When a discipline record has no period_end: its length in months.
    discipline_default_months: int = 12
    discipline_months_by_form: Mapping[str, int] = field(
        default_factory=lambda: {"giang_chuc": 18, "cach_chuc": 18}
    )
    # R-TTLDTT-1: the "no member disciplined at cảnh cáo or more" clause (None: unsettled).
    ttldtt_discipline_clause: bool | None = None
    # R-TTLDXS-4: the same clause for TTLĐXS (dropped in 2022; overlays may restore it).
    ttldxs_discipline_clause: bool = False
    # R-CSTDBT-3 / §8.4: must the higher-scope initiative fall inside the title's window?
    initiative_window: InitiativeWindow = "review_outside"
    # R-CSTDTQ-1: "2 consecutive CSTĐ bộ/tỉnh" = awards this many periods apart.
    cstdtq_cycle_gap: int = 3
    # R-CSTDTQ-2: proposal in the year after the 2nd CSTĐ bộ/tỉnh decision.
    cstdtq_timing: TimingMode = "review"
    # R-CSTDTQ-3 (2013): also 6 consecutive CSTĐCS.
    cstdtq_requires_six_cstdcs: bool = False
    # R-BKTTG-CN-2: the 5-year window starts after the Bằng khen bộ/tỉnh decision.
    bkttg_window_after_prereq: bool = True
    # Same ordering question for HCLĐ hạng Ba after the PM's Bằng khen (by analogy).
    hcld3_window_after_prereq: bool = True
    # R-GK-1, R-THONVH-1, R-GDVH-1, R-XATB-1: a jurisdiction's minimum rating settles the
    # detailed criteria it delegates; without it these codes need a person.
    min_rating: Mapping[str, str] = field(default_factory=dict)
    # R-AUTH-2025-3 / R-MERGE-1: Circular 15/2025 in force (no award to dissolved bodies).
    dissolved_rule_from: date = date(2025, 8, 5)
    # Provenance, for the explanations.
    overridden: frozenset[str] = frozenset()
    jurisdiction: str | None = None

    def vote_rule(self, code: str) -> VoteRule | None:
        """The code's own rule, else the general one (`GENERAL`), else None."""
        rules = {rule.code: rule for rule in self.vote_rules}
        return rules.get(code, rules.get(GENERAL))

    def authority_for(self, role: str, code: str, on: date) -> AuthorityRow | None:
        """The first matching row wins (overlay rows are placed first)."""
        for row in self.authority:
            if row.matches(role, code, on):
                return row
        return None

    def powers_of(self, role: str, on: date) -> tuple[list[str], AuthorityRow | None]:
        """Codes a role may award on a date, and a row to cite for that role."""
        rows = [r for r in self.authority if r.role == role and r.matches(role, r.code, on)]
        allowed = [r for r in rows if r.status == "allowed" and "*" not in r.code]
        codes = list(dict.fromkeys(r.code for r in allowed))
        cited = allowed[0] if allowed else (rows[0] if rows else None)
        return codes, cited

    def is_overridden(self, name: str) -> bool:
        return name in self.overridden

    def with_overlay(
        self, overlay: Mapping[str, Any], jurisdiction: str | None = None
    ) -> Parameters:
        """Apply an overlay mapping (keys are field names). Raises ParameterError."""
        changes: dict[str, Any] = {}
        for key, value in overlay.items():
            if not isinstance(key, str) or key not in _CONVERTERS:
                allowed = ", ".join(sorted(_CONVERTERS))
                raise ParameterError(str(key), f"unknown overlay key (expected one of: {allowed})")
            changes[key] = _CONVERTERS[key](self, key, value)
        return dataclasses.replace(
            self,
            **changes,
            overridden=self.overridden | frozenset(changes),
            jurisdiction=jurisdiction if jurisdiction is not None else self.jurisdiction,
        )


# --- overlay value converters ------------------------------------------------------------

Converter = Callable[[Parameters, str, Any], Any]


def _fraction(key: str, value: Any) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ParameterError(key, f"expected a number or a fraction like '2/3', got {value!r}")
    text = str(value).strip()
    try:
        result = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise ParameterError(key, f"not a number: {value!r}") from None
    if not 0 <= result <= 1:
        raise ParameterError(key, f"must be between 0 and 1, got {value!r}")
    return result


def _opt_fraction(_p: Parameters, key: str, value: Any) -> Fraction | None:
    return None if value is None else _fraction(key, value)


def _bool(_p: Parameters, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise ParameterError(key, f"expected true or false, got {value!r}")
    return value


def _opt_bool(p: Parameters, key: str, value: Any) -> bool | None:
    return None if value is None else _bool(p, key, value)


def _number(key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise ParameterError(key, f"expected a non-negative number, got {value!r}")
    return float(value)


def _float(_p: Parameters, key: str, value: Any) -> float:
    return _number(key, value)


def _opt_float(_p: Parameters, key: str, value: Any) -> float | None:
    return None if value is None else _number(key, value)


def _int(_p: Parameters, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ParameterError(key, f"expected a non-negative integer, got {value!r}")
    return value


def _choice(*choices: str) -> Converter:
    def convert(_p: Parameters, key: str, value: Any) -> str:
        if value not in choices:
            raise ParameterError(key, f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    return convert


def _date(key: str, value: Any) -> date:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ParameterError(key, f"expected a date YYYY-MM-DD, got {value!r}")


def _opt_date(key: str, value: Any) -> date | None:
    return None if value is None else _date(key, value)


def _mapping(key: str, value: Any) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise ParameterError(key, f"expected a mapping, got {value!r}")
    return value


def _code(key: str, value: Any) -> str:
    if value not in AWARD_CODES:
        raise ParameterError(key, f"unknown award code {value!r}")
    return str(value)


def _code_ints(p: Parameters, key: str, value: Any) -> dict[str, int]:
    current = dict(getattr(p, key))
    for code, days in _mapping(key, value).items():
        current[_code(f"{key}.{code}", code)] = _int(p, f"{key}.{code}", days)
    return current


def _form_ints(p: Parameters, key: str, value: Any) -> dict[str, int]:
    current = dict(p.discipline_months_by_form)
    for form, months in _mapping(key, value).items():
        if form not in DISCIPLINE_FORMS:
            raise ParameterError(f"{key}.{form}", f"unknown discipline form {form!r}")
        current[form] = _int(p, f"{key}.{form}", months)
    return current


def _min_rating(p: Parameters, key: str, value: Any) -> dict[str, str]:
    current = dict(p.min_rating)
    for code, rating in _mapping(key, value).items():
        path = f"{key}.{code}"
        if rating not in RATINGS:
            raise ParameterError(path, f"expected one of {', '.join(RATINGS)}, got {rating!r}")
        current[_code(path, code)] = rating
    return current


_VOTE_KEYS = ("threshold", "denominator", "quorum", "inclusive", "method")
_DENOMINATORS: dict[Any, Denominator] = {d: d for d in ("total_members", "present_members")}
_METHODS: dict[Any, VotingMethod] = {m: m for m in ("secret_ballot", "show_of_hands", "")}


def _known_keys(path: str, spec: Mapping[Any, Any], allowed: tuple[str, ...]) -> None:
    for k in spec:
        if k not in allowed:
            raise ParameterError(f"{path}.{k}", f"unknown key (expected: {', '.join(allowed)})")


def _vote_rules(p: Parameters, key: str, value: Any) -> tuple[VoteRule, ...]:
    rules = {rule.code: rule for rule in p.vote_rules}
    for code, spec in _mapping(key, value).items():
        path = f"{key}.{code}"
        if code != GENERAL and code not in VOTED_CODES:
            _code(path, code)
        if spec is None:
            rules.pop(code, None)
            continue
        spec = _mapping(path, spec)
        _known_keys(path, spec, _VOTE_KEYS)
        if "threshold" not in spec:
            raise ParameterError(f"{path}.threshold", "missing")
        denominator = _DENOMINATORS.get(spec.get("denominator", "total_members"))
        if denominator is None:
            raise ParameterError(
                f"{path}.denominator", "expected one of total_members, present_members"
            )
        method = _METHODS.get(spec.get("method", ""))
        if method is None:
            raise ParameterError(f"{path}.method", "expected one of secret_ballot, show_of_hands")
        rules[code] = VoteRule(
            code=code,
            threshold=_fraction(f"{path}.threshold", spec["threshold"]),
            denominator=denominator,
            quorum=_opt_fraction(p, f"{path}.quorum", spec.get("quorum")),
            rule="R-VOTE-1" if code in R_VOTE_1_CODES else "R-VOTE-2",
            cite="jurisdiction parameter",
            inclusive=_bool(p, f"{path}.inclusive", spec.get("inclusive", True)),
            method=method,
        )
    return tuple(rules.values())


_AUTH_KEYS = ("role", "code", "valid_from", "valid_to", "status")
_STATUSES: dict[Any, AuthorityStatus] = {s: s for s in ("allowed", "unsettled", "denied")}


def _authority(p: Parameters, key: str, value: Any) -> tuple[AuthorityRow, ...]:
    if not isinstance(value, list):
        raise ParameterError(key, f"expected a list of rows, got {value!r}")
    rows: list[AuthorityRow] = []
    for i, item in enumerate(value):
        path = f"{key}[{i}]"
        spec = _mapping(path, item)
        _known_keys(path, spec, _AUTH_KEYS)
        role = spec.get("role")
        if role not in ROLES:
            raise ParameterError(f"{path}.role", f"unknown role {role!r}")
        status = _STATUSES.get(spec.get("status", "allowed"))
        if status is None:
            raise ParameterError(f"{path}.status", "expected one of allowed, unsettled, denied")
        rows.append(
            AuthorityRow(
                role=str(role),
                code=_code(f"{path}.code", spec.get("code")),
                valid_from=_opt_date(f"{path}.valid_from", spec.get("valid_from")),
                valid_to=_opt_date(f"{path}.valid_to", spec.get("valid_to")),
                status=status,
                rule="R-AUTH-2025-2",
                cite="jurisdiction parameter (versioned authority table)",
            )
        )
    # Overlay rows take precedence over the national defaults.
    return (*rows, *p.authority)


def _dissolved_from(_p: Parameters, key: str, value: Any) -> date:
    return _date(key, value)


_CONVERTERS: dict[str, Converter] = {
    "cstdcs_quota_of_ldtt": _opt_fraction,
    "vote_rules": _vote_rules,
    "authority": _authority,
    "public_notice_working_days": _code_ints,
    "cstdcs_requires_initiative": _bool,
    "ldtt_min_months_new_recruit": _float,
    "ldtt_review_months_new_recruit": _opt_float,
    "absence_max_working_days": _opt_float,
    "working_days_per_month": _float,
    "training_requires_result_kha": _bool,
    "annual_discipline_mode": _choice("overlap", "end_of_period"),
    "discipline_default_months": _int,
    "discipline_months_by_form": _form_ints,
    "ttldtt_discipline_clause": _opt_bool,
    "ttldxs_discipline_clause": _bool,
    "initiative_window": _choice("review_outside", "inside_only", "anytime"),
    "cstdtq_cycle_gap": _int,
    "cstdtq_timing": _choice("gate", "review", "off"),
    "cstdtq_requires_six_cstdcs": _bool,
    "bkttg_window_after_prereq": _bool,
    "hcld3_window_after_prereq": _bool,
    "min_rating": _min_rating,
    "dissolved_rule_from": _dissolved_from,
}
OVERLAY_KEYS: tuple[str, ...] = tuple(_CONVERTERS)


# --- national defaults -------------------------------------------------------------------

_LAW_2022 = date(2024, 1, 1)
_ART78 = ("R-AUTH-78", "Law 06/2022 Art. 78")
_ART79 = ("R-AUTH-79", "Law 06/2022 Art. 79")
_ART80 = {n: ("R-AUTH-80", f"Law 06/2022 Art. 80({n})") for n in range(1, 6)}
_OLD = "Law 2003/2013; Decree 91/2017 (authority as applied via Circular 12/2019)"

# role -> (rule id and citation) under Law 06/2022 Art. 78-80 (rules.md §4.1); which codes each
# role decides comes from the title registry (`Title.deciders`).
_ROLE_ARTICLES: tuple[tuple[str, tuple[str, str]], ...] = (
    ("chu_tich_nuoc", _ART78),
    ("thu_tuong", _ART78),
    ("bo_truong", _ART79),
    ("chu_tich_ubnd_tinh", _ART79),
    ("giam_doc_so", _ART80[1]),
    ("thu_truong_don_vi_truc_thuoc_bo", _ART80[1]),
    ("chu_tich_ubnd_huyen", _ART80[2]),
    ("chu_tich_ubnd_xa", _ART80[3]),
    ("giam_doc_doanh_nghiep", _ART80[4]),
    ("chu_tich_hdqt", _ART80[4]),
)
_ORDERS = "HC_*"  # the State President decides every order (Art. 78): one row, not seventeen


def _powers(role: str) -> tuple[str, ...]:
    codes = titles.decided_by(role)
    orders = {t.code for t in titles.TITLES if t.code.startswith("HC_")}
    if orders and orders <= set(codes):
        codes = (_ORDERS, *(c for c in codes if c not in orders))
    return codes


_TABLE: tuple[tuple[str, tuple[str, ...], tuple[str, str]], ...] = tuple(
    (role, _powers(role), article) for role, article in _ROLE_ARTICLES
)


def _default_authority() -> tuple[AuthorityRow, ...]:
    rows: list[AuthorityRow] = [
        # R-AUTH-2025-1: no decision by a district chair from 2025-07-01.
        AuthorityRow(
            "chu_tich_ubnd_huyen",
            "*",
            valid_from=date(2025, 7, 1),
            status="denied",
            rule="R-AUTH-2025-1",
            cite="Resolution 203/2025/QH15; Law 72/2025/QH15 (district level abolished)",
        ),
        # R-AUTH-2025-2 [L]: former district powers expected to pass to commune chairs.
        *(
            AuthorityRow(
                "chu_tich_ubnd_xa",
                code,
                valid_from=date(2025, 7, 1),
                status="unsettled",
                rule="R-AUTH-2025-2",
                cite="Decree 152/2025 Art. 1 (not verified)",
            )
            for code in ("THON_VH", "TTLDTT", "CSTDCS")
        ),
        # Art. 80(5): armed forces titles follow MoD/MPS rules, outside this table.
        *(
            AuthorityRow(
                "*",
                code,
                status="unsettled",
                rule="R-AUTH-80",
                cite="Law 06/2022 Art. 80(5)",
            )
            for code in ("CSTT", "DVTT", "DVQT")
        ),
    ]
    for role, codes, (rule, cite) in _TABLE:
        valid_to = DISTRICT_END if role == "chu_tich_ubnd_huyen" else None
        for code in codes:
            rows.append(AuthorityRow(role, code, _LAW_2022, valid_to, "allowed", rule, cite))
            rows.append(
                AuthorityRow(role, code, None, date(2023, 12, 31), "allowed", "R-AUTH-2013", _OLD)
            )
    return tuple(rows)


DEFAULT_AUTHORITY: tuple[AuthorityRow, ...] = _default_authority()


# R-VOTE-1: CSTĐ bộ/tỉnh, CSTĐ toàn quốc, Anh hùng Lao động, Anh hùng LLVTND.
R_VOTE_1_CODES: tuple[str, ...] = ("CSTD_BT", "CSTDTQ", *STATE_HONOUR_CODES)
# Codes a vote rule may name: every award code of the catalogue.
VOTED_CODES: frozenset[str] = frozenset((*AWARD_CODES, *VOTE_ONLY_CODES))


def default_vote_rules(r_vote_1_cite: str, assumed: bool) -> tuple[VoteRule, ...]:
    """R-VOTE-1 (secret ballot, at least 90% of all members) and the R-VOTE-2 default that the
    councils' own regulations set: more than half of the members taking part."""
    return (
        *(
            VoteRule(
                code,
                Fraction(9, 10),
                "total_members",
                rule="R-VOTE-1",
                cite=r_vote_1_cite,
                assumed=assumed,
                method="secret_ballot",
            )
            for code in R_VOTE_1_CODES
        ),
        VoteRule(
            GENERAL,
            Fraction(1, 2),
            "present_members",
            rule="R-VOTE-2",
            cite="council rules of procedure (R-VOTE-2)",
            inclusive=False,
        ),
    )


def national_defaults() -> Parameters:
    """The Law 06/2022 layer; regimes adjust it (see regimes/)."""
    return Parameters(
        vote_rules=default_vote_rules(
            "Decree 91/2017 Art. 45(8) (assumed carried into Decree 98/2023, 152/2025)",
            assumed=True,
        ),
        authority=DEFAULT_AUTHORITY,
    )
