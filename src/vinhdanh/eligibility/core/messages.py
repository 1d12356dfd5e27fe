"""Message catalogue: what a clerk reads, in Vietnamese (default) and English.

The pure core cannot use Django's gettext, so templates live here. A template is a
`str.format` string with optional segments: ``[?name:text]`` is kept when field ``name`` is
truthy and ``[!name:text]`` when it is falsy. Field values are localised by type (dates,
percentages, award codes, roles …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from .titles import TITLES

LANGS = ("vi", "en")


class Code(str):
    """An award code, shown by its usual short name."""


class Role(str):
    pass


class Form(str):
    """A discipline form."""


class PendKind(str):
    pass


class SubjectType(str):
    pass


class Level(str):
    """An initiative level."""


class Denominator(str):
    pass


class Fragments(tuple[tuple[str, dict[str, Any]], ...]):
    """Message fragments (key, fields), rendered and joined with "và"/"and"."""


@dataclass(frozen=True)
class Percent:
    numerator: int
    denominator: int


@dataclass(frozen=True)
class Source:
    """Where a parameter value comes from (the explanation must say so)."""

    overlay: bool
    jurisdiction: str | None = None


def span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def mask_years(mask: int | None, period: int) -> list[int]:
    """Years whose bit is set in a history mask (bit i = period - i), oldest first."""
    if not mask:
        return []
    return sorted(period - i for i in range(mask.bit_length()) if mask >> i & 1)


# --- names ---------------------------------------------------------------------------------

# Short names from the title registry; a code without one is shown as it is.
CODE_NAMES: dict[str, tuple[str, str]] = {t.code: t.short for t in TITLES if t.short is not None}
ROLE_NAMES: dict[str, tuple[str, str]] = {
    "chu_tich_nuoc": ("Chủ tịch nước", "the State President"),
    "thu_tuong": ("Thủ tướng Chính phủ", "the Prime Minister"),
    "bo_truong": ("Bộ trưởng, thủ trưởng cơ quan trung ương", "a Minister"),
    "chu_tich_ubnd_tinh": ("Chủ tịch UBND cấp tỉnh", "the provincial People's Committee chair"),
    "giam_doc_so": ("Giám đốc Sở", "a provincial department director"),
    "thu_truong_don_vi_truc_thuoc_bo": (
        "Thủ trưởng đơn vị trực thuộc bộ",
        "the head of a unit under a ministry",
    ),
    "chu_tich_ubnd_huyen": ("Chủ tịch UBND cấp huyện", "the district People's Committee chair"),
    "chu_tich_ubnd_xa": ("Chủ tịch UBND cấp xã", "the commune People's Committee chair"),
    "giam_doc_doanh_nghiep": (
        "Giám đốc doanh nghiệp, hợp tác xã",
        "an enterprise or cooperative director",
    ),
    "chu_tich_hdqt": ("Chủ tịch Hội đồng quản trị/Hội đồng thành viên", "a board chair"),
}
FORM_NAMES: dict[str, tuple[str, str]] = {
    "khien_trach": ("khiển trách", "reprimand"),
    "canh_cao": ("cảnh cáo", "warning"),
    "ha_bac_luong": ("hạ bậc lương", "salary step reduction"),
    "keo_dai_nang_luong": ("kéo dài thời gian nâng lương", "deferred salary raise"),
    "ha_ngach": ("hạ ngạch", "grade reduction"),
    "giang_chuc": ("giáng chức", "demotion"),
    "cach_chuc": ("cách chức", "removal from post"),
    "bai_nhiem": ("bãi nhiệm", "dismissal from elected office"),
    "buoc_thoi_viec": ("buộc thôi việc", "dismissal"),
    "khai_tru": ("khai trừ", "expulsion"),
}
PENDING_NAMES: dict[str, tuple[str, str]] = {
    "discipline_consideration": ("việc xem xét kỷ luật", "a disciplinary consideration"),
    "investigation": ("việc điều tra", "an investigation"),
    "inspection": ("việc thanh tra, kiểm tra", "an inspection"),
    "audit": ("việc kiểm toán", "an audit"),
    "complaint": ("khiếu nại đang xác minh", "a complaint under verification"),
    "denunciation": ("tố cáo đang xác minh", "a denunciation under verification"),
    "press_report": ("thông tin báo chí đang xác minh", "a press report under verification"),
    "": ("việc xem xét", "a review"),
}
SUBJECT_NAMES: dict[str, tuple[str, str]] = {
    "individual": ("cá nhân", "individuals"),
    "collective": ("tập thể", "collectives"),
    "household": ("hộ gia đình", "households"),
    "village": ("thôn, tổ dân phố", "villages"),
    "commune": ("xã, phường", "communes"),
}
LEVEL_NAMES: dict[str, tuple[str, str]] = {
    "co_so": ("cấp cơ sở", "base-level"),
    "bo_tinh": ("phạm vi bộ, ngành, tỉnh", "ministry/province-wide"),
    "toan_quoc": ("phạm vi toàn quốc", "nationwide"),
}
DENOMINATOR_NAMES: dict[str, tuple[str, str]] = {
    "total_members": ("tổng số thành viên", "all members"),
    "present_members": ("số thành viên có mặt", "members present"),
}
_NAMES: dict[type, dict[str, tuple[str, str]]] = {
    Code: CODE_NAMES,
    Role: ROLE_NAMES,
    Form: FORM_NAMES,
    PendKind: PENDING_NAMES,
    SubjectType: SUBJECT_NAMES,
    Level: LEVEL_NAMES,
    Denominator: DENOMINATOR_NAMES,
}

# --- templates -----------------------------------------------------------------------------

T = tuple[str, str]
CATALOGUE: dict[str, T] = {
    # subject, award type
    "subject_type.ok": (
        "{code} xét cho {allowed}; đối tượng là {type}.",
        "{code} is awarded to {allowed}.",
    ),
    "subject_type.fail": (
        "{code} chỉ xét cho {allowed}; đối tượng này là {type}.",
        "{code} is only for {allowed}, not for {type}.",
    ),
    "award_type.title": (
        "{code} là danh hiệu thi đua xét hằng năm theo công trạng (CONG_TRANG), không xét theo "
        "loại hình {award_type}.",
        "{code} is an annual merit title (CONG_TRANG); it is not awarded as {award_type}.",
    ),
    # pending reviews, discipline
    "pending.fail": (
        "Đang có {kind} (từ {opened}) chưa kết thúc vào ngày {on}: chưa khen thưởng, chưa đề "
        "nghị cho đến khi có kết luận.",
        "{kind} opened on {opened} is still open on {on}: no reward or proposal until it "
        "is closed.",
    ),
    "discipline.overlap.ok": (
        "Kỷ luật {form} ({from} – {to}[?assumed:, thời hạn mặc định]) không trùng năm {year} "
        "({source}).",
        "The {form} discipline ({from} – {to}[?assumed:, default length]) does not overlap "
        "{year} ({source}).",
    ),
    "discipline.overlap.fail": (
        "Bị kỷ luật {form} từ {from} đến {to}[?assumed: (thời hạn mặc định)], trùng năm đánh "
        "giá {year}: không xét ({source}).",
        "A {form} discipline from {from} to {to}[?assumed: (default length)] overlaps {year}: "
        "not considered ({source}).",
    ),
    "discipline.end.ok": (
        "Kỷ luật {form} hết thời hạn ngày {to}, trước năm {year} ({source}).",
        "The {form} discipline ended on {to}, before {year} ({source}).",
    ),
    "discipline.end.fail": (
        "Kỷ luật {form} ({from} – {to}[?assumed:, thời hạn mặc định]) chưa hết thời hạn trước "
        "năm {year}: thành tích chỉ tính từ sau khi hết thời hạn kỷ luật ({source}).",
        "The {form} discipline ({from} – {to}[?assumed:, default length]) had not ended before "
        "{year}: achievements count only after it ends ({source}).",
    ),
    "discipline.chain.ok": (
        "Kỷ luật {form} hết thời hạn ngày {to}; các năm xét {years} đều sau thời hạn kỷ luật.",
        "The {form} discipline ended on {to}; the years considered ({years}) all follow it.",
    ),
    "discipline.chain.fail": (
        "Kỷ luật {form} hết thời hạn ngày {to}[?assumed: (thời hạn mặc định)]: thành tích chỉ "
        "được tính từ năm {floor}, nhưng cần các năm {years}.",
        "The {form} discipline ended on {to}[?assumed: (default length)]: achievements count "
        "only from {floor}, but the years {years} are needed.",
    ),
    # one achievement, one reward
    "already_awarded.fail": (
        "Đã được tặng {code} năm {year}; không xét lại cho cùng thành tích.",
        "{code} was already awarded for {year}; the same achievement is not rewarded twice.",
    ),
    "achievement.ok": (
        "Thành tích {achievement} chưa được khen thưởng.",
        "Achievement {achievement} has not been rewarded yet.",
    ),
    "achievement.fail": (
        "Thành tích {achievement} đã được khen {code} (năm {period}); một thành tích chỉ khen "
        "một lần.",
        "Achievement {achievement} was already rewarded with {code} ({period}); one "
        "achievement, one reward.",
    ),
    "reuse.ok": (
        "Lần {code} trước (năm {prior}) không dùng các năm {years}.",
        "The previous {code} ({prior}) did not use the years {years}.",
    ),
    "reuse.fail": (
        "Các năm đến {prior} đã được dùng để tặng {code} năm {prior}; không dùng lại (cần các "
        "năm {years} sau đó).",
        "The years up to {prior} were used for the {code} of {prior} and cannot be reused "
        "(the years {years} must come after it).",
    ),
    "dissolved.fail": (
        "Tập thể đã giải thể ngày {date}: không khen thưởng tập thể đã giải thể.",
        "The collective was dissolved on {date}: dissolved bodies are not commended.",
    ),
    "dissolved.review": (
        "Tập thể đã giải thể ngày {date}; trước {from} chưa có quy định rõ — cần người có "
        "thẩm quyền xem xét.",
        "The collective was dissolved on {date}; before {from} no rule settles this — a person "
        "must decide.",
    ),
    # council
    "council.no_rule": (
        "Chưa cấu hình ngưỡng biểu quyết của Hội đồng cho {code}; cần đối chiếu quy chế hội đồng.",
        "No council vote threshold is configured for {code}; check the council's rules.",
    ),
    "council.quorum.ok": (
        "Phiên họp có {present}/{total} thành viên, đủ túc số {quorum} ({source}).",
        "{present} of {total} members present: quorum of {quorum} met ({source}).",
    ),
    "council.quorum.fail": (
        "Phiên họp chỉ có {present}/{total} thành viên, không đủ túc số {quorum} ({source}).",
        "Only {present} of {total} members present: quorum of {quorum} not met ({source}).",
    ),
    "council.threshold.ok": (
        "Hội đồng: {votes}/{den} phiếu đồng ý ({share}) trên {denominator}, đạt ngưỡng "
        "[?inclusive:từ ][?strict:trên ]{threshold}[?inclusive: trở lên] ({source}[?assumed:; "
        "giả định quy định của Nghị định 91/2017 còn áp dụng]).",
        "Council: {votes}/{den} votes in favour ({share}) of {denominator}, [?inclusive:at "
        "least][?strict:more than] the {threshold} threshold ({source}[?assumed:; assuming "
        "Decree 91/2017 still applies]).",
    ),
    "council.threshold.fail": (
        "Hội đồng: chỉ {votes}/{den} phiếu đồng ý ({share}) trên {denominator}, chưa đạt ngưỡng "
        "[?inclusive:từ ][?strict:trên ]{threshold}[?inclusive: trở lên] ({source}[?assumed:; "
        "giả định quy định của Nghị định 91/2017 còn áp dụng]).",
        "Council: only {votes}/{den} votes in favour ({share}) of {denominator}, "
        "[?inclusive:below the][?strict:not more than the] {threshold} threshold ({source}"
        "[?assumed:; assuming Decree 91/2017 still applies]).",
    ),
    # authority
    "authority.ok": (
        "{role} có thẩm quyền quyết định tặng {code} (ngày {date}).",
        "{role} may award {code} (on {date}).",
    ),
    "authority.fail": (
        "{role} không có thẩm quyền quyết định tặng {code} (ngày {date})[?powers:; chỉ được "
        "tặng {powers}].",
        "{role} has no power to award {code} (on {date})[?powers:; it may award only {powers}].",
    ),
    "authority.district_gone": (
        "Từ 01/07/2025 không còn cấp huyện: {role} không thể ký quyết định ngày {date}.",
        "The district level ceased on 2025-07-01: {role} cannot sign a decision on {date}.",
    ),
    "authority.unsettled": (
        "Thẩm quyền của {role} đối với {code} vào ngày {date} chưa được xác nhận — cần kiểm tra "
        "bảng thẩm quyền.",
        "The power of {role} to award {code} on {date} is not confirmed — check the authority "
        "table.",
    ),
    "notice.ok": (
        "Đã công khai {days} ngày làm việc; yêu cầu {required} ngày ({source}).",
        "Posted for {days} working days; {required} required ({source}).",
    ),
    "notice.fail": (
        "Mới công khai {days} ngày làm việc; yêu cầu {required} ngày ({source}).",
        "Posted for only {days} working days; {required} required ({source}).",
    ),
    # data problems
    "data.rating_before_recruitment": (
        "Dữ liệu mâu thuẫn: có xếp loại năm {first} trước ngày tuyển dụng {recruited} — cần "
        "kiểm tra lại hồ sơ.",
        "Inconsistent data: a rating for {first} precedes the recruitment date {recruited} — "
        "check the records.",
    ),
    "data.award_before_recruitment": (
        "Dữ liệu mâu thuẫn: có khen thưởng cho năm {first} trước ngày tuyển dụng {recruited}.",
        "Inconsistent data: an award for {first} precedes the recruitment date {recruited}.",
    ),
    "data.award_before_period": (
        "Dữ liệu mâu thuẫn: có quyết định khen thưởng ký trước khi kỳ thành tích bắt đầu.",
        "Inconsistent data: an award decision is dated before its achievement period began.",
    ),
    "data.months": (
        "Dữ liệu mâu thuẫn năm {year}: số tháng công tác, nghỉ và đào tạo không khớp (quá 12 "
        "tháng hoặc vượt thời gian công tác).",
        "Inconsistent data for {year}: months of service, leave and training do not add up "
        "(over 12 months or beyond the service).",
    ),
    "data.members": (
        "Dữ liệu mâu thuẫn: số thành viên hoàn thành nhiệm vụ, LĐTT, CSTĐCS hoặc bị kỷ luật vượt "
        "số thành viên được đánh giá ({evaluated}).",
        "Inconsistent data: members completing tasks, LĐTT, CSTĐCS or disciplined exceed the "
        "members evaluated ({evaluated}).",
    ),
    "data.council": (
        "Dữ liệu biểu quyết mâu thuẫn: {total} thành viên, {present} có mặt, {votes} phiếu đồng ý.",
        "Inconsistent vote data: {total} members, {present} present, {votes} in favour.",
    ),
    "data.dates": (
        "Dữ liệu mâu thuẫn: ngày hết thời hạn kỷ luật hoặc ngày kết thúc xem xét trước ngày bắt "
        "đầu.",
        "Inconsistent data: a discipline or review ends before it starts.",
    ),
    # criteria left to jurisdictions or to a person
    "criteria.delegated": (
        "Tiêu chuẩn chi tiết của {code} do bộ, ngành, tỉnh quy định; chưa có tham số — cần người "
        "có thẩm quyền xét.",
        "The detailed criteria for {code} are set by ministries and provinces; none is "
        "configured — a person must decide.",
    ),
    "criteria.min_rating.ok": (
        "Xếp loại năm {year}: {rating}; yêu cầu từ {min} trở lên ({source}).",
        "Rating for {year}: {rating}; at least {min} required ({source}).",
    ),
    "criteria.min_rating.fail": (
        "Xếp loại năm {year}: {rating}; chưa đạt yêu cầu từ {min} trở lên ({source}).",
        "Rating for {year}: {rating}; below the required {min} ({source}).",
    ),
    "xatb.district": (
        "Tiêu chí “dẫn đầu phong trào thi đua cấp huyện” không còn phù hợp từ 01/07/2025 (không "
        "còn cấp huyện) và chưa có tiêu chí thay thế.",
        "The criterion “leads the district-level movement” no longer fits from 2025-07-01 (no "
        "district level) and has no replacement yet.",
    ),
    "criteria.cluster": (
        "{code} xét cho tập thể dẫn đầu cụm, khối thi đua — cần Hội đồng xem xét.",
        "{code} goes to the collective leading its emulation cluster — the council decides.",
    ),
    "criteria.not_evaluated": (
        "Hệ thống chưa đánh giá tiêu chuẩn của {code}; cần người có thẩm quyền xét.",
        "The engine does not evaluate the criteria of {code}; a person must decide.",
    ),
    "criteria.collective_unavailable": (
        "Tiêu chuẩn {code} cho tập thể chưa có trong bộ quy tắc; cần người có thẩm quyền xét.",
        "The criteria of {code} for collectives are not in the rule set; a person must decide.",
    ),
    "criteria.non_merit": (
        "Khen {code} theo loại hình {award_type}: căn cứ là thành tích cụ thể, cần người có thẩm "
        "quyền đánh giá.",
        "{code} as {award_type} rests on a specific achievement that a person must assess.",
    ),
    "criteria.unavailable_2013": (
        "Tiêu chuẩn {code} theo quy định năm 2013 chưa có trong bộ quy tắc; cần người có thẩm "
        "quyền xét.",
        "The 2013-era criteria of {code} are not in the rule set; a person must decide.",
    ),
    # LĐTT
    "ldtt.rating.ok": (
        "Xếp loại năm {year}: {rating}, đạt mức tối thiểu hoàn thành tốt nhiệm vụ (HTTNV).",
        "Rated {rating} for {year}: at least HTTNV (tasks completed well).",
    ),
    "ldtt.rating.fail": (
        "Xếp loại năm {year}: {rating}, dưới mức hoàn thành tốt nhiệm vụ (HTTNV).",
        "Rated {rating} for {year}: below HTTNV (tasks completed well).",
    ),
    "ldtt.rating.missing": ("Chưa có xếp loại năm {year}.", "No rating for {year}."),
    "ldtt.training_long.ok": (
        "Năm {year} đi đào tạo, bồi dưỡng {months} tháng (từ 01 năm trở lên), chấp hành tốt quy "
        "định của cơ sở đào tạo[?kha:, kết quả học tập từ loại khá trở lên ({source})]: được "
        "tính để xét LĐTT thay cho xếp loại tại đơn vị.",
        "Training of {months} months (a year or more) in {year} with good compliance[?kha:, "
        "study result khá or better ({source})]: counts toward the LĐTT evaluation in place of "
        "a unit rating.",
    ),
    "ldtt.training_long.fail": (
        "Năm {year} đi đào tạo, bồi dưỡng {months} tháng nhưng[?poor: không chấp hành tốt quy "
        "định của cơ sở đào tạo][?weak: kết quả học tập dưới loại khá ({source})]: không được "
        "tính để xét LĐTT.",
        "Training of {months} months in {year}, but[?poor: compliance with the training "
        "institution's rules was not good][?weak: the study result is below khá ({source})]: it "
        "does not count toward the LĐTT evaluation.",
    ),
    "ldtt.training_long.unknown": (
        "Năm {year} đi đào tạo, bồi dưỡng {months} tháng: chưa ghi nhận việc chấp hành quy định "
        "của cơ sở đào tạo[?kha: và kết quả học tập ({source})] — cần xác minh.",
        "Training of {months} months in {year}: compliance with the training institution's "
        "rules[?kha: and the study result ({source})] not recorded — verify.",
    ),
    "ldtt.participation.ok": (
        "Có tham gia các phong trào thi đua năm {year}.",
        "Took part in the emulation movements in {year}.",
    ),
    "ldtt.participation.fail": (
        "Không tham gia phong trào thi đua năm {year}.",
        "Did not take part in the emulation movements in {year}.",
    ),
    "ldtt.recruit.ok": (
        "Tuyển dụng ngày {recruited}; thời gian công tác được tính trong năm {year}: {months} "
        "tháng[?credited: (gồm {credited} tháng nghỉ thai sản, điều trị hoặc đào tạo)], đủ tối "
        "thiểu {min} tháng ({source}).",
        "Recruited on {recruited}; countable service in {year}: {months} months[?credited: "
        "(including {credited} months of maternity, treatment or training)], at least {min} "
        "({source}).",
    ),
    "ldtt.recruit.fail": (
        "Mới tuyển dụng ngày {recruited}: thời gian công tác được tính trong năm {year} là "
        "{months} tháng, dưới {min} tháng nên không xét ({source}).",
        "Recruited on {recruited}: countable service in {year} is {months} months, under "
        "{min}, so not considered ({source}).",
    ),
    "ldtt.recruit.gap": (
        "Mới tuyển dụng ngày {recruited}, {months} tháng công tác: trước 15/04/2024 quy định 10 "
        "tháng (Nghị định 91/2017) đã hết hiệu lực và quy định 6 tháng (Thông tư 01/2024) chưa "
        "có hiệu lực — cần người có thẩm quyền xem xét.",
        "Recruited on {recruited} with {months} months of service: before 2024-04-15 the "
        "10-month rule (Decree 91/2017) was repealed and the 6-month rule (Circular 01/2024) "
        "not yet in force — a person must decide.",
    ),
    "ldtt.recruit.unknown": (
        "Năm {year} chỉ có {months} tháng công tác và chưa có ngày tuyển dụng: nếu là người mới "
        "tuyển dụng thì dưới {min} tháng không được xét — cần xác minh.",
        "Only {months} months of service in {year} and no recruitment date: a new recruit with "
        "under {min} months is not considered — verify.",
    ),
    "ldtt.absence.ok": (
        "Nghỉ không được tính là thời gian công tác khoảng {days} ngày làm việc, dưới {max} ngày "
        "({source}).",
        "Non-counting leave of about {days} working days, under {max} ({source}).",
    ),
    "ldtt.absence.fail": (
        "Nghỉ không được tính là thời gian công tác khoảng {days} ngày làm việc, từ {max} ngày "
        "trở lên nên không xét ({source}).",
        "Non-counting leave of about {days} working days, {max} or more, so not considered "
        "({source}).",
    ),
    "ldtt.transfer.ok": (
        "Chuyển công tác: hồ sơ đã có ý kiến nhận xét của đơn vị cũ.",
        "Transfer: the old unit's written comments are in the dossier.",
    ),
    "ldtt.transfer.fail": (
        "Chuyển công tác[?months: ({months} tháng ở đơn vị cũ)]: thiếu ý kiến nhận xét bằng văn "
        "bản của đơn vị cũ.",
        "Transfer[?months: ({months} months at the old unit)]: the old unit's written comments "
        "are missing.",
    ),
    # CSTĐCS
    "cstdcs.merit.htxs": (
        "Đạt chuẩn LĐTT và xếp loại HTXSNV năm {year}; không cần sáng kiến.",
        "Meets the LĐTT standard and is rated HTXSNV for {year}; no initiative needed.",
    ),
    "cstdcs.merit.ini": (
        "Đạt chuẩn LĐTT và có {n} sáng kiến/đề tài được công nhận năm {year}.",
        "Meets the LĐTT standard with {n} recognised initiative(s) in {year}.",
    ),
    "cstdcs.merit.fail": (
        "Năm {year} không xếp loại HTXSNV (xếp loại: {rating}) và không có sáng kiến, đề tài hay "
        "giải pháp được công nhận.",
        "Not rated HTXSNV for {year} (rated {rating}) and no recognised initiative, research "
        "or combat ingenuity.",
    ),
    "cstdcs.initiative.ok": (
        "Có {n} sáng kiến/đề tài được công nhận năm {year} (bắt buộc theo quy định năm 2013).",
        "{n} recognised initiative(s) in {year} (mandatory in the 2013 regime).",
    ),
    "cstdcs.initiative.fail": (
        "Năm {year} không có sáng kiến, đề tài được công nhận; theo quy định năm 2013 đây là điều "
        "kiện bắt buộc, xếp loại HTXSNV không thay thế được.",
        "No recognised initiative or research in {year}; in the 2013 regime it was mandatory "
        "and an HTXSNV rating does not replace it.",
    ),
    "cstdcs.initiative.param.ok": (
        "Có {n} sáng kiến/đề tài được công nhận năm {year} (bắt buộc {source}).",
        "{n} recognised initiative(s) in {year} (required {source}).",
    ),
    "cstdcs.initiative.param.fail": (
        "Năm {year} không có sáng kiến, đề tài được công nhận (bắt buộc {source}).",
        "No recognised initiative or research in {year} (required {source}).",
    ),
    # runs and initiatives
    "run.ok": (
        "Đạt {of} {n} năm liên tục ({years}); cần {need} năm.",
        "{of} for {n} consecutive years ({years}); {need} needed.",
    ),
    "run.fail": (
        "Mới có {n} năm liên tục đạt {of} ({years}); cần {need} năm[?excluded:; không tính {of} "
        "năm {excluded} (đã hủy hoặc khen đột xuất, theo đợt)].",
        "Only {n} consecutive year(s) of {of} ({years}); {need} needed[?excluded:; {of} of "
        "{excluded} does not count (revoked, ad-hoc or thematic)].",
    ),
    "run.none": (
        "Năm {year} chưa có {of}; cần {need} năm liên tục đến năm {year}[?excluded:; không tính "
        "{of} năm {excluded} (đã hủy hoặc khen đột xuất, theo đợt)].",
        "No {of} for {year}; {need} consecutive years up to {year} are needed[?excluded:; {of} "
        "of {excluded} does not count (revoked, ad-hoc or thematic)].",
    ),
    "initiative.ok": (
        "Có {n} sáng kiến/đề tài {level} trong các năm {years}.",
        "{n} {level} initiative(s) in {years}.",
    ),
    "initiative.outside": (
        "Có sáng kiến/đề tài {level} nhưng ngoài các năm {years} ({source}).",
        "A {level} initiative exists but outside {years} ({source}).",
    ),
    "initiative.fail": (
        "Không có sáng kiến/đề tài {level} được áp dụng hiệu quả, có khả năng nhân rộng.",
        "No {level} initiative or research that was applied effectively and is replicable.",
    ),
    "initiative.window_review": (
        "Sáng kiến {level} được công nhận ngoài các năm {years}: chưa rõ có được tính hay không "
        "— cần người có thẩm quyền xem xét ({source}).",
        "The {level} initiative was recognised outside {years}: whether it counts is unsettled "
        "— a person must decide ({source}).",
    ),
    "cstdbt.timing.ok": (
        "Đề nghị trong năm đạt CSTĐCS lần thứ 3 ({year}) hoặc năm liền sau.",
        "Proposed in the year of the 3rd CSTĐCS ({year}) or the year after.",
    ),
    "cstdbt.timing.fail": (
        "Đề nghị ngày {on}, muộn hơn năm liền sau năm {year} theo thông lệ — cần xem xét.",
        "Proposed on {on}, later than the year after {year} usual in practice — to be reviewed.",
    ),
    "cstdtq.two.ok": (
        "Có 2 lần liên tục CSTĐ bộ/tỉnh ({first}, {second}).",
        "Two consecutive ministry/province Emulation Fighter titles ({first}, {second}).",
    ),
    "cstdtq.two.fail": (
        "Cần 2 lần liên tục CSTĐ bộ/tỉnh ({first} và {second}); đã có: [?held:{held}][!held:"
        "chưa có].",
        "Two consecutive ministry/province Emulation Fighter titles ({first} and {second}) "
        "are needed; held: [?held:{held}][!held:none].",
    ),
    "cstdtq.timing.ok": (
        "CSTĐ bộ/tỉnh lần 2 quyết định năm {decided}; đề nghị năm {year} là "
        "năm liền sau ({source}).",
        "The 2nd ministry/province title was decided in {decided}; the "
        "proposal in {year} is the year after ({source}).",
    ),
    "cstdtq.timing.fail": (
        "CSTĐ bộ/tỉnh lần 2 quyết định năm {decided}; đề nghị phải trong "
        "năm {expected}, không phải năm {year} ({source}).",
        "The 2nd ministry/province title was decided in {decided}; the "
        "proposal belongs in {expected}, not {year} ({source}).",
    ),
    "cstdtq.six.ok": (
        "{n} năm liên tục CSTĐCS đến năm {year}; quy định năm 2013 yêu cầu 6 năm.",
        "{n} consecutive CSTĐCS up to {year}; the 2013 rules need 6.",
    ),
    "cstdtq.six.fail": (
        "Mới có {n} năm liên tục CSTĐCS đến năm {year}; quy định năm 2013 yêu cầu 6 năm.",
        "Only {n} consecutive CSTĐCS up to {year}; the 2013 rules need 6.",
    ),
    # Bằng khen bộ/tỉnh
    "bkbt.route_d.cstdcs": (
        "Đạt điểm d: {cs} năm liên tục CSTĐCS ({cs_years}).",
        "Point (d) met: {cs} consecutive CSTĐCS ({cs_years}).",
    ),
    "bkbt.route_d.htxs": (
        "Đạt điểm d: {ex} năm liên tục HTXSNV ({ex_years}) với {ini} sáng kiến cấp cơ sở.",
        "Point (d) met: {ex} consecutive HTXSNV years ({ex_years}) with {ini} "
        "base-level initiatives.",
    ),
    "bkbt.route_d.fail": (
        "Chưa đạt điểm d: CSTĐCS liên tục {cs} năm ({cs_years}), cần 2; HTXSNV liên tục {ex} "
        "năm ({ex_years}) với {ini} sáng kiến cấp cơ sở, cần 2 năm và 2 sáng kiến.",
        "Point (d) not met: {cs} consecutive CSTĐCS ({cs_years}), 2 needed; {ex} consecutive "
        "HTXSNV years ({ex_years}) with {ini} base-level initiative(s), 2 years and 2 "
        "initiatives needed.",
    ),
    # prerequisite + window forms
    "prereq.ok": (
        "Đã có {prereq} theo công trạng (năm {period}).",
        "Holds a merit-based {prereq} ({period}).",
    ),
    "prereq.fail": (
        "Chưa có {prereq} theo công trạng (không tính khen đột xuất, theo đợt hoặc đã hủy).",
        "No merit-based {prereq} (ad-hoc, thematic or revoked awards do not count).",
    ),
    "prereq.non_merit": (
        "{prereq} hiện có là khen đột xuất hoặc theo đợt, không dùng làm điều "
        "kiện xét khen theo công trạng.",
        "The {prereq} held is ad-hoc or thematic and cannot serve as the "
        "prerequisite of a merit award.",
    ),
    "window.ok": (
        "{n} năm liên tục từ HTTNV trở lên đến năm đề nghị ({years}); cần {min} năm.",
        "{n} consecutive years rated HTTNV or better up to the proposal ({years}); {min} needed.",
    ),
    "window.fail": (
        "Mới có {n} năm liên tục từ HTTNV trở lên đến năm đề nghị ({years}); cần {min} năm.",
        "Only {n} consecutive years rated HTTNV or better up to the proposal "
        "({years}); {min} needed.",
    ),
    "window.cstdcs.ok": (
        "Trong các năm {years} có {cs} lần CSTĐCS; cần {cs_min}.",
        "{cs} CSTĐCS within {years}; {cs_min} needed.",
    ),
    "window.cstdcs.fail": (
        "Trong các năm {years} chỉ có {cs} lần CSTĐCS; cần {cs_min}.",
        "Only {cs} CSTĐCS within {years}; {cs_min} needed.",
    ),
    "window.htxs.ok": (
        "Trong các năm {years} có {ex} năm HTXSNV; cần ít nhất 1.",
        "{ex} HTXSNV year(s) within {years}; at least 1 needed.",
    ),
    "window.htxs.fail": (
        "Trong các năm {years} không có năm nào HTXSNV; cần ít nhất 1.",
        "No HTXSNV year within {years}; at least 1 needed.",
    ),
    "window.order.ok": (
        "Các năm {years} đều sau khi được {prereq} ({source}: thời gian 5 năm tính sau {prereq}).",
        "The years {years} all follow the {prereq} ({source}: the 5 years count after the "
        "{prereq}).",
    ),
    "window.order.fail": (
        "Tính từ sau {prereq} (từ năm {avail}) chỉ có {n} năm liên tục ({years}) với {cs} lần "
        "CSTĐCS — không đủ ({source}: thời gian 5 năm phải sau {prereq}; vấn đề chưa thống nhất).",
        "Counting after the {prereq} (from {avail}) there are only {n} consecutive years "
        "({years}) with {cs} CSTĐCS — not enough ({source}: the 5 years must follow the "
        "{prereq}; an unsettled point).",
    ),
    "window.old.ok": (
        "Sau {prereq}: {n} năm liên tục HTXSNV ({years}); quy định năm 2013 cần {min} năm.",
        "After the {prereq}: {n} consecutive HTXSNV years ({years}); the 2013 rules need {min}.",
    ),
    "window.old.fail": (
        "Sau {prereq} mới có {n} năm liên tục HTXSNV ({years}); quy định năm 2013 cần {min} năm.",
        "After the {prereq} only {n} consecutive HTXSNV years ({years}); the "
        "2013 rules need {min}.",
    ),
    "window.ini.ok": (
        "Trong các năm đó có {ini} sáng kiến {level}; cần {ini_min}.",
        "{ini} {level} initiatives in those years; {ini_min} needed.",
    ),
    "window.ini.fail": (
        "Trong các năm đó chỉ có {ini} sáng kiến {level}; cần {ini_min}.",
        "Only {ini} {level} initiatives in those years; {ini_min} needed.",
    ),
    # collectives
    "coll.rating.ok": (
        "Tập thể xếp loại năm {year}: {rating}; yêu cầu từ {min} trở lên.",
        "The collective is rated {rating} for {year}; at least {min} required.",
    ),
    "coll.rating.fail": (
        "Tập thể xếp loại năm {year}: {rating}; chưa đạt {min}.",
        "The collective is rated {rating} for {year}; {min} required.",
    ),
    "coll.rating.missing": (
        "Tập thể chưa có xếp loại năm {year}.",
        "The collective has no rating for {year}.",
    ),
    "coll.participation.ok": (
        "Tập thể có phong trào thi đua thường xuyên năm {year}.",
        "The collective ran regular emulation in {year}.",
    ),
    "coll.participation.fail": (
        "Tập thể không có phong trào thi đua năm {year}.",
        "The collective ran no emulation movement in {year}.",
    ),
    "coll.members_missing": (
        "Chưa có số liệu thành viên năm {year}.",
        "No member figures for {year}.",
    ),
    "coll.share.ok": (
        "{ldtt}/{evaluated} thành viên đạt LĐTT ({share}); yêu cầu [?strict:trên "
        "{pct}%][!strict:từ {pct}% trở lên].",
        "{ldtt}/{evaluated} members have LĐTT ({share}); [?strict:more than "
        "{pct}%][!strict:at least {pct}%] required.",
    ),
    "coll.share.fail": (
        "Chỉ {ldtt}/{evaluated} thành viên đạt LĐTT ({share}); yêu cầu "
        "[?strict:trên {pct}%][!strict:từ {pct}% trở lên].",
        "Only {ldtt}/{evaluated} members have LĐTT ({share}); [?strict:more "
        "than {pct}%][!strict:at least {pct}%] required.",
    ),
    "coll.completed.ok": (
        "{completed}/{evaluated} thành viên hoàn thành nhiệm vụ; yêu cầu 100%.",
        "{completed}/{evaluated} members completed their tasks; 100% required.",
    ),
    "coll.completed.fail": (
        "Chỉ {completed}/{evaluated} thành viên hoàn thành nhiệm vụ; yêu cầu 100%.",
        "Only {completed}/{evaluated} members completed their tasks; 100% required.",
    ),
    "coll.cstdcs.ok": (
        "{cstdcs} thành viên đạt CSTĐCS; yêu cầu ít nhất 1.",
        "{cstdcs} member(s) with CSTĐCS; at least 1 required.",
    ),
    "coll.cstdcs.fail": (
        "Không có thành viên nào đạt CSTĐCS; yêu cầu ít nhất 1.",
        "No member has CSTĐCS; at least 1 required.",
    ),
    "coll.clause.ok": (
        "Không có thành viên bị kỷ luật từ cảnh cáo trở lên[?by_param: ({source})].",
        "No member disciplined at warning level or above[?by_param: ({source})].",
    ),
    "coll.clause.fail": (
        "Có {n} thành viên bị kỷ luật từ cảnh cáo trở lên[?by_param: ({source})].",
        "{n} member(s) disciplined at warning level or above[?by_param: ({source})].",
    ),
    "coll.clause.unsettled": (
        "Có {n} thành viên bị kỷ luật từ cảnh cáo trở lên; Luật 2022 chưa rõ còn điều kiện này — "
        "cần người có thẩm quyền xem xét.",
        "{n} member(s) disciplined at warning level or above; whether the 2022 law keeps this "
        "condition is unsettled — a person must decide.",
    ),
    # near-miss fragments
    "need.rating": (
        "xếp loại từ HTTNV trở lên năm {year}",
        "a rating of HTTNV or better for {year}",
    ),
    "need.old_unit_comments": ("ý kiến nhận xét của đơn vị cũ", "the old unit's comments"),
    "need.cstdcs_merit": (
        "xếp loại HTXSNV hoặc một sáng kiến được công nhận năm {year}",
        "an HTXSNV rating or a recognised initiative in {year}",
    ),
    "need.initiative_base": (
        "một sáng kiến/đề tài được công nhận năm {year}",
        "a recognised initiative in {year}",
    ),
    "need.run": ("thêm {n} năm {of} ({years})", "{n} more year(s) of {of} ({years})"),
    "need.initiative_bt": ("một sáng kiến phạm vi bộ/tỉnh", "a ministry/province-wide initiative"),
    "need.initiative_tq": ("một sáng kiến phạm vi toàn quốc", "a nationwide initiative"),
    "need.cstd_bt": ("CSTĐ bộ/tỉnh năm {years}", "the ministry/province title for {years}"),
    "need.initiative_base_n": ("thêm {n} sáng kiến cấp cơ sở", "{n} more base-level initiative(s)"),
    "need.prereq": ("{prereq} theo công trạng", "a merit-based {prereq}"),
    "need.good_years": (
        "thêm {n} năm từ HTTNV trở lên ({years})",
        "{n} more year(s) rated HTTNV or better ({years})",
    ),
    "need.cstdcs_count": ("thêm {n} lần CSTĐCS", "{n} more CSTĐCS"),
    "need.htxs": ("một năm HTXSNV", "one HTXSNV year"),
    "need.coll_rating": (
        "xếp loại tập thể cao hơn năm {year}",
        "a better collective rating for {year}",
    ),
    "need.coll_rating_missing": (
        "chưa có xếp loại tập thể năm {year}",
        "no collective rating for {year} yet",
    ),
    "need.members_ldtt": ("thêm {n} thành viên đạt LĐTT", "{n} more member(s) with LĐTT"),
    "need.members_cstdcs": ("ít nhất 1 thành viên đạt CSTĐCS", "at least one member with CSTĐCS"),
    "need.min_rating": (
        "xếp loại từ {min} trở lên năm {year}",
        "a rating of {min} or better for {year}",
    ),
    "suggest": ("{needs} → {code}", "{needs} → {code}"),
    "and": (" và ", " and "),
    "param.overlay": ("theo tham số của {jurisdiction}", "per the {jurisdiction} parameter"),
    "param.default": ("theo tham số mặc định", "per the default parameter"),
    "jurisdiction": ("địa phương", "jurisdiction"),
}

_OPTIONAL = re.compile(r"\[([?!])(\w+):((?:[^\[\]]|\{[^}]*\})*)\]")

# Citations are written in the rules in English ("Law 06/2022 Art. 74(1)(d)"), the short form
# of rules.md; a Vietnamese reader gets the form of Vietnamese legal writing ("Luật TĐKT
# 06/2022, Điều 74 khoản 1 điểm d").
_CITE_PHRASES_VI: tuple[tuple[str, str], ...] = (
    ("council rules of procedure", "quy chế hoạt động của Hội đồng Thi đua - Khen thưởng"),
    ("assumed carried into", "giả định tiếp tục áp dụng theo"),
    ("not confirmed for", "chưa xác nhận cho"),
    ("clause not confirmed", "khoản chưa được xác nhận"),
    ("clause restored by a jurisdiction", "khoản được địa phương áp dụng lại"),
    ("principles clause", "điều khoản nguyên tắc"),
    ("not verified", "chưa xác minh"),
    ("10 months, repealed 2024-01-01", "10 tháng, bãi bỏ từ ngày 01/01/2024"),
    ("6 months, from 2024-04-15", "6 tháng, từ ngày 15/04/2024"),
    ("khiển trách or more", "từ khiển trách trở lên"),
    ("criteria not in the engine", "tiêu chuẩn chưa có trong bộ quy tắc"),
    ("criteria not in", "tiêu chuẩn không có trong"),
    ("one achievement, one reward", "một thành tích chỉ khen một lần"),
    ("no several forms for one achievement", "không khen nhiều hình thức cho một thành tích"),
    ("before Circular 01/2024 took effect", "trước khi Thông tư 01/2024 có hiệu lực"),
    ("as amended 2013", "sửa đổi 2013"),
    (
        "no member disciplined at cảnh cáo or more",
        "không có thành viên bị kỷ luật từ cảnh cáo trở lên",
    ),
    ("authority as applied via", "thẩm quyền áp dụng theo"),
    ("initiative recognised by the ministry/province", "sáng kiến được bộ, tỉnh công nhận"),
    ("district level abolished", "không còn cấp huyện"),
    ("council rules of procedure", "quy chế làm việc của Hội đồng"),
    ("versioned authority table", "bảng thẩm quyền theo thời kỳ"),
    ("jurisdiction parameter", "tham số của địa phương"),
    ("internal rules", "quy chế nội bộ"),
    ("unsettled", "chưa thống nhất"),
    ("practice", "thông lệ"),
    ("parameter", "tham số"),
)
_CITE_DOCS_VI: tuple[tuple[str, str], ...] = (
    ("Law 2003/2013", "Luật TĐKT 2003 (sửa đổi 2013)"),
    ("Law 2003", "Luật TĐKT 2003"),
    ("Law 06/2022", "Luật TĐKT 06/2022"),
    ("Law 72/2025/QH15", "Luật 72/2025/QH15"),
    ("Resolution ", "Nghị quyết "),
    ("Decree ", "Nghị định "),
    ("Circular ", "Thông tư "),
)
# "Art. 74(1)(d)", "Art. 73(1)(a),(c)", "Art. 22(1)(b), 22(2)", "Art. 74(1)(a)-(c)", "Art. 33–71"
_ARTICLES = re.compile(
    r" Art\. (\d+(?:[–-]\d+)?(?:\(\w+\))*(?:-\(\w\))?"
    r"(?:,\s?(?:\d+(?:\(\w+\))+|\(\w\)(?:-\(\w\))?))*)"
)
_PART = re.compile(r"(\d+(?:[–-]\d+)?)?((?:\(\d+\))?)(.*)")


def _points(text: str) -> str:
    """'(a)' → 'a'; '(a)-(c)' → 'a–c'."""
    return re.sub(r"\((\w)\)", r"\1", text).replace("-", "–")


def _articles_vi(refs: str) -> str:
    parts = re.split(r",\s?", refs)
    out: list[str] = []
    article = ""
    for part in parts:
        match = _PART.fullmatch(part)
        if match is None:  # pragma: no cover - the pattern accepts every part
            out.append(part)
            continue
        art, clause, points = match.groups()
        clause = clause.strip("()")
        if not art and not clause:
            out[-1] += ", " + _points(points)  # "(a),(c)": more points of the same clause
            continue
        words = []
        if art and art != article:
            words.append(f"Điều {art.replace('-', '–')}")
            article = art
        if clause:
            words.append(f"khoản {clause}")
        if points:
            words.append(f"điểm {_points(points)}")
        out.append(" ".join(words))
    return ", " + ", ".join(out)


# The rules also point at the digest they follow (rules.md, a developers' document): a
# Vietnamese reader is shown the law and what the digest says of it, not where.
_DIGEST_VI: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"rules\.md Appendix B \(data model\)"), "dữ liệu cần có của hồ sơ"),
    (re.compile(r"criteria not in rules\.md §[\d.]+"), "criteria not in the engine"),
    (re.compile(r"\s*\(rules\.md §[\d.]+\)"), ""),
    (re.compile(r",\s*rules\.md §[\d.]+"), ""),
    (re.compile(r";\s*rules\.md §[\d.]+ \("), " ("),
    (re.compile(r";?\s*rules\.md §[\d.]+"), ""),
)


# The same in English: the law stays as written, the digest's section numbers go.
_DIGEST_EN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"rules\.md Appendix B \(data model\)"), "the data a record needs"),
    (re.compile(r"criteria not in rules\.md §[\d.]+"), "criteria not in the engine"),
    *_DIGEST_VI[2:],
)


def cite_text(cite: str, lang: str) -> str:
    """A citation in the reader's language: the law as the rules write it in English, in
    Vietnamese legal writing otherwise; neither names the developers' digest."""
    if lang != "vi":
        for pattern, replacement in _DIGEST_EN:
            cite = pattern.sub(replacement, cite)
        return cite
    for pattern, replacement in _DIGEST_VI:
        cite = pattern.sub(replacement, cite)
    for en, vi in _CITE_PHRASES_VI:
        cite = cite.replace(en, vi)
    cite = _ARTICLES.sub(lambda m: _articles_vi(m.group(1)), cite)
    for en, vi in _CITE_DOCS_VI:
        cite = cite.replace(en, vi)
    return cite


