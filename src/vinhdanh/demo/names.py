"""Vietnamese personal names for the demo data, weighted like the real population.

Family-name shares follow the usual published estimates (Nguyễn about 38 %, Trần 11 %, Lê 9.5 %
…). Middle names depend on gender and generation: "Thị" and "Văn" dominate among people born
before 1985 and are rarer among the young.
"""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate

# (name, share in %): the remainder is spread over the less common names below.
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 3.6),
    ("Huỳnh", 1.4),
    ("Phan", 4.5),
    ("Võ", 2.0),
    ("Vũ", 1.9),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    ("Đinh", 0.7),
    ("Đào", 0.6),
    ("Đoàn", 0.6),
    ("Trương", 0.6),
    ("Trịnh", 0.5),
    ("Mai", 0.5),
    ("Cao", 0.5),
    ("Hà", 0.4),
    ("Lương", 0.4),
    ("Thái", 0.4),
    ("Lưu", 0.3),
    ("Chu", 0.3),
    ("Tạ", 0.3),
    ("Phùng", 0.3),
    ("Lâm", 0.3),
    ("Kiều", 0.2),
    ("Nghiêm", 0.2),
    ("Tôn", 0.2),
    ("Lại", 0.2),
    ("Khổng", 0.1),
    ("Mạc", 0.1),
    ("Thân", 0.1),
]

# Middle names: (name, weight for people born before 1985, weight for those born later).
FEMALE_MIDDLE: list[tuple[str, float, float]] = [
    ("Thị", 62, 22),
    ("Thu", 5, 6),
    ("Ngọc", 4, 8),
    ("Thanh", 4, 6),
    ("Minh", 2, 6),
    ("Phương", 2, 5),
    ("Thùy", 2, 5),
    ("Hoài", 2, 4),
    ("Mỹ", 1, 4),
    ("Bảo", 0.5, 4),
    ("Kim", 3, 3),
    ("Diệu", 1, 3),
    ("Khánh", 0.5, 4),
    ("Hồng", 4, 3),
    ("Quỳnh", 1, 4),
    ("Hải", 1, 3),
    ("Lan", 1, 2),
    ("Xuân", 2, 2),
    ("Hương", 1, 2),
    ("Tường", 0.5, 2),
]

MALE_MIDDLE: list[tuple[str, float, float]] = [
    ("Văn", 42, 15),
    ("Đức", 6, 8),
    ("Minh", 5, 10),
    ("Quang", 5, 7),
    ("Hữu", 5, 5),
    ("Công", 4, 5),
    ("Xuân", 4, 4),
    ("Thanh", 4, 4),
    ("Ngọc", 3, 3),
    ("Trọng", 3, 4),
    ("Tiến", 2, 3),
    ("Duy", 1, 5),
    ("Anh", 1, 4),
    ("Hoàng", 1, 4),
    ("Mạnh", 2, 3),
    ("Đình", 4, 3),
    ("Quốc", 2, 4),
    ("Bá", 2, 1),
    ("Thế", 2, 3),
    ("Việt", 1, 3),
    ("Khắc", 1, 1),
    ("Hải", 1, 3),
]

FEMALE_GIVEN: list[str] = [
    "Hồng",
    "Lan",
    "Hương",
    "Thảo",
    "Trang",
    "Ánh",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Huyền",
    "Linh",
    "Loan",
    "Mai",
    "Nga",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Tâm",
    "Thanh",
    "Thủy",
    "Thúy",
    "Trâm",
    "Tuyết",
    "Vân",
    "Yến",
    "Dung",
    "Giang",
    "Hiền",
    "Lý",
    "My",
    "Nhi",
    "Quỳnh",
    "Thư",
    "Uyên",
    "Vy",
    "Anh",
    "Châu",
    "Diệp",
    "Hậu",
    "Liên",
    "Liễu",
    "Nguyệt",
    "Nhàn",
    "Sen",
    "Thắm",
    "Xuân",
    "Hiếu",
    "Lệ",
    "Ly",
    "Ngân",
    "Nhân",
    "Phượng",
    "Thơ",
    "Thương",
    "Trinh",
    "Tú",
    "Vui",
    "Hải",
    "Khánh",
    "Minh",
    "Hòa",
    "Lam",
    "Duyên",
    "Đào",
    "Mơ",
]

