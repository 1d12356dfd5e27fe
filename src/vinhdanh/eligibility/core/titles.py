"""The title registry: every award code the product knows, described once (rules.md §2–3).

One entry per code says who may receive it, what its criteria rest on, who decides it, what
it is called and when it exists. Everything else is derived from here: the engine's code lists
(vocab), the candidate lists of people and collectives, the revocation chains, the default
authority table, the short names in explanations, the subjects of delegated titles; the
catalogue seed (awards/data/catalogue.py) is checked against it by a test. The rules of each
code live in the regimes (`regimes/regime_*.py`), which may only name codes registered here.

Adding a title: one `Title(...)` below, its rule builder in each regime that awards it, its
catalogue row, and tests (docs/law-engine.md "How to add a title or a regime").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

I, C, H, V, X = "individual", "collective", "household", "village", "commune"  # noqa: E741

# Categories as the catalogue has them; "title" is an emulation title (danh hiệu thi đua),
# awarded once per period (R-PRIN-1); the others are forms (hình thức khen thưởng).
TITLE = "title"
CATEGORIES: tuple[str, ...] = (
    TITLE,
    "order",
    "medal",
    "honorary",
    "prize",
    "commemorative",
    "certificate",
)


@dataclass(frozen=True)
class Title:
    code: str
    name: str  # the Vietnamese name, as the catalogue row has it
    category: str
    subjects: tuple[str, ...]
    # The short names explanations use (vi, en); None: the code itself.
    short: tuple[str, str] | None = None
    # The engine evaluates requests for it (with its own rules or the regime's fallback);
    # False: councils vote on it, nothing else (hero titles, medals, prizes …).
    engine: bool = True
    # Subject types whose candidate lists offer it ("who qualifies this year?").
    candidate_for: tuple[str, ...] = ()
    # Earlier awards of the same subject its criteria count: revoking one of them flags this
    # one too (and, transitively, what rests on it).
    rests_on: tuple[str, ...] = ()
    # Merit awards whose per-year history the features keep as bit masks (chains count them).
    chain_history: bool = False
    # Roles that decide it by default (Law 06/2022 Art. 78–80, rules.md §4.1); the office
    # edits the authority table as data from this default.
    deciders: tuple[str, ...] = ()
    # Decision dates between which the law has it (inclusive; None: open).
    valid_from: date | None = None
    valid_until: date | None = None

    @property
    def is_title(self) -> bool:
        return self.category == TITLE

    def in_force(self, on: date) -> bool:
        return (self.valid_from is None or on >= self.valid_from) and (
            self.valid_until is None or on <= self.valid_until
        )


_ORDER_NAMES = (
    ("HC_DOC_LAP", "Độc lập"),
    ("HC_QUAN_CONG", "Quân công"),
    ("HC_LAO_DONG", "Lao động"),
    ("HC_BVTQ", "Bảo vệ Tổ quốc"),
    ("HC_CHIEN_CONG", "Chiến công"),
)
_CLASSES = ((1, "Nhất", "First"), (2, "Nhì", "Second"), (3, "Ba", "Third"))
_PRESIDENT = ("chu_tich_nuoc",)
_MINISTRY_PROVINCE = ("bo_truong", "chu_tich_ubnd_tinh")
_BASE_HEADS = (
    "giam_doc_so",
    "thu_truong_don_vi_truc_thuoc_bo",
    "chu_tich_ubnd_huyen",
    "giam_doc_doanh_nghiep",
)


def _orders() -> list[Title]:
    rows = []
    for code, name in _ORDER_NAMES:
        labour = code == "HC_LAO_DONG"
        for cls, vi, en in _CLASSES:
            labour3 = labour and cls == 3
            rows.append(
                Title(
                    f"{code}_{cls}",
                    f"Huân chương {name} hạng {vi}",
                    "order",
                    (I, C),
                    # Explanations name only the Labour Order (its third class is a chain).
                    short=(f"Huân chương {name} hạng {vi}", f"Labour Order, {en} Class")
                    if labour
                    else None,
                    candidate_for=(I,) if labour3 else (),
                    rests_on=("CSTDCS", "BK_TTG") if labour3 else (),
                    chain_history=labour3,
                    deciders=_PRESIDENT,
                )
            )
    return rows


def _vote_only(code: str, name: str, category: str, subjects: tuple[str, ...]) -> Title:
    return Title(code, name, category, subjects, engine=False)


# Order: emulation titles, then forms, then what only councils vote on. Lists derived from
# this registry keep this order (the pages show candidate titles in it).
TITLES: tuple[Title, ...] = (
    Title(
        "LDTT",
        "Lao động tiên tiến",
        TITLE,
        (I,),
        short=("LĐTT", "LĐTT"),
        candidate_for=(I,),
        deciders=(*_BASE_HEADS, "chu_tich_ubnd_xa"),
    ),
    Title(
        "CSTT",
        "Chiến sĩ tiên tiến",
        TITLE,
        (I,),
        short=("CSTT", "CSTT"),
    ),
    Title(
        "CSTDCS",
        "Chiến sĩ thi đua cơ sở",
        TITLE,
        (I,),
        short=("CSTĐCS", "CSTĐCS"),
        candidate_for=(I,),
        rests_on=("LDTT", "CSTT"),
        chain_history=True,
        deciders=_BASE_HEADS,
    ),
    Title(
        "CSTD_BT",
        "Chiến sĩ thi đua Bộ, ban, ngành, tỉnh",
        TITLE,
        (I,),
        short=("CSTĐ bộ/tỉnh", "ministry/province CSTĐ"),
        candidate_for=(I,),
        rests_on=("CSTDCS",),
        chain_history=True,
        deciders=_MINISTRY_PROVINCE,
    ),
    Title(
        "CSTDTQ",
        "Chiến sĩ thi đua toàn quốc",
        TITLE,
        (I,),
        short=("CSTĐ toàn quốc", "national CSTĐ"),
        candidate_for=(I,),
        rests_on=("CSTD_BT",),
        chain_history=True,
        deciders=("thu_tuong",),
    ),
    Title(
        "TTLDTT",
        "Tập thể lao động tiên tiến",
        TITLE,
        (C,),
        short=("TTLĐTT", "TTLĐTT"),
        candidate_for=(C,),
        deciders=_BASE_HEADS,
    ),
    Title(
        "DVTT",
        "Đơn vị tiên tiến",
        TITLE,
        (C,),
        short=("Đơn vị tiên tiến", "Đơn vị tiên tiến"),
    ),
    Title(
        "TTLDXS",
        "Tập thể lao động xuất sắc",
        TITLE,
        (C,),
        short=("TTLĐXS", "TTLĐXS"),
        candidate_for=(C,),
        deciders=_MINISTRY_PROVINCE,
    ),
    Title(
        "DVQT",
        "Đơn vị quyết thắng",
        TITLE,
        (C,),
        short=("Đơn vị quyết thắng", "Đơn vị quyết thắng"),
    ),
    Title(
        "CTD_BT",
        "Cờ thi đua của Bộ, ban, ngành, tỉnh",
        TITLE,
        (C,),
        short=("Cờ thi đua bộ/tỉnh", "ministry/province Emulation Flag"),
        deciders=_MINISTRY_PROVINCE,
    ),
    Title(
        "CTD_CP",
        "Cờ thi đua của Chính phủ",
        TITLE,
        (C,),
        short=("Cờ thi đua của Chính phủ", "Government Emulation Flag"),
        deciders=("thu_tuong",),
    ),
    Title(
        "XA_TB",
        "Xã, phường, đặc khu tiêu biểu",
        TITLE,
        (X,),
        short=("Xã, phường tiêu biểu", "Model Commune"),
        deciders=("chu_tich_ubnd_tinh",),
    ),
    Title(
        "THON_VH",
        "Thôn, tổ dân phố văn hóa",
        TITLE,
        (V,),
        short=("Thôn, tổ dân phố văn hóa", "Cultural Village"),
        deciders=("chu_tich_ubnd_huyen",),
    ),
    Title(
        "GDVH",
        "Gia đình văn hóa",
        TITLE,
        (H,),
        short=("Gia đình văn hóa", "Cultural Family"),
        deciders=("chu_tich_ubnd_xa",),
    ),
    Title(
        "GIAY_KHEN",
        "Giấy khen",
        "certificate",
        (I, C, H),
        short=("Giấy khen", "Certificate of Commendation"),
        deciders=(*_BASE_HEADS, "chu_tich_ubnd_xa", "chu_tich_hdqt"),
    ),
    Title(
        "BK_BT",
        "Bằng khen của Bộ, ban, ngành, tỉnh",
        "certificate",
        (I, C, H),
        short=("Bằng khen bộ/tỉnh", "ministry/province Certificate of Merit"),
        candidate_for=(I,),
        rests_on=("CSTDCS",),
        chain_history=True,
        deciders=_MINISTRY_PROVINCE,
    ),
    Title(
        "BK_TTG",
        "Bằng khen của Thủ tướng Chính phủ",
        "certificate",
        (I, C, H),
        short=("Bằng khen Thủ tướng", "Prime Minister's Certificate of Merit"),
        candidate_for=(I,),
        rests_on=("CSTDCS", "BK_BT"),
        chain_history=True,
        deciders=("thu_tuong",),
    ),
    Title(
        "KNC",
        "Kỷ niệm chương",
        "commemorative",
        (I,),
        short=("Kỷ niệm chương", "Commemorative Medal"),
        deciders=_MINISTRY_PROVINCE,
    ),
    Title("HC_SAO_VANG", "Huân chương Sao vàng", "order", (I, C), deciders=_PRESIDENT),
    Title("HC_HCM", "Huân chương Hồ Chí Minh", "order", (I, C), deciders=_PRESIDENT),
    *_orders(),
    Title(
        "HC_DAI_DOAN_KET", "Huân chương Đại đoàn kết dân tộc", "order", (I,), deciders=_PRESIDENT
    ),
    Title("HC_DUNG_CAM", "Huân chương Dũng cảm", "order", (I,), deciders=_PRESIDENT),
    Title("HC_HUU_NGHI", "Huân chương Hữu nghị", "order", (I, C), deciders=_PRESIDENT),
    # Hero titles first: R-VOTE-1 applies to them (vocab.STATE_HONOUR_CODES).
    _vote_only("AH_LD", "Anh hùng Lao động", "honorary", (I, C)),
    _vote_only("AH_LLVTND", "Anh hùng Lực lượng vũ trang nhân dân", "honorary", (I, C)),
    _vote_only("HCH_QKQT", "Huy chương Quân kỳ quyết thắng", "medal", (I,)),
    _vote_only("HCH_VANTQ", "Huy chương Vì an ninh Tổ quốc", "medal", (I,)),
    *(
        _vote_only(f"HCH_CSVV_{cls}", f"Huy chương Chiến sĩ vẻ vang hạng {vi}", "medal", (I,))
        for cls, vi, _en in _CLASSES
    ),
    _vote_only("HCH_HUU_NGHI", "Huy chương Hữu nghị", "medal", (I,)),
    _vote_only("HCH_TNXP", "Huy chương Thanh niên xung phong vẻ vang", "medal", (I,)),
    _vote_only("BA_ME_VNAH", "Bà mẹ Việt Nam anh hùng", "honorary", (I,)),
    _vote_only("NGND", "Nhà giáo Nhân dân", "honorary", (I,)),
    _vote_only("NGUT", "Nhà giáo Ưu tú", "honorary", (I,)),
    _vote_only("TTND", "Thầy thuốc Nhân dân", "honorary", (I,)),
    _vote_only("TTUT", "Thầy thuốc Ưu tú", "honorary", (I,)),
    _vote_only("NSND", "Nghệ sĩ Nhân dân", "honorary", (I,)),
    _vote_only("NSUT", "Nghệ sĩ Ưu tú", "honorary", (I,)),
    _vote_only("NNND", "Nghệ nhân Nhân dân", "honorary", (I,)),
    _vote_only("NNUT", "Nghệ nhân Ưu tú", "honorary", (I,)),
    _vote_only("GT_HCM", "Giải thưởng Hồ Chí Minh", "prize", (I, C)),
    _vote_only("GT_NN", "Giải thưởng Nhà nước", "prize", (I, C)),
)

BY_CODE: dict[str, Title] = {t.code: t for t in TITLES}


def get(code: str) -> Title:
    return BY_CODE[code]


def codes(titles: Iterable[Title]) -> tuple[str, ...]:
    return tuple(t.code for t in titles)


def candidate_codes(subject: str) -> tuple[str, ...]:
    """The codes a candidate list of this subject type offers, in registry order."""
    return codes(t for t in TITLES if subject in t.candidate_for)


def dependents() -> dict[str, tuple[str, ...]]:
    """code → the codes resting directly on it (the inverse of `rests_on`)."""
    found: dict[str, list[str]] = {}
    for title in TITLES:
        for earlier in title.rests_on:
            found.setdefault(earlier, []).append(title.code)
    return {code: tuple(later) for code, later in found.items()}


def decided_by(role: str) -> tuple[str, ...]:
    return codes(t for t in TITLES if role in t.deciders)


def problems(subject_types: Iterable[str], roles: Iterable[str]) -> list[str]:
    """What is inconsistent in the registry (an empty list when all is well)."""
    subjects, known_roles = set(subject_types), set(roles)
    out: list[str] = []
    if len(BY_CODE) != len(TITLES):
        out.append("a code is registered twice")
    for t in TITLES:
        if t.category not in CATEGORIES:
            out.append(f"{t.code}: unknown category {t.category!r}")
        if not t.subjects or not set(t.subjects) <= subjects:
            out.append(f"{t.code}: subjects {t.subjects} not in {sorted(subjects)}")
        if not set(t.candidate_for) <= set(t.subjects):
            out.append(f"{t.code}: candidate lists for subjects it cannot receive")
        if t.candidate_for and not t.engine:
            out.append(f"{t.code}: on candidate lists but not evaluated")
        if not set(t.deciders) <= known_roles:
            out.append(f"{t.code}: unknown decider roles {sorted(set(t.deciders) - known_roles)}")
        for earlier in t.rests_on:
            if earlier not in BY_CODE or not BY_CODE[earlier].engine:
                out.append(f"{t.code}: rests on {earlier}, which the engine does not know")
    return out