def _number(value: float, lang: str) -> str:
    text = str(int(value)) if float(value).is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang == "vi" else text


def localise(value: Any, lang: str) -> str:
    i = LANGS.index(lang)
    if value is None:
        return "—"
    for kind, names in _NAMES.items():
        if isinstance(value, kind):
            return names.get(str(value), (str(value), str(value)))[i]
    if isinstance(value, Source):
        if not value.overlay:
            return CATALOGUE["param.default"][i]
        where = value.jurisdiction or CATALOGUE["jurisdiction"][i]
        return CATALOGUE["param.overlay"][i].format(jurisdiction=where)
    if isinstance(value, Percent):
        pct = 100 * value.numerator / value.denominator if value.denominator else 0.0
        return _number(round(pct, 1), lang) + "%"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if lang == "vi" else value.isoformat()
    if isinstance(value, float):
        return _number(round(value, 1), lang)
    if isinstance(value, Fragments):
        return CATALOGUE["and"][i].join(render(k, f, lang, sentence=False) for k, f in value)
    if isinstance(value, tuple | list):
        return ", ".join(localise(v, lang) for v in value)
    return str(value)


def render(key: str, fields: dict[str, Any], lang: str, sentence: bool = True) -> str:
    """Fill a catalogue template; a sentence starts with a capital letter. Unknown keys
    raise KeyError (a bug, caught by tests)."""
    template = CATALOGUE[key][LANGS.index(lang)]

    def optional(match: re.Match[str]) -> str:
        truthy = bool(fields.get(match.group(2)))
        keep = truthy if match.group(1) == "?" else not truthy
        return match.group(3) if keep else ""

    template = _OPTIONAL.sub(optional, template)
    text = template.format(**{k: localise(v, lang) for k, v in fields.items()})
    return text[:1].upper() + text[1:] if sentence else text
