"""The fixed vocabulary of the engine: outcomes, ratings, codes, roles and enumerations.

Names follow docs/architecture.md §2 and rules.md; the Django side maps its choices onto these
strings.
"""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    ELIGIBLE = "ELIGIBLE"
    NOT_ELIGIBLE = "NOT_ELIGIBLE"
    DEFERRED = "DEFERRED"
    INVALID_AUTHORITY = "INVALID_AUTHORITY"
    NEEDS_REVIEW = "NEEDS_REVIEW"


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

ROLES: tuple[str, ...] = (
    "chu_tich_nuoc",
    "thu_tuong",
    "bo_truong",
    "chu_tich_ubnd_tinh",
    "giam_doc_so",
    "thu_truong_don_vi_truc_thuoc_bo",
    "chu_tich_ubnd_huyen",
    "chu_tich_ubnd_xa",
    "giam_doc_doanh_nghiep",
    "chu_tich_hdqt",
)

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

# Emulation titles are awarded once per period; forms may be awarded many times (R-PRIN-1).
TITLE_CODES: tuple[str, ...] = (
    "LDTT",
    "CSTT",
    "CSTDCS",
    "CSTD_BT",
    "CSTDTQ",
    "TTLDTT",
    "DVTT",
    "TTLDXS",
    "DVQT",
    "CTD_BT",
    "CTD_CP",
    "XA_TB",
    "THON_VH",
    "GDVH",
)
_ORDERS = ("HC_DOC_LAP", "HC_QUAN_CONG", "HC_LAO_DONG", "HC_BVTQ", "HC_CHIEN_CONG")
FORM_CODES: tuple[str, ...] = (
    "GIAY_KHEN",
    "BK_BT",
    "BK_TTG",
    "KNC",
    "HC_SAO_VANG",
    "HC_HCM",
    *(f"{order}_{cls}" for order in _ORDERS for cls in (1, 2, 3)),
    "HC_DAI_DOAN_KET",
    "HC_DUNG_CAM",
    "HC_HUU_NGHI",
)
AWARD_CODES: tuple[str, ...] = TITLE_CODES + FORM_CODES

# The candidate-list titles of benchmark P1 (docs/architecture.md §6).
CANDIDATE_CODES: tuple[str, ...] = (
    "LDTT",
    "CSTDCS",
    "CSTD_BT",
    "CSTDTQ",
    "BK_BT",
    "BK_TTG",
    "HC_LAO_DONG_3",
    "TTLDTT",
    "TTLDXS",
)

# History codes whose per-year bit masks the features keep (merit awards only).
CHAIN_CODES: tuple[str, ...] = (
    "CSTDCS",
    "CSTD_BT",
    "CSTDTQ",
    "BK_BT",
    "BK_TTG",
    "HC_LAO_DONG_3",
)