# Given names popular with the younger generation get a higher weight for them.
FEMALE_GIVEN_YOUNG = {
    "Anh",
    "Linh",
    "Trang",
    "Vy",
    "Nhi",
    "Thư",
    "Uyên",
    "My",
    "Ngân",
    "Khánh",
    "Quỳnh",
    "Thảo",
    "Ly",
    "Hà",
    "Phương",
    "Minh",
}

MALE_GIVEN: list[str] = [
    "Dũng",
    "Hùng",
    "Minh",
    "Tuấn",
    "Đức",
    "Bình",
    "An",
    "Anh",
    "Bảo",
    "Cường",
    "Công",
    "Chiến",
    "Đạt",
    "Định",
    "Đông",
    "Giang",
    "Hải",
    "Hào",
    "Hiếu",
    "Hoàng",
    "Huy",
    "Hưng",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Long",
    "Lộc",
    "Luân",
    "Mạnh",
    "Nam",
    "Nghĩa",
    "Ngọc",
    "Nhân",
    "Phong",
    "Phú",
    "Phúc",
    "Quang",
    "Quân",
    "Quý",
    "Sơn",
    "Tài",
    "Tâm",
    "Thắng",
    "Thành",
    "Thái",
    "Thịnh",
    "Thông",
    "Tiến",
    "Toàn",
    "Trung",
    "Trường",
    "Tú",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
    "Hậu",
    "Hiệp",
    "Lợi",
    "Sáng",
    "Tân",
    "Thuận",
    "Trí",
    "Hòa",
    "Hạnh",
    "Lực",
    "Cảnh",
    "Đăng",
    "Hà",
    "Kỳ",
    "Thọ",
]

MALE_GIVEN_YOUNG = {
    "Anh",
    "Bảo",
    "Đạt",
    "Huy",
    "Khoa",
    "Khánh",
    "Minh",
    "Nam",
    "Phúc",
    "Quân",
    "Trí",
    "Tùng",
    "Việt",
    "Đăng",
    "Hoàng",
    "Long",
}


class _Weighted:
    __slots__ = ("_cum", "_items", "_total")

    def __init__(self, items: list[str], weights: list[float]) -> None:
        self._items = items
        self._cum = list(accumulate(weights))
        self._total = self._cum[-1]

    def pick(self, rng: random.Random) -> str:
        return self._items[bisect(self._cum, rng.random() * self._total)]


class NamePicker:
    """Draws (family, middle, given) names for a gender and birth year from one `Random`."""

    def __init__(self) -> None:
        self._family = _Weighted([n for n, _ in FAMILY_NAMES], [w for _, w in FAMILY_NAMES])
        self._middle = {
            ("F", False): _Weighted(
                [n for n, *_ in FEMALE_MIDDLE], [w for _, w, _ in FEMALE_MIDDLE]
            ),
            ("F", True): _Weighted([n for n, *_ in FEMALE_MIDDLE], [w for *_, w in FEMALE_MIDDLE]),
            ("M", False): _Weighted([n for n, *_ in MALE_MIDDLE], [w for _, w, _ in MALE_MIDDLE]),
            ("M", True): _Weighted([n for n, *_ in MALE_MIDDLE], [w for *_, w in MALE_MIDDLE]),
        }
        self._given = {
            ("F", False): _Weighted(FEMALE_GIVEN, [1.0] * len(FEMALE_GIVEN)),
            ("F", True): _Weighted(
                FEMALE_GIVEN, [3.0 if n in FEMALE_GIVEN_YOUNG else 1.0 for n in FEMALE_GIVEN]
            ),
            ("M", False): _Weighted(MALE_GIVEN, [1.0] * len(MALE_GIVEN)),
            ("M", True): _Weighted(
                MALE_GIVEN, [3.0 if n in MALE_GIVEN_YOUNG else 1.0 for n in MALE_GIVEN]
            ),
        }

    def family(self, rng: random.Random) -> str:
        return self._family.pick(rng)

    def person(self, rng: random.Random, gender: str, birth_year: int) -> tuple[str, str, str]:
        young = birth_year >= 1985
        family = self._family.pick(rng)
        middle = self._middle[(gender, young)].pick(rng)
        given = self._given[(gender, young)].pick(rng)
        if given == middle:  # "Nguyễn Minh Minh" is not a name anyone gives
            given = self._given[(gender, young)].pick(rng)
        return family, middle, given

    def full_name(self, rng: random.Random, gender: str = "", birth_year: int = 1975) -> str:
        gender = gender or ("F" if rng.random() < 0.5 else "M")
        return " ".join(self.person(rng, gender, birth_year))
