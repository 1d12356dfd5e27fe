"""People of the demo province: careers, yearly ratings, initiatives, discipline and leave.

One `random.Random` stream drives everything in a fixed order, so a seed always gives the same
data. People are simulated in chunks with bounded memory: first each person's facts (all years
at once), then the titles of the chunk, which the eligibility engine decides (merit.py): the
demo chooses only among what the law allows, so it can never disagree with it.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Generic, TypeVar

from vinhdanh.common.numbers import decision_number
from vinhdanh.common.text import person_sort_key, search_key
from vinhdanh.demo import places
from vinhdanh.demo.decisions import PM, Bodies, Body, DecisionBook, DecisionRow
from vinhdanh.demo.merit import Awarding
from vinhdanh.demo.names import NamePicker
from vinhdanh.demo.tree import (
    COMMUNE,
    DEPARTMENT,
    DISTRICT_OFFICE,
    DIVISION,
    HOSPITAL,
    OLD_COMMUNE,
    SCHOOL,
    DemoUnit,
    Tree,
)

HTXSNV, HTTNV, HTNV, KHTNV = "HTXSNV", "HTTNV", "HTNV", "KHTNV"
T = TypeVar("T")

# Where people work: (category, share, share of women).
CATEGORIES: tuple[tuple[str, float, float], ...] = (
    (DEPARTMENT, 0.18, 0.45),
    (SCHOOL, 0.30, 0.70),
    (HOSPITAL, 0.20, 0.65),
    (OLD_COMMUNE, 0.28, 0.38),
    (DISTRICT_OFFICE, 0.04, 0.45),
)

# Performance tiers: (share, P(HTXSNV), P(HTTNV), P(HTNV)), the rest KHTNV;
# then P(initiative in a year), P(CSTĐCS when eligible).
TIERS: tuple[tuple[float, float, float, float, float, float], ...] = (
    (0.12, 0.75, 0.24, 0.01, 0.60, 0.90),  # outstanding
    (0.58, 0.28, 0.70, 0.02, 0.08, 0.30),  # good
    (0.25, 0.08, 0.82, 0.09, 0.02, 0.12),  # average
    (0.05, 0.02, 0.55, 0.35, 0.00, 0.05),  # weak
)

STAFF_TITLES: dict[str, tuple[tuple[str, float], ...]] = {
    DEPARTMENT: (
        ("Chuyên viên", 45),
        ("Chuyên viên chính", 25),
        ("Kế toán viên", 6),
        ("Văn thư", 4),
        ("Nhân viên", 10),
        ("Thanh tra viên", 4),
    ),
    DIVISION: (
        ("Chuyên viên", 50),
        ("Chuyên viên chính", 22),
        ("Cán sự", 8),
        ("Nhân viên", 8),
        ("Chuyên viên cao cấp", 2),
        ("Kiểm soát viên", 4),
    ),
    SCHOOL: (
        ("Giáo viên", 80),
        ("Tổ trưởng chuyên môn", 6),
        ("Nhân viên", 8),
        ("Kế toán", 3),
        ("Thư viện viên", 2),
    ),
    HOSPITAL: (
        ("Bác sĩ", 28),
        ("Điều dưỡng", 34),
        ("Hộ sinh", 5),
        ("Dược sĩ", 6),
        ("Kỹ thuật viên", 10),
        ("Trưởng khoa", 4),
        ("Nhân viên", 8),
        ("Kế toán", 3),
    ),
    OLD_COMMUNE: (
        ("Công chức Văn phòng - Thống kê", 20),
        ("Công chức Tư pháp - Hộ tịch", 15),
        ("Công chức Tài chính - Kế toán", 15),
        ("Công chức Địa chính - Xây dựng", 20),
        ("Công chức Văn hóa - Xã hội", 20),
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự", 4),
    ),
    COMMUNE: (
        ("Chuyên viên Văn phòng HĐND và UBND", 25),
        ("Chuyên viên Phòng Kinh tế", 30),
        ("Chuyên viên Phòng Văn hóa - Xã hội", 25),
        ("Trưởng phòng Kinh tế", 2),
        ("Phó Trưởng phòng Văn hóa - Xã hội", 3),
        ("Chuyên viên Trung tâm Phục vụ hành chính công", 15),
    ),
    DISTRICT_OFFICE: (("Chuyên viên", 70), ("Chuyên viên chính", 20), ("Cán sự", 10)),
}
DEPUTY_SLOTS = {
    DEPARTMENT: 3,
    DIVISION: 2,
    SCHOOL: 2,
    HOSPITAL: 3,
    OLD_COMMUNE: 2,
    COMMUNE: 3,
    DISTRICT_OFFICE: 2,
}

INITIATIVE_TOPICS: dict[str, tuple[str, ...]] = {
    SCHOOL: (
        "Một số biện pháp nâng cao chất lượng ôn thi tốt nghiệp THPT môn {s}",
        "Ứng dụng công nghệ thông tin trong dạy học môn {s}",
        "Đổi mới phương pháp kiểm tra, đánh giá học sinh môn {s}",
        "Giải pháp phát triển năng lực tự học cho học sinh qua môn {s}",
        "Xây dựng câu lạc bộ {s} nhằm phát huy năng lực học sinh",
    ),
    HOSPITAL: (
        "Cải tiến quy trình tiếp đón người bệnh tại khoa {s}",
        "Ứng dụng bệnh án điện tử tại khoa {s}",
        "Giải pháp giảm thời gian chờ khám tại khoa {s}",
        "Nâng cao chất lượng chăm sóc người bệnh tại khoa {s}",
    ),
    "office": (
        "Giải pháp số hóa hồ sơ {s}",
        "Cải tiến quy trình giải quyết thủ tục hành chính về {s}",
        "Ứng dụng phần mềm quản lý {s}",
        "Nâng cao hiệu quả công tác {s} tại cơ sở",
        "Đổi mới phương thức tuyên truyền về {s}",
    ),
}
INITIATIVE_SUBJECTS: dict[str, tuple[str, ...]] = {
    SCHOOL: (
        "Toán",
        "Ngữ văn",
        "Tiếng Anh",
        "Vật lý",
        "Hóa học",
        "Sinh học",
        "Lịch sử",
        "Địa lý",
        "Tin học",
        "Giáo dục công dân",
    ),
    HOSPITAL: (
        "Nội",
        "Ngoại",
        "Sản",
        "Nhi",
        "Hồi sức cấp cứu",
        "Khám bệnh",
        "Xét nghiệm",
        "Chẩn đoán hình ảnh",
        "Y học cổ truyền",
    ),
    "office": (
        "đất đai",
        "hộ tịch",
        "văn bản quy phạm pháp luật",
        "ngân sách xã",
        "lưu trữ",
        "thi đua, khen thưởng",
        "cải cách hành chính",
        "an sinh xã hội",
        "đầu tư công",
        "chuyển đổi số",
        "phổ biến, giáo dục pháp luật",
        "xây dựng nông thôn mới",
    ),
}

DISCIPLINE_REASONS = (
    "Vi phạm quy chế làm việc của cơ quan",
    "Thiếu trách nhiệm trong thực thi công vụ, để hồ sơ quá hạn",
    "Vi phạm quy định về quản lý tài chính, tài sản công",
    "Vi phạm quy định về đạo đức nghề nghiệp",
)
REVIEW_KINDS = ("discipline_consideration", "investigation", "complaint")
REVIEW_NOTES = {
    "discipline_consideration": "Đang xem xét kỷ luật theo đề nghị của cơ quan kiểm tra",
    "investigation": "Đang thanh tra theo kế hoạch của Thanh tra tỉnh",
    "complaint": "Đang xác minh nội dung đơn tố cáo",
}

# Ad-hoc (đột xuất) commendations: (date, code, achievement).
EVENTS: tuple[tuple[dt.date, str, str], ...] = (
    (dt.date(2016, 10, 20), "lu-10-2016", "phòng, chống lũ lụt tháng 10 năm 2016"),
    (dt.date(2017, 9, 20), "bao-10-2017", "phòng, chống bão số 10 năm 2017"),
    (dt.date(2018, 7, 12), "cuu-nguoi-2018", "dũng cảm cứu người bị đuối nước"),
    (dt.date(2019, 5, 5), "chay-rung-2019", "chữa cháy rừng tại núi Hồng Lĩnh năm 2019"),
    (dt.date(2020, 10, 25), "lu-10-2020", "phòng, chống lũ lụt tháng 10 năm 2020"),
    (dt.date(2021, 9, 30), "covid-2021", "phòng, chống dịch COVID-19"),
    (dt.date(2022, 10, 18), "mua-lu-2022", "ứng phó mưa lũ tháng 10 năm 2022"),
    (dt.date(2023, 6, 14), "chay-2023", "dũng cảm cứu người, cứu tài sản trong vụ cháy"),
    (dt.date(2024, 9, 15), "yagi-2024", "hỗ trợ khắc phục hậu quả bão số 3 (Yagi)"),
    (dt.date(2025, 8, 30), "bao-5-2025", "phòng, chống bão số 5 năm 2025"),
)

# Years an award's period label covers before its year (CSTĐ tỉnh: three years …).
PERIOD_SPANS: dict[str, int] = {
    "CSTD_BT": 2,
    "CSTDTQ": 5,
    "BK_BT": 1,
    "BK_TTG": 4,
    "HC_LAO_DONG_3": 4,
}

REVOCATION_REASONS = (
    ("b", "Kê khai không trung thực thời gian công tác trong năm xét tặng"),
    ("d", "Kết luận thanh tra xác định vi phạm trong năm xét tặng, không đủ tiêu chuẩn"),
)


class _Pick(Generic[T]):
    """Weighted choice over a fixed list with one random number."""

    __slots__ = ("cum", "items", "total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self.items = list(items)
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def __call__(self, x: float) -> T:
        return self.items[bisect(self.cum, x * self.total)]


@dataclass
class Ids:
    """Next primary key per table (ids are assigned here, not by the database)."""

    person: int
    post: int
    rating: int
    initiative: int
    author: int
    discipline: int
    leave: int
    review: int
    award: int
    collective_rating: int


@dataclass
class Chunk:
    persons: list[tuple[object, ...]] = field(default_factory=list)
    posts: list[tuple[object, ...]] = field(default_factory=list)
    ratings: list[tuple[object, ...]] = field(default_factory=list)
    initiatives: list[list[object]] = field(default_factory=list)
    authors: list[tuple[object, ...]] = field(default_factory=list)
    disciplines: list[tuple[object, ...]] = field(default_factory=list)
    leaves: list[tuple[object, ...]] = field(default_factory=list)
    reviews: list[tuple[object, ...]] = field(default_factory=list)
    awards: list[tuple[object, ...]] = field(default_factory=list)  # merit awards of people
    other_awards: list[tuple[object, ...]] = field(default_factory=list)  # full rows
    # Every award of the chunk's people as the engine reads it (merit.AWARD_FACT_COLUMNS).
    award_facts: list[tuple[object, ...]] = field(default_factory=list)
    careers: list[Career] = field(default_factory=list)


@dataclass(slots=True)
class Career:
    """What the choice among the titles the engine allows needs to know of a person."""

    person_id: int
    index: int
    outstanding: bool  # the first tier of TIERS
    cstdcs_share: float  # how often CSTĐCS is given when the engine allows it
    full_name: str
    gender: str
    units: dict[int, DemoUnit] = field(default_factory=dict)  # year → unit on 31 December


@dataclass(slots=True)
class _Post:
    unit: DemoUnit
    title: str
    start: dt.date
    end: dt.date | None = None


@dataclass(slots=True)
class RevocationCandidate:
    award_id: int
    person_name: str
    gender: str
    year: int
    unit: DemoUnit
    decision: DecisionRow


class Simulator:
    def __init__(
        self,
        *,
        tree: Tree,
        seed: int,
        start_year: int,
        end_year: int,
        ids: Ids,
        kinds: dict[str, int],
        book: DecisionBook,
        bodies: Bodies,
        names: NamePicker,
        total_people: int,
        awarding: Awarding,
    ) -> None:
        self.tree = tree
        self.awarding = awarding
        self.seed = seed
        self.y0 = start_year
        self.y1 = end_year
        self.ids = ids
        self.kinds = kinds
        self.book = book
        self.bodies = bodies
        self.names = names
        self.rng = random.Random(f"{seed}|people")
        self.total_people = total_people
        self.province_body = bodies.province_body
        self._category = _Pick([c for c, _, _ in CATEGORIES], [w for _, w, _ in CATEGORIES])
        self._female_share = {c: f for c, _, f in CATEGORIES}
        self._tier = _Pick(list(range(len(TIERS))), [t[0] for t in TIERS])
        depts = list(tree.departments.values())
        self._depts_all = _Pick(depts, [d.weight for d in depts])
        current = [d for d in depts if d.valid_to is None]
        self._depts_current = _Pick(current, [d.weight for d in current])
        self._orig_divisions: dict[int, _Pick[DemoUnit]] = {}
        for dept in depts:
            divs = [d for d in tree.divisions if d.parent_on(places.HISTORY_START) is dept]
            self._orig_divisions[dept.id] = _Pick(divs, [d.weight for d in divs])
        self._schools = _Pick(tree.schools, [u.weight for u in tree.schools])
        self._hospitals = _Pick(tree.hospitals, [u.weight for u in tree.hospitals])
        self._old_communes = _Pick(tree.old_communes, [u.weight for u in tree.old_communes])
        self._offices = _Pick(tree.district_offices, [u.weight for u in tree.district_offices])
        self._staff_titles = {
            role: _Pick([t for t, _ in titles], [w for _, w in titles])
            for role, titles in STAFF_TITLES.items()
        }
        self._heads: dict[int, int] = defaultdict(int)
        self._deputies: dict[int, int] = defaultdict(int)
        self._sort_keys: dict[tuple[str, str, str], str] = {}
        self._search_keys: dict[str, str] = {}
        self._recognitions: dict[tuple[int, int], int] = defaultdict(int)
        self._discipline_numbers: dict[tuple[str, int], int] = defaultdict(lambda: 500)
        self._recent: dict[tuple[int, int], list[int]] = {}
        self._dates: dict[tuple[int, int, int], str] = {}
        # (unit id, year) → [rated, LĐTT, CSTĐCS, KHTNV, warned (cảnh cáo)]
        self.unit_stats: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        self.counts: dict[str, int] = defaultdict(int)
        self._res_rng = random.Random(f"{seed}|revocations")
        self._res_seen = 0
        self.revocation_k = max(2, total_people // 5000)
        self.revocation_pool: list[RevocationCandidate] = []
        self._events = [e for e in EVENTS if start_year <= e[0].year <= end_year]

    # -- small helpers -------------------------------------------------------------------------

    def _iso(self, y: int, m: int, d: int) -> str:
        key = (y, m, d)
        s = self._dates.get(key)
        if s is None:
            s = self._dates[key] = dt.date(y, m, d).isoformat()
        return s

    def _title(self, unit: DemoUnit, seniority: int) -> str:
        role = unit.role
        head = (
            f"Chủ tịch UBND {unit.commune_kind}"
            if role in (COMMUNE, OLD_COMMUNE)
            else (unit.head_title)
        )
        if seniority >= 8 and self._heads[unit.id] == 0:
            self._heads[unit.id] = 1
            return head
        if seniority >= 5 and self._deputies[unit.id] < DEPUTY_SLOTS[role]:
            self._deputies[unit.id] += 1
            return f"Phó {head}"
        return str(self._staff_titles[role](self.rng.random()))

    def _initiative(
        self, chunk: Chunk, person_id: int, unit: DemoUnit, year: int, level: str
    ) -> list[object]:
        r = self.rng.random
        topic_key = unit.role if unit.role in (SCHOOL, HOSPITAL) else "office"
        topics = INITIATIVE_TOPICS[topic_key]
        subjects = INITIATIVE_SUBJECTS[topic_key]
        research = r() < 0.12
        title = topics[int(r() * len(topics))].format(s=subjects[int(r() * len(subjects))])
        if research:
            title = "Đề tài: " + title[0].lower() + title[1:]
        day = self._iso(year, 10 + int(r() * 2), 1 + int(r() * 28))
        row: list[object] = [
            self.ids.initiative,
            title,
            "research" if research else "initiative",
            level,
            day,
            "",
            "",
            True,
            True,
        ]
        self._recognise(row, unit, year, level)
        self.ids.initiative += 1
        chunk.initiatives.append(row)
        chunk.authors.append((self.ids.author, row[0], person_id))
        self.ids.author += 1
        # Now and then a colleague of the same unit is a co-author.
        recent = self._recent.get((unit.id, year))
        if recent and r() < 0.2:
            other = recent[int(r() * len(recent))]
            if other != person_id:
                chunk.authors.append((self.ids.author, row[0], other))
                self.ids.author += 1
        self.counts["initiatives"] += 1
        return row

    def _recognise(self, row: list[object], unit: DemoUnit, year: int, level: str) -> None:
        if level == "co_so":
            dept = self.bodies.managing_department(unit, dt.date(year, 12, 1))
            who = dept if dept is not None else unit
            if unit.role == DISTRICT_OFFICE and unit.district is not None:
                who = unit.district
            recogniser = f"Hội đồng sáng kiến cơ sở - {who.name_on(dt.date(year, 12, 1))}"
            key, symbol = who.id, "QĐ-HĐSK"
        else:  # the Chủ tịch decides under the province's own symbol, not a council's
            recogniser = f"Chủ tịch {places.PROVINCE_BODY}"
            key, symbol = self.tree.province.id, "QĐ-UBND"
        self._recognitions[(key, year)] += 1
        row[3] = level
        row[5] = recogniser
        row[6] = decision_number(self._recognitions[(key, year)], symbol)

    # -- one chunk -----------------------------------------------------------------------------

    def chunk(self, first_index: int, count: int) -> Chunk:
        """People's facts first, then the titles the engine finds them eligible for."""
        chunk = Chunk()
        for index in range(first_index, first_index + count):
            self._person(chunk, index)
        self.awarding.award(self, chunk)
        return chunk

    def merit(
        self,
        chunk: Chunk,
        person_id: int,
        code: str,
        year: int,
        body: Body,
        *,
        window: str = "base",
    ) -> tuple[int, DecisionRow]:
        """A merit award of `code` for `year`, in the decision of `body` for that year."""
        d = self.book.get(body, code, str(year), year=year, window=window)
        span = PERIOD_SPANS.get(code, 0)
        label = f"{year - span}–{year}" if span else ""
        award_id = self.ids.award
        chunk.awards.append((award_id, d.id, self.kinds[code], person_id, year, label))
        chunk.award_facts.append(
            (person_id, code, year, d.signed_on, "CONG_TRANG", False, None, body.decider_role)
        )
        self.ids.award += 1
        self.counts[code] += 1
        return award_id, d

    def _person(self, chunk: Chunk, index: int) -> None:
        r = self.rng.random
        y0, y1 = self.y0, self.y1
        ids = self.ids
        kinds = self.kinds
        book = self.book
        bodies = self.bodies
        pid = ids.person
        ids.person += 1

        category = self._category(r())
        gender = "F" if r() < self._female_share[category] else "M"
        if r() < 0.72:
            first = max(1985, y0 - 26)
            ry = first + int(r() * (y0 - first))
        else:
            ry = y0 + int(r() * (y1 - y0 + 1))
        birth_year = max(ry - 22 - int(r() * 9), y1 - 59 + int(r() * 3))
        birth = self._iso(birth_year, 1 + int(r() * 12), 1 + int(r() * 28))
        recruit = dt.date(ry, 1 + int(r() * 12), 1 + int(r() * 28))
        tier = TIERS[self._tier(r())]
        family, middle, given = self.names.person(self.rng, gender, birth_year)

        # -- career: posts -----------------------------------------------------------------
        start = max(recruit, places.HISTORY_START)
        if category == DEPARTMENT:
            picker = (
                self._depts_all if start < places.DEPARTMENT_MERGER_DAY else self._depts_current
            )
            dept: DemoUnit = picker(r())
            divs = self._orig_divisions[dept.id]
            unit: DemoUnit = dept if r() < 0.15 else divs(r())
        elif category == SCHOOL:
            unit = self._schools(r())
        elif category == HOSPITAL:
            unit = self._hospitals(r())
        elif category == OLD_COMMUNE:
            unit = self._old_communes(r())
        else:
            unit = self._offices(r())
        if unit.valid_to is not None and start > unit.valid_to and unit.successor is not None:
            unit = unit.successor
        posts: list[_Post] = []
        seniority = start.year - recruit.year
        posts.append(_Post(unit, self._title(unit, seniority), start, unit.valid_to))
        if unit.valid_to is not None and unit.successor is not None:
            nxt = unit.successor
            day = unit.valid_to + dt.timedelta(days=1)
            posts.append(_Post(nxt, self._title(nxt, day.year - recruit.year), day, None))
        elif category in (DEPARTMENT, SCHOOL, HOSPITAL) and r() < 0.08:
            earliest = max(
                start.replace(year=start.year + 3)
                if start.month != 2 or start.day < 29
                else dt.date(start.year + 3, 3, 1),
                dt.date(y0, 1, 1),
            )
            latest = dt.date(y1, 11, 30)
            if earliest < latest:
                day = earliest + dt.timedelta(days=int(r() * (latest - earliest).days))
                if category == DEPARTMENT:
                    target_dept: DemoUnit = self._depts_current(r())
                    target: DemoUnit = self._orig_divisions[target_dept.id](r())
                elif category == SCHOOL:
                    target = self._schools(r())
                else:
                    target = self._hospitals(r())
                if target is not unit and (unit.valid_to is None or unit.valid_to >= day):
                    posts[0].end = day - dt.timedelta(days=1)
                    posts.append(_Post(target, self._title(target, day.year - recruit.year), day))
        for post in posts:
            chunk.posts.append(
                (
                    ids.post,
                    pid,
                    post.unit.id,
                    post.title,
                    post.start.isoformat(),
                    post.end.isoformat() if post.end is not None else None,
                    False,
                )
            )
            ids.post += 1
        self.counts["posts"] += len(posts)
        current = posts[-1].unit
        current_title = posts[-1].title

        def unit_on(day: dt.date) -> DemoUnit | None:
            found: DemoUnit | None = None
            for p in posts:
                if p.start <= day and (p.end is None or day <= p.end):
                    found = p.unit
            return found

        # -- discipline, reviews and leave --------------------------------------------------
        blocked: set[int] = set()
        punished_year = 0
        warned = False
        if (r() < 0.005 or index % 200 == 77) and ry < y1:
            yd = max(ry + 1, y0) + int(r() * (y1 - max(ry + 1, y0) + 1))
            day = dt.date(yd, 4 + int(r() * 8), 1 + int(r() * 28))
            period_end = day + dt.timedelta(days=364)
            warned = r() < 0.25
            body_unit = unit_on(day) or current
            body = bodies.base(body_unit, "LDTT", day)
            self._discipline_numbers[(body.key, yd)] += 1
            chunk.disciplines.append(
                (
                    ids.discipline,
                    pid,
                    "canh_cao" if warned else "khien_trach",
                    f"{self._discipline_numbers[(body.key, yd)]}/{body.symbol}",
                    day.isoformat(),
                    period_end.isoformat(),
                    DISCIPLINE_REASONS[int(r() * len(DISCIPLINE_REASONS))],
                )
            )
            ids.discipline += 1
            blocked.update(range(day.year, period_end.year + 1))
            punished_year = yd
            self.counts["disciplines"] += 1
        adhoc_blocked: set[int] = set()
        if index % 1000 == 123 or index == 7:  # open: this year's titles wait (R-DISC-1)
            kind = REVIEW_KINDS[int(r() * len(REVIEW_KINDS))]
            chunk.reviews.append(
                (
                    ids.review,
                    pid,
                    None,
                    kind,
                    self._iso(y1, 10 + int(r() * 2), 1 + int(r() * 28)),
                    None,
                    REVIEW_NOTES[kind],
                )
            )
            ids.review += 1
            blocked.add(y1)
            self.counts["open_reviews"] += 1
        elif index % 1000 == 623 and ry < y1:  # closed without finding a violation
            yc = max(ry + 1, y0) + int(r() * (y1 - max(ry + 1, y0)))
            chunk.reviews.append(
                (
                    ids.review,
                    pid,
                    None,
                    "complaint",
                    self._iso(yc, 4 + int(r() * 3), 1 + int(r() * 28)),
                    self._iso(yc, 7 + int(r() * 3), 1 + int(r() * 28)),
                    "Đã xác minh, không có vi phạm",
                )
            )
            ids.review += 1
            adhoc_blocked.add(yc)
        for year in range(max(ry, y0), y1 + 1):
            age = year - birth_year
            if gender == "F" and 22 <= age <= 40 and r() < 0.04:
                day = dt.date(year, 1 + int(r() * 12), 1 + int(r() * 28))
                if day >= recruit:
                    chunk.leaves.append(
                        (
                            ids.leave,
                            pid,
                            "maternity",
                            day.isoformat(),
                            (day + dt.timedelta(days=182)).isoformat(),
                            "",
                        )
                    )
                    ids.leave += 1
            elif r() < 0.01:
                day = dt.date(year, 3 + int(r() * 6), 1 + int(r() * 28))
                if day >= recruit:
                    chunk.leaves.append(
                        (
                            ids.leave,
                            pid,
                            "training",
                            day.isoformat(),
                            (day + dt.timedelta(days=30 * (2 + int(r() * 4)))).isoformat(),
                            "Bồi dưỡng ngạch chuyên viên chính",
                        )
                    )
                    ids.leave += 1

        # -- history before the data window: a few veterans already hold Bằng khen ----------
        full_name = f"{family} {middle} {given}"
        p_hist = 0.5 if tier is TIERS[0] else (0.06 if tier is TIERS[1] else 0.0)
        if ry <= y0 - 8 and r() < p_hist:
            yh = max(ry + 3, y0 - 10) + int(r() * (y0 - 2 - max(ry + 3, y0 - 10)))
            self.merit(chunk, pid, "BK_BT", yh, self.province_body, window="province")
            if yh + 6 <= y0 - 1 and r() < 0.6:
                yb = yh + 6 + int(r() * (y0 - yh - 6))
                self.merit(chunk, pid, "BK_TTG", yb, PM, window="pm")

        # -- the years: rating and initiatives (the titles come from the engine: merit.py) ---
        p_x, p_t, p_n, p_init = tier[1], tier[2], tier[3], tier[4]
        # The best recognise more of their initiatives at province or national level.
        p_national, p_province = (0.02, 0.4) if tier is TIERS[0] else (0.003, 0.05)
        stats = self.unit_stats
        career = Career(pid, index, tier is TIERS[0], tier[5], full_name, gender)
        for year in range(max(ry, y0), y1 + 1):
            if year == ry:
                months = 12 - recruit.month + (1.0 if recruit.day <= 15 else 0.5)
                if months < 1:
                    continue
            else:
                months = 12.0
            unit_y = unit_on(dt.date(year, 12, 31))
            if unit_y is None:
                continue
            career.units[year] = unit_y
            x = r()
            if year == punished_year:
                rating = HTNV if x < 0.7 else KHTNV
            elif x < p_x:
                rating = HTXSNV
            elif x < p_x + p_t:
                rating = HTTNV
            elif x < p_x + p_t + p_n:
                rating = HTNV
            else:
                rating = KHTNV
            movement = r() < 0.99
            chunk.ratings.append(
                (
                    ids.rating,
                    pid,
                    year,
                    rating,
                    unit_y.id,
                    months if months != 12.0 else 12,
                    movement,
                )
            )
            ids.rating += 1
            key = (unit_y.id, year)
            st = stats[key]
            st[0] += 1
            if rating == KHTNV:
                st[3] += 1
            if warned and year == punished_year:
                st[4] += 1
            recent = self._recent.get(key)
            if recent is None:
                self._recent[key] = [pid]
            elif len(recent) < 6:
                recent.append(pid)
            else:
                recent[int(r() * 6)] = pid
            if rating in (HTXSNV, HTTNV) and months >= 6 and r() < p_init:
                y = r()
                level = "toan_quoc" if y < p_national else "bo_tinh" if y < p_province else "co_so"
                self._initiative(chunk, pid, unit_y, year, level)
        chunk.careers.append(career)

        # -- ad-hoc commendations --------------------------------------------------------------
        for day, code, achievement in self._events:
            if day.year in blocked or day.year in adhoc_blocked or day < recruit:
                continue
            if r() >= 0.004:
                continue
            unit_d = unit_on(day)
            if unit_d is None:
                continue
            signed = day + dt.timedelta(days=10 + int(r() * 20))
            while signed.weekday() >= 5:
                signed += dt.timedelta(days=1)
            if r() < 0.15:
                body, kind = self.province_body, "BK_BT"
            else:
                body, kind = bodies.base(unit_d, "GIAY_KHEN", signed), "GIAY_KHEN"
            d = book.get(
                body,
                kind,
                code,
                year=day.year,
                signed_on=signed,
                subject=f"Về việc khen thưởng đột xuất các cá nhân có thành tích xuất "
                f"sắc trong {achievement}",
            )
            chunk.other_awards.append(
                (
                    ids.award,
                    d.id,
                    kinds[kind],
                    pid,
                    None,
                    day.year,
                    "",
                    "DOT_XUAT",
                    code,
                    f"Có thành tích xuất sắc trong {achievement}",
                    None,
                    "",
                    "",
                    False,
                )
            )
            chunk.award_facts.append(
                (pid, kind, day.year, d.signed_on, "DOT_XUAT", False, code, body.decider_role)
            )
            ids.award += 1
            self.counts["DOT_XUAT"] += 1

        # -- the person row -------------------------------------------------------------------
        names_key = (given, middle, family)
        sort_key = self._sort_keys.get(names_key)
        if sort_key is None:
            sort_key = self._sort_keys[names_key] = person_sort_key(given, middle, family)
        skey = self._search_keys.get(full_name)
        if skey is None:
            skey = self._search_keys[full_name] = search_key(full_name)
        code = f"{places.PROVINCE_CODE}{pid:07d}"
        chunk.persons.append(
            (
                pid,
                code,
                family,
                middle,
                given,
                gender,
                birth,
                recruit.isoformat(),
                "",
                current.priority_area,
                current.id,
                current_title,
                None,
                f"{skey} {code.casefold()}",
                sort_key,
            )
        )

    def offer_revocation(
        self, award_id: int, name: str, gender: str, year: int, unit: DemoUnit, d: DecisionRow
    ) -> None:
        """Reservoir sample of LĐTT awards that nothing else rests on (bounded memory)."""
        dept = self.bodies.managing_department(unit, dt.date(year, 12, 31))
        if dept is None or dept.valid_to is not None:
            return
        self._res_seen += 1
        candidate = RevocationCandidate(award_id, name, gender, year, unit, d)
        if len(self.revocation_pool) < self.revocation_k:
            self.revocation_pool.append(candidate)
        else:
            j = self._res_rng.randrange(self._res_seen)
            if j < self.revocation_k:
                self.revocation_pool[j] = candidate


