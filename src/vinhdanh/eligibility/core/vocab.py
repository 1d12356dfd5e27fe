"""The fixed vocabulary of the engine: outcomes, ratings, codes, roles and enumerations.

Names follow docs/architecture.md §2 and rules.md; the Django side derives its choices from
these lists (nominations.enums.Outcome, awards.enums.DeciderRole) and translates the labels
below, which are English msgids (the core itself imports no Django).
"""

from __future__ import annotations

from enum import StrEnum

from . import titles


def gettext_noop(message: str) -> str:
    """Marks a msgid for `make messages`; the app translates it on display."""
    return message


class Outcome(StrEnum):
    ELIGIBLE = "ELIGIBLE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    DEFERRED = "DEFERRED"
    INVALID_AUTHORITY = "INVALID_AUTHORITY"
    NEEDS_REVIEW = "NEEDS_REVIEW"


# The one wording of each outcome on pages, lists, exports and the API schema.
OUTCOME_LABELS: dict[Outcome, str] = {
    Outcome.ELIGIBLE: gettext_noop("Eligible"),
    Outcome.NOT_ELIGIBLE: gettext_noop("Not eligible"),
    Outcome.DEFERRED: gettext_noop("Deferred while a review is pending"),
    Outcome.INVALID_AUTHORITY: gettext_noop("Outside the decider's authority"),
    Outcome.NEEDS_REVIEW: gettext_noop("Needs a person's review"),
}


class Effect(StrEnum):
    """What a failed check does to the outcome (see outcome.PRECEDENCE)."""

    GATE = "gate"  # a criterion of the law is not met -> NOT_ELIGIBLE
    AUTHORITY = "authority"  # the decider lacks the power -> INVALID_AUTHORITY
    DATA = "data"  # the facts contradict each other -> NEEDS_REVIEW
    DEFER = "defer"  # barred while a review is pending -> DEFERRED
    REVIEW = "review"  # the law is unsettled for these facts -> NEEDS_REVIEW


# Ordered scale, higher is better (rules.md §1 "Task rating").
RATING_RANK: dict[str, int] = {"HTXSNV": 4, "HTTNV": 3, "HTNV": 2, "KHTNV": 1}
RATINGS: tuple[str, ...] = tuple(RATING_RANK)

SUBJECT_TYPES: tuple[str, ...] = ("individual", "collective", "household", "village", "commune")

AWARD_TYPES: tuple[str, ...] = (
    "CONG_TRANG",
    "DOT_XUAT",
    "PHONG_TRAO",
    "CONG_HIEN",
    "NIEN_HAN",
    "DOI_NGOAI",
)
# R-TYPE-1: ad-hoc and thematic results never feed merit-based chains.
NON_CHAIN_AWARD_TYPES: tuple[str, ...] = ("DOT_XUAT", "PHONG_TRAO")

# Authority role codes (docs/architecture.md §2) with the label of each on forms and pages.
ROLE_LABELS: dict[str, str] = {
    "chu_tich_nuoc": gettext_noop("President"),
    "thu_tuong": gettext_noop("Prime Minister"),
    "bo_truong": gettext_noop("Minister"),
    "chu_tich_ubnd_tinh": gettext_noop("Chair of the provincial People's Committee"),
    "giam_doc_so": gettext_noop("Director of a provincial department"),
    "thu_truong_don_vi_truc_thuoc_bo": gettext_noop("Head of a unit under a ministry"),
    "chu_tich_ubnd_huyen": gettext_noop("Chair of the district People's Committee"),
    "chu_tich_ubnd_xa": gettext_noop("Chair of the commune People's Committee"),
    "giam_doc_doanh_nghiep": gettext_noop("Director of an enterprise"),
    "chu_tich_hdqt": gettext_noop("Chair of the board"),
}
ROLES: tuple[str, ...] = tuple(ROLE_LABELS)

INITIATIVE_KINDS: tuple[str, ...] = ("initiative", "research", "combat")
INITIATIVE_LEVELS: tuple[str, ...] = ("co_so", "bo_tinh", "toan_quoc")
LEAVE_TYPES: tuple[str, ...] = ("maternity", "injury_rescue", "sick", "other")
TRAINING_COMPLIANCE: tuple[str, ...] = ("good", "poor")
TRAINING_RESULTS: tuple[str, ...] = (
    "xuat_sac",
    "gioi",
    "kha",
    "trung_binh",
    "yeu",
    "dat",
    "khong_dat",
)
TRAINING_RESULTS_OK: tuple[str, ...] = ("xuat_sac", "gioi", "kha", "dat")
DISCIPLINE_FORMS: tuple[str, ...] = (
    "khien_trach",
    "canh_cao",
    "ha_bac_luong",
    "keo_dai_nang_luong",
    "ha_ngach",
    "giang_chuc",
    "cach_chuc",
    "bai_nhiem",
    "buoc_thoi_viec",
    "khai_tru",
)
# The forms from a warning up, ordered by severity above (the TTLDXS member condition).
DISCIPLINE_WARNING_OR_MORE: tuple[str, ...] = DISCIPLINE_FORMS[DISCIPLINE_FORMS.index("canh_cao") :]
PENDING_KINDS: tuple[str, ...] = (
    "discipline_consideration",
    "investigation",
    "inspection",
    "audit",
    "complaint",
    "denunciation",
    "press_report",
)
DOSSIER_COMMENT_STATES: tuple[str, ...] = ("present", "missing", "not_needed")

# Award codes, derived from the title registry (titles.py): see there to add one.
# Emulation titles are awarded once per period; forms may be awarded many times (R-PRIN-1).
_ENGINE = [t for t in titles.TITLES if t.engine]
TITLE_CODES: tuple[str, ...] = titles.codes(t for t in _ENGINE if t.is_title)
FORM_CODES: tuple[str, ...] = titles.codes(t for t in _ENGINE if not t.is_title)
AWARD_CODES: tuple[str, ...] = TITLE_CODES + FORM_CODES
# Hero titles: R-VOTE-1 applies to them; councils vote on them, the engine does not evaluate
# them.
STATE_HONOUR_CODES: tuple[str, ...] = ("AH_LD", "AH_LLVTND")
# The other catalogue entries councils vote on without an engine rule (medals, state
# honorary titles, prizes): a vote rule may name them.
VOTE_ONLY_CODES: tuple[str, ...] = titles.codes(t for t in titles.TITLES if not t.engine)

# Candidate lists ("who qualifies this year?") per subject type; benchmark P1 evaluates all of
# them (docs/architecture.md §6).
PERSON_CANDIDATE_CODES: tuple[str, ...] = titles.candidate_codes("individual")
COLLECTIVE_CANDIDATE_CODES: tuple[str, ...] = titles.candidate_codes("collective")
CANDIDATE_CODES: tuple[str, ...] = tuple(
    dict.fromkeys((*PERSON_CANDIDATE_CODES, *COLLECTIVE_CANDIDATE_CODES))
)

# History codes whose per-year bit masks the features keep (merit awards only).
CHAIN_CODES: tuple[str, ...] = titles.codes(t for t in _ENGINE if t.chain_history)

_PROBLEMS = titles.problems(SUBJECT_TYPES, ROLES)
if _PROBLEMS:  # a broken registry must not load quietly
    raise ValueError("title registry: " + "; ".join(_PROBLEMS))
