"""The demo province: Hà Tĩnh after the 2025 reforms, lightly fictionalised.

Departments follow the 2025 reorganisation of provincial agencies (several departments merged on
01/03/2025); districts and their communes follow the real district names, the commune names are
built the way the local names are (district prefix + a second syllable) and the ~100 new communes
and wards of 01/07/2025 carry plausible names. People, decisions and signers are invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PROVINCE_CODE = "HT"
PROVINCE_NAME = "Tỉnh Hà Tĩnh"
PROVINCE_SHORT = "Hà Tĩnh"
PROVINCE_BODY = "Ủy ban nhân dân tỉnh Hà Tĩnh"

DEPARTMENT_MERGER_DAY = dt.date(2025, 3, 1)
COMMUNE_REFORM_DAY = dt.date(2025, 7, 1)
HISTORY_START = dt.date(2000, 1, 1)

# Decisions behind the restructuring (numbers fictional, bodies and dates as in 2025).
COMMUNE_REFORM_DECISION = {
    "number": "1665/NQ-UBTVQH15",
    "date": dt.date(2025, 6, 16),
    "body": "Ủy ban Thường vụ Quốc hội",
    "note": "Nghị quyết về việc sắp xếp các đơn vị hành chính cấp xã của tỉnh Hà Tĩnh năm 2025",
}
DISTRICT_END_DECISION = {
    "number": "203/2025/QH15",
    "date": dt.date(2025, 6, 16),
    "body": "Quốc hội",
    "note": "Kết thúc hoạt động của đơn vị hành chính cấp huyện từ ngày 01/7/2025",
}
DEPARTMENT_DECISION = {
    "number": "45/NQ-HĐND",
    "date": dt.date(2025, 2, 20),
    "body": "Hội đồng nhân dân tỉnh Hà Tĩnh",
    "note": "Nghị quyết về việc thành lập, tổ chức lại các cơ quan chuyên môn thuộc UBND tỉnh",
}


@dataclass(frozen=True)
class DepartmentSpec:
    key: str  # short code: HT.<key>
    name: str
    symbol: str  # decision symbol, e.g. "QĐ-STP"
    head_title: str
    divisions: tuple[str, ...]
    weight: float = 1.0  # share of the department's staff
    merged_into: str = ""  # key of the absorbing department (01/03/2025)
    former_name: str = ""  # name before the renaming of 01/03/2025
    former_symbol: str = ""


DEPARTMENTS: tuple[DepartmentSpec, ...] = (
    DepartmentSpec(
        "VP",
        "Văn phòng Ủy ban nhân dân tỉnh",
        "QĐ-VP",
        "Chánh Văn phòng",
        (
            "Phòng Hành chính - Tổ chức",
            "Phòng Tổng hợp",
            "Phòng Kinh tế",
            "Phòng Khoa giáo - Văn xã",
            "Trung tâm Phục vụ hành chính công",
        ),
        1.2,
    ),
    DepartmentSpec(
        "SNV",
        "Sở Nội vụ",
        "QĐ-SNV",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Tổ chức, biên chế",
            "Phòng Công chức, viên chức",
            "Ban Thi đua - Khen thưởng",
            "Phòng Xây dựng chính quyền",
        ),
        1.2,
    ),
    DepartmentSpec(
        "SLDTBXH",
        "Sở Lao động - Thương binh và Xã hội",
        "QĐ-SLĐTBXH",
        "Giám đốc",
        ("Phòng Lao động - Việc làm", "Phòng Người có công", "Phòng Bảo trợ xã hội"),
        1.0,
        merged_into="SNV",
    ),
    DepartmentSpec(
        "STP",
        "Sở Tư pháp",
        "QĐ-STP",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Xây dựng và Kiểm tra văn bản",
            "Phòng Phổ biến, giáo dục pháp luật",
            "Phòng Hành chính tư pháp",
        ),
        0.8,
    ),
    DepartmentSpec(
        "STC",
        "Sở Tài chính",
        "QĐ-STC",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Quản lý ngân sách",
            "Phòng Tài chính doanh nghiệp",
            "Phòng Quản lý giá và công sản",
        ),
        1.0,
    ),
    DepartmentSpec(
        "SKHDT",
        "Sở Kế hoạch và Đầu tư",
        "QĐ-SKHĐT",
        "Giám đốc",
        ("Phòng Đăng ký kinh doanh", "Phòng Tổng hợp, quy hoạch"),
        0.7,
        merged_into="STC",
    ),
    DepartmentSpec(
        "SCT",
        "Sở Công Thương",
        "QĐ-SCT",
        "Giám đốc",
        ("Văn phòng Sở", "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại"),
        0.8,
    ),
    DepartmentSpec(
        "SXD",
        "Sở Xây dựng",
        "QĐ-SXD",
        "Giám đốc",
        ("Văn phòng Sở", "Phòng Quản lý xây dựng", "Phòng Phát triển đô thị"),
        0.9,
    ),
    DepartmentSpec(
        "SGTVT",
        "Sở Giao thông vận tải",
        "QĐ-SGTVT",
        "Giám đốc",
        ("Phòng Quản lý kết cấu hạ tầng giao thông", "Phòng Quản lý vận tải", "Thanh tra Sở"),
        0.8,
        merged_into="SXD",
    ),
    DepartmentSpec(
        "SNNMT",
        "Sở Nông nghiệp và Môi trường",
        "QĐ-SNNMT",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Kế hoạch - Tài chính",
            "Chi cục Thủy lợi",
            "Chi cục Kiểm lâm",
            "Chi cục Phát triển nông thôn",
        ),
        1.5,
        former_name="Sở Nông nghiệp và Phát triển nông thôn",
        former_symbol="QĐ-SNN",
    ),
    DepartmentSpec(
        "STNMT",
        "Sở Tài nguyên và Môi trường",
        "QĐ-STNMT",
        "Giám đốc",
        ("Phòng Quản lý đất đai", "Chi cục Bảo vệ môi trường", "Văn phòng Đăng ký đất đai"),
        1.0,
        merged_into="SNNMT",
    ),
    DepartmentSpec(
        "SKHCN",
        "Sở Khoa học và Công nghệ",
        "QĐ-SKHCN",
        "Giám đốc",
        ("Văn phòng Sở", "Phòng Quản lý khoa học", "Chi cục Tiêu chuẩn Đo lường Chất lượng"),
        0.6,
    ),
    DepartmentSpec(
        "STTTT",
        "Sở Thông tin và Truyền thông",
        "QĐ-STTTT",
        "Giám đốc",
        ("Phòng Bưu chính, Viễn thông", "Trung tâm Công nghệ thông tin và Truyền thông"),
        0.5,
        merged_into="SKHCN",
    ),
    DepartmentSpec(
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "QĐ-SGDĐT",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Giáo dục Trung học",
            "Phòng Giáo dục Tiểu học",
            "Phòng Khảo thí và Kiểm định chất lượng",
        ),
        1.0,
    ),
    DepartmentSpec(
        "SYT",
        "Sở Y tế",
        "QĐ-SYT",
        "Giám đốc",
        ("Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Nghiệp vụ Dược", "Chi cục Dân số"),
        1.0,
    ),
    DepartmentSpec(
        "SVHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch",
        "QĐ-SVHTTDL",
        "Giám đốc",
        (
            "Văn phòng Sở",
            "Phòng Quản lý văn hóa",
            "Phòng Quản lý thể dục thể thao",
            "Phòng Quản lý du lịch",
        ),
        0.9,
    ),
    DepartmentSpec(
        "SDTTG",
        "Sở Dân tộc và Tôn giáo",
        "QĐ-SDTTG",
        "Giám đốc",
        ("Văn phòng", "Phòng Chính sách dân tộc", "Phòng Tôn giáo"),
        0.4,
        former_name="Ban Dân tộc tỉnh",
        former_symbol="QĐ-BDT",
    ),
    DepartmentSpec(
        "TT",
        "Thanh tra tỉnh",
        "QĐ-TTr",
        "Chánh Thanh tra",
        ("Văn phòng", "Phòng Thanh tra kinh tế - xã hội", "Phòng Tiếp công dân, xử lý đơn thư"),
        0.6,
    ),
    DepartmentSpec(
        "BQLKKT",
        "Ban Quản lý Khu kinh tế tỉnh",
        "QĐ-BQLKKT",
        "Trưởng ban",
        ("Văn phòng Ban", "Phòng Quản lý đầu tư", "Phòng Quản lý môi trường"),
        0.6,
    ),
)

# Former head titles before a renaming (Ban Dân tộc was headed by a Trưởng ban).
FORMER_HEAD_TITLES = {"SDTTG": "Trưởng ban"}

SCHOOLS: tuple[str, ...] = (
    "Trường THPT Chuyên Hà Tĩnh",
    "Trường THPT Phan Đình Phùng",
    "Trường THPT Thành Sen",
    "Trường THPT Lý Tự Trọng",
    "Trường THPT Hồng Lĩnh",
    "Trường THPT Nguyễn Du",
    "Trường THPT Nghi Xuân",
    "Trường THPT Nguyễn Công Trứ",
    "Trường THPT Can Lộc",
    "Trường THPT Đồng Lộc",
    "Trường THPT Nghèn",
    "Trường THPT Hương Sơn",
    "Trường THPT Cao Thắng",
    "Trường THPT Lê Hữu Trác",
    "Trường THPT Hương Khê",
    "Trường THPT Phúc Trạch",
    "Trường THPT Vũ Quang",
    "Trường THPT Đức Thọ",
    "Trường THPT Trần Phú",
    "Trường THPT Minh Khai",
    "Trường THPT Thạch Khê",
    "Trường THPT Lê Quý Đôn",
    "Trường THPT Cẩm Xuyên",
    "Trường THPT Cẩm Bình",
    "Trường THPT Hà Huy Tập",
    "Trường THPT Nguyễn Đình Liễn",
    "Trường THPT Kỳ Anh",
    "Trường THPT Kỳ Lâm",
    "Trường THPT Nguyễn Huệ",
    "Trường THPT Lê Quảng Chí",
    "Trường THPT Nguyễn Thị Bích Châu",
    "Trường THPT Mai Thúc Loan",
    "Trường THPT Nguyễn Trung Thiên",
    "Trường THPT Nguyễn Văn Trỗi",
    "Trường THPT Xuân Trường",
    "Trường THPT Lộc Hà",
    "Trường THPT Mai Kính",
    "Trường Phổ thông Dân tộc nội trú tỉnh",
    "Trường Cao đẳng Kỹ thuật Việt - Đức Hà Tĩnh",
    "Trung tâm Giáo dục thường xuyên tỉnh",
)

HOSPITALS: tuple[str, ...] = (
    "Bệnh viện Đa khoa tỉnh Hà Tĩnh",
    "Bệnh viện Y dược cổ truyền Hà Tĩnh",
    "Bệnh viện Phục hồi chức năng Hà Tĩnh",
    "Bệnh viện Phổi Hà Tĩnh",
    "Bệnh viện Mắt Hà Tĩnh",
    "Bệnh viện Tâm thần Hà Tĩnh",
    "Bệnh viện Đa khoa thành phố Hà Tĩnh",
    "Trung tâm Kiểm soát bệnh tật tỉnh",
    "Trung tâm Y tế thị xã Hồng Lĩnh",
    "Trung tâm Y tế huyện Hương Sơn",
    "Trung tâm Y tế huyện Đức Thọ",
    "Trung tâm Y tế huyện Can Lộc",
    "Trung tâm Y tế huyện Hương Khê",
    "Trung tâm Y tế huyện Thạch Hà",
    "Trung tâm Y tế huyện Cẩm Xuyên",
    "Trung tâm Y tế thị xã Kỳ Anh",
)


@dataclass(frozen=True)
class DistrictSpec:
    key: str
    kind: str  # "Huyện", "Thị xã", "Thành phố"
    name: str
    old_communes: tuple[str, ...]  # full names "Xã Thạch Long", "Phường Bắc Hà"
    new_communes: tuple[str, ...]  # names of the communes formed on 01/07/2025
    priority_area: bool = False
    offices: tuple[str, ...] = field(
        default=(
            "Văn phòng HĐND và UBND",
            "Phòng Nội vụ",
            "Phòng Tài chính - Kế hoạch",
        )
    )

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"

    @property
    def body(self) -> str:
        return f"Ủy ban nhân dân {self.kind.lower()} {self.name}"


def _x(prefix: str, names: str, kind: str = "Xã") -> tuple[str, ...]:
    return tuple(f"{kind} {prefix}{n}".replace("  ", " ") for n in names.split(","))


DISTRICTS: tuple[DistrictSpec, ...] = (
    DistrictSpec(
        "TPHT",
        "Thành phố",
        "Hà Tĩnh",
        _x(
            "",
            "Bắc Hà,Nam Hà,Tân Giang,Trần Phú,Văn Yên,Nguyễn Du,Đại Nài,Hà Huy Tập,"
            "Thạch Quý,Thạch Linh,Thạch Trung",
            "Phường",
        )
        + _x("", "Thạch Hạ,Thạch Hưng,Thạch Bình,Đồng Môn"),
        (
            "Phường Thành Sen",
            "Phường Trần Phú",
            "Phường Hà Huy Tập",
            "Phường Văn Hà",
            "Xã Đồng Môn",
        ),
    ),
    DistrictSpec(
        "HL",
        "Thị xã",
        "Hồng Lĩnh",
        (*_x("", "Bắc Hồng,Nam Hồng,Trung Lương,Đức Thuận,Đậu Liêu", "Phường"), "Xã Thuận Lộc"),
        ("Phường Bắc Hồng Lĩnh", "Phường Nam Hồng Lĩnh"),
    ),
    DistrictSpec(
        "TXKA",
        "Thị xã",
        "Kỳ Anh",
        _x("Kỳ ", "Trinh,Thịnh,Long,Liên,Phương,Hưng", "Phường")
        + _x("Kỳ ", "Hà,Hoa,Lợi,Nam,Ninh,Thắng"),
        ("Phường Hoành Sơn", "Phường Vũng Áng", "Phường Sông Trí", "Phường Hải Ninh", "Xã Kỳ Hoa"),
    ),
    DistrictSpec(
        "HS",
        "Huyện",
        "Hương Sơn",
        (
            *_x(
                "Sơn ",
                "Kim 1,Kim 2,Tây,Lĩnh,Hồng,Diệm,Quang,Giang,Hàm,Phú,Phúc,Mai,Thủy,"
                "Trung,Bằng,Ninh,Châu,Long,Trường,Hà,Tiến,Lễ,An,Lâm,Thịnh,Bình,Tân",
            ),
            "Xã Quang Diệm",
            "Xã Kim Hoa",
        ),
        (
            "Xã Hương Sơn",
            "Xã Sơn Kim 1",
            "Xã Sơn Kim 2",
            "Xã Sơn Tây",
            "Xã Sơn Giang",
            "Xã Sơn Tiến",
            "Xã Sơn Hồng",
            "Xã Tứ Mỹ",
            "Xã Kim Hoa",
            "Xã Sơn Tràng",
            "Xã Hương Bình",
        ),
        priority_area=True,
    ),
    DistrictSpec(
        "DT",
        "Huyện",
        "Đức Thọ",
        _x(
            "Đức ",
            "Đồng,Lạng,Lạc,Hòa,Long,Thanh,An,Dũng,Nhân,Thủy,Yên,Tân,Châu,Lâm,Quang,Vĩnh,Bồng,La",
        )
        + _x("", "Tùng Ảnh,Trường Sơn,Liên Minh,Quang Vĩnh"),
        (
            "Xã Đức Thọ",
            "Xã Đức Đồng",
            "Xã Đức Quang",
            "Xã Đức Thịnh",
            "Xã Đức Minh",
            "Xã Tùng Lộc",
            "Xã Đức Hà",
            "Xã Đức Phú",
        ),
    ),
    DistrictSpec(
        "VQ",
        "Huyện",
        "Vũ Quang",
        _x("Hương ", "Minh,Điền,Thọ,Đại,Quang")
        + _x("Đức ", "Giang,Liên,Hương,Lĩnh,Bảo")
        + _x("", "Sơn Thọ,Ân Phú"),
        ("Xã Vũ Quang", "Xã Mai Hoa", "Xã Thượng Đức", "Xã Hương Quang", "Xã Vũ Sơn"),
        priority_area=True,
    ),
    DistrictSpec(
        "NX",
        "Huyện",
        "Nghi Xuân",
        (
            *_x(
                "Xuân ", "Hội,Trường,Đan,Phổ,Hải,Yên,Thành,Hồng,Lĩnh,Viên,Liên,Lam,Giang,Mỹ,An,Lộc"
            ),
            "Xã Cổ Đạm",
        ),
        (
            "Xã Nghi Xuân",
            "Xã Tiên Điền",
            "Xã Cổ Đạm",
            "Xã Đan Hải",
            "Xã Xuân Hồng",
            "Xã Xuân Lam",
            "Xã Giang Mỹ",
        ),
    ),
    DistrictSpec(
        "CL",
        "Huyện",
        "Can Lộc",
        (
            *tuple(
                f"Xã {n} Lộc"
                for n in [
                    "Thanh",
                    "Trung",
                    "Vượng",
                    "Sơn",
                    "Quang",
                    "Mỹ",
                    "Yên",
                    "Tiến",
                    "Kim",
                    "Gia",
                    "Xuân",
                    "Phú",
                    "Khánh",
                    "Song",
                    "Thượng",
                    "Bình",
                    "Hồng",
                    "Đồng",
                ]
            ),
            "Xã Thuần Thiện",
            "Xã Thường Nga",
            "Xã Tùng Lộc",
        ),
        (
            "Xã Can Lộc",
            "Xã Đồng Lộc",
            "Xã Trường Lưu",
            "Xã Gia Hanh",
            "Xã Xuân Lộc",
            "Xã Tùng Châu",
            "Xã Thiên Lộc",
            "Xã Vượng Lộc",
        ),
    ),
    DistrictSpec(
        "HK",
        "Huyện",
        "Hương Khê",
        _x("Hương ", "Trà,Xuân,Lâm,Vĩnh,Long,Giang,Bình,Liên,Trạch,Đô,Thủy,Hà")
        + _x("Phúc ", "Đồng,Trạch")
        + _x("", "Gia Phố,Lộc Yên,Phú Phong,Hòa Hải,Phú Gia,Hà Linh,Điền Mỹ"),
        (
            "Xã Hương Khê",
            "Xã Hương Phố",
            "Xã Hà Linh",
            "Xã Phúc Trạch",
            "Xã Hương Đô",
            "Xã Hương Xuân",
            "Xã Hương Vĩnh",
            "Xã Lộc Yên",
        ),
        priority_area=True,
    ),
    DistrictSpec(
        "TH",
        "Huyện",
        "Thạch Hà",
        _x(
            "Thạch ",
            "Long,Sơn,Kênh,Liên,Thanh,Ngọc,Tiến,Trị,Lạc,Hội,Văn,Khê,Hải,Đài,Lưu,"
            "Vĩnh,Xuân,Thắng,Hương,Điền,Lâm,Ngọc Sơn,Kim",
        )
        + _x("", "Việt Tiến,Nam Điền,Lưu Vĩnh Sơn,Tượng Sơn,Bắc Sơn"),
        (
            "Xã Thạch Hà",
            "Xã Toàn Lưu",
            "Xã Việt Xuyên",
            "Xã Đông Kinh",
            "Xã Thạch Khê",
            "Xã Thạch Lạc",
            "Xã Đồng Tiến",
            "Xã Thạch Xuân",
            "Xã Tượng Sơn",
            "Xã Thạch Mỹ",
            "Xã Thạch Hòa",
        ),
    ),
    DistrictSpec(
        "CX",
        "Huyện",
        "Cẩm Xuyên",
        (
            *_x(
                "Cẩm ",
                "Bình,Vịnh,Thành,Quang,Thạch,Nhượng,Nam,Huy,Yên,Hà,Lộc,Hưng,Thịnh,"
                "Lĩnh,Trung,Sơn,Lạc,Minh,Duệ,Mỹ,Dương,Quan,Phúc,Long,Tân,An",
            ),
            "Thị trấn Thiên Cầm",
        ),
        (
            "Xã Cẩm Xuyên",
            "Xã Thiên Cầm",
            "Xã Cẩm Duệ",
            "Xã Cẩm Hưng",
            "Xã Cẩm Lạc",
            "Xã Cẩm Trung",
            "Xã Yên Hòa",
            "Xã Cẩm Thắng",
            "Xã Cẩm Vĩnh",
            "Xã Cẩm Nhượng",
        ),
    ),
    DistrictSpec(
        "KA",
        "Huyện",
        "Kỳ Anh",
        _x(
            "Kỳ ",
            "Xuân,Bắc,Phú,Phong,Tiến,Giang,Đồng,Khang,Văn,Trung,Thọ,Tây,Thượng,Hải,"
            "Thư,Châu,Tân,Hợp,Lạc,Sơn,Lâm,Thuận",
        ),
        (
            "Xã Kỳ Anh",
            "Xã Kỳ Xuân",
            "Xã Kỳ Khang",
            "Xã Kỳ Văn",
            "Xã Kỳ Thượng",
            "Xã Kỳ Lạc",
            "Xã Kỳ Tây",
            "Xã Kỳ Giang",
            "Xã Kỳ Hải",
        ),
    ),
    DistrictSpec(
        "LH",
        "Huyện",
        "Lộc Hà",
        _x(
            "",
            "Thịnh Lộc,Bình An,Ích Hậu,Hồng Lộc,Tân Lộc,An Lộc,Phù Lưu,Mai Phụ,"
            "Thạch Kim,Thạch Châu,Hộ Độ,Thạch Mỹ,Thạch Bằng",
        ),
        ("Xã Lộc Hà", "Xã Mai Phụ", "Xã Hồng Lộc", "Xã Thạch Bằng", "Xã Bình An"),
    ),
)

VILLAGE_NAMES: tuple[str, ...] = (
    "Trung Hòa",
    "Bắc Sơn",
    "Nam Tiến",
    "Đông Yên",
    "Tây Giang",
    "Hòa Bình",
    "Tân Hương",
    "Thượng Tiến",
    "Hạ Vàng",
    "Kim Sơn",
    "Phú Thượng",
    "Trung Thành",
    "Quyết Tiến",
    "Liên Hương",
    "Xuân Sơn",
    "Đồng Lem",
    "Bãi Dọc",
    "Thanh Long",
    "Hồng Thái",
    "Minh Tiến",
    "Đại Đồng",
    "Tân Thành",
    "Yên Bình",
    "Phúc Lộc",
    "An Thịnh",
    "Lạc Thiện",
    "Vĩnh Phúc",
    "Trường Xuân",
    "Khe Giao",
    "Hải Thanh",
)