PERSON_COLUMNS = (
    "id",
    "code",
    "family_name",
    "middle_name",
    "given_name",
    "gender",
    "birth_date",
    "recruitment_date",
    "email",
    "priority_group",
    "current_unit_id",
    "current_title",
    "user_id",
    "search_key",
    "sort_key",
)
POST_COLUMNS = ("id", "person_id", "unit_id", "title", "start_date", "end_date", "is_concurrent")
RATING_COLUMNS = (
    "id",
    "person_id",
    "year",
    "rating",
    "unit_id",
    "months_worked",
    "movement_participation",
)
RATING_CONSTANTS: dict[str, object] = {"note": ""}
INITIATIVE_COLUMNS = (
    "id",
    "title",
    "kind",
    "level",
    "recognised_on",
    "recognised_by",
    "decision_number",
    "applied_effectively",
    "replicable",
)
AUTHOR_COLUMNS = ("id", "initiative_id", "person_id")
DISCIPLINE_COLUMNS = (
    "id",
    "person_id",
    "form",
    "decision_number",
    "decision_date",
    "period_end",
    "reason",
)
LEAVE_COLUMNS = ("id", "person_id", "kind", "start_date", "end_date", "note")
REVIEW_COLUMNS = ("id", "person_id", "unit_id", "kind", "opened", "closed", "note")
AWARD_COLUMNS = (
    "id",
    "decision_id",
    "kind_id",
    "person_id",
    "unit_id",
    "period",
    "period_label",
    "award_type",
    "achievement_id",
    "note",
    "revoked_by_id",
    "revocation_ground",
    "revocation_reason",
    "needs_review",
)
# The many merit-based awards of people: six columns, the rest constant.
MERIT_AWARD_COLUMNS = ("id", "decision_id", "kind_id", "person_id", "period", "period_label")
MERIT_AWARD_CONSTANTS: dict[str, object] = {
    "unit_id": None,
    "award_type": "CONG_TRANG",
    "achievement_id": "",
    "note": "",
    "revoked_by_id": None,
    "revocation_ground": "",
    "revocation_reason": "",
    "needs_review": False,
}
