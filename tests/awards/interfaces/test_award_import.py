from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.common.importing.files import assert_imported, assert_rejected, write
from tests.factories.awards import AwardFactory, DecisionFactory
from tests.factories.orgs import UnitFactory
from tests.factories.people import PersonFactory
from vinhdanh.awards.models import Award, Decision
from vinhdanh.common.models import AuditEvent
from vinhdanh.orgs.models import Unit
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã cán bộ",
    "Mã đơn vị",
    "Mã danh hiệu",
    "Năm thành tích",
    "Loại hình",
    "Số quyết định",
    "Ngày quyết định",
    "Cơ quan ban hành",
    "Người ký",
    "Chức vụ người ký",
]
BODY = "Ủy ban nhân dân tỉnh Hà Tĩnh"


@pytest.fixture
def subjects() -> tuple[Person, Unit]:
    person = PersonFactory(code="CB1", family_name="Lê", middle_name="Văn", given_name="Tám")
    unit = UnitFactory(code="SNV", name="Sở Nội vụ", valid_from=dt.date(2008, 1, 1))
    return person, unit


def award(
    person: str = "CB1",
    unit: str = "",
    kind: str = "LDTT",
    year: object = 2024,
    number: str = "125/QĐ-UBND",
    day: object = "20/01/2025",
    body: str = BODY,
    award_type: str = "",
    signer: str = "Trần Văn Bình",
) -> list[object]:
    return [person, unit, kind, year, award_type, number, day, body, signer, "Chủ tịch"]


def test_awards_import_creates_shared_decisions_and_awards(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    person, unit = subjects
    rows = [
        award("CB1", kind="LDTT"),
        award("", "SNV", kind="TTLDTT", body="ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH"),
        award(
            "CB1",
            kind="Bằng khen của Bộ, ban, ngành, tỉnh",
            year=2023,
            number="88/2024/QĐ-UBND",
            day=dt.datetime(2024, 3, 5),
            award_type="Đột xuất",
        ),
    ]
    out = assert_imported("awards", write(tmp_path, "a.xlsx", HEADER, rows))
    assert "decisions: 2" in out
    assert "awards: 3" in out
    decision = Decision.objects.get(number=125)
    assert decision.symbol == "QĐ-UBND"
    assert decision.year == 2025
    assert decision.signed_on == dt.date(2025, 1, 20)
    assert decision.is_issued
    assert decision.body_key == "uy ban nhan dan tinh ha tinh"
    assert decision.signer_name == "Trần Văn Bình"
    assert decision.signer_title == "Chủ tịch"
    assert {(a.kind.code, a.person_id, a.unit_id) for a in decision.awards.all()} == {
        ("LDTT", person.pk, None),
        ("TTLDTT", None, unit.pk),
    }
    bk = Award.objects.get(kind__code="BK_BT")
    assert (bk.period, bk.award_type, bk.decision.number) == (2023, "DOT_XUAT", 88)
    assert AuditEvent.objects.filter(object_type="awards.award", action="create").count() == 3
    assert AuditEvent.objects.filter(object_type="awards.decision", action="create").count() == 2


def test_awards_import_reuses_a_decision_already_in_the_system(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    stored = DecisionFactory(number=125, year=2025, signed_on=dt.date(2025, 1, 20), imported=True)
    out = assert_imported("awards", write(tmp_path, "a.csv", HEADER, [award()]))
    assert "decisions: 0" in out
    assert Award.objects.get().decision == stored
    assert Decision.objects.count() == 1


def test_awards_import_unknown_codes(tmp_path: Path, subjects: tuple[Person, Unit]) -> None:
    rows = [award("CB9"), award("", "SYT", kind="TTLDTT"), award(kind="LDXX")]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 2, column Mã cán bộ: no person has the staff code CB9",
            "row 3, column Mã đơn vị: no unit has the code SYT",
            "row 4, column Mã danh hiệu: no award kind has the code LDXX",
        ],
    )


def test_awards_import_kind_not_for_this_subject(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    rows = [
        award("", "SNV", kind="LDTT"),
        award("CB1", kind="TTLDXS"),
        award("", "SNV", kind="THON_VH"),
    ]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 2, column Mã danh hiệu: LDTT (Lao động tiên tiến) cannot be awarded to a unit; it "
            "is for: Individual",
            "row 3, column Mã danh hiệu: TTLDXS (Tập thể lao động xuất sắc) cannot be awarded to a "
            "person; it is for: Collective",
            "row 4, column Mã danh hiệu: THON_VH (Thôn, tổ dân phố văn hóa) cannot be awarded to a "
            "unit; it is for: Village / residential group",
        ],
    )


def test_awards_import_subject_columns_one_and_only_one(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    rows = [award("CB1", "SNV"), award("", "")]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 2, column Mã đơn vị: fill in the staff code or the unit code, not both",
            "row 3, column Mã cán bộ: fill in the staff code or the unit code",
        ],
    )


def test_awards_import_decision_number_and_dates(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).strftime("%d/%m/%Y")
    rows = [
        award(number="QĐ-UBND 125"),
        award(number="125"),
        award(kind="CSTDCS", day=tomorrow),
        award(kind="GIAY_KHEN", year=2024, day="15/12/2023", number="9/QĐ-UBND"),
        award(kind="BK_BT", number="7/2023/QĐ-UBND", day="02/02/2025"),
        award(kind="HC_LAO_DONG_3", day="31/02/2025", number="8/QĐ-CTN"),
    ]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 2, column Số quyết định: “QĐ-UBND 125” is not a decision number: write it as "
            "number/symbol, e.g. 125/QĐ-UBND",
            "row 3, column Số quyết định: “125” is not a decision number: write it as "
            "number/symbol, e.g. 125/QĐ-UBND",
            f"row 4, column Ngày quyết định: {tomorrow} is after today",
            "row 5, column Ngày quyết định: the decision is dated 15/12/2023, before the "
            "achievement year 2024",
            "row 6, column Số quyết định: the year in the number (2023) is not the year of the "
            "decision date (02/02/2025)",
            "row 7, column Ngày quyết định: the date 31/02/2025 does not exist",
        ],
    )


def test_awards_import_same_decision_with_different_dates(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    DecisionFactory(number=40, year=2024, signed_on=dt.date(2024, 6, 1), imported=True)
    rows = [
        award("CB1", kind="LDTT"),
        award("", "SNV", kind="TTLDTT", day="21/01/2025"),
        award("CB1", kind="CSTDCS", year=2023, number="40/QĐ-UBND", day="02/06/2024"),
    ]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 3, column Ngày quyết định: decision 125/QĐ-UBND is dated 20/01/2025 in row 2",
            f"row 4, column Ngày quyết định: decision 40/QĐ-UBND of {BODY} is already in the "
            "system, dated 01/06/2024",
        ],
    )


def test_awards_import_duplicate_in_file_and_in_database(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    person, _unit = subjects
    AwardFactory(person=person, period=2023, decision=DecisionFactory(number=12, year=2024))
    rows = [
        award(kind="LDTT", year=2024),
        award(kind="ldtt", year=2024, number="126/QĐ-UBND"),
        award(kind="LDTT", year=2023, number="127/QĐ-UBND"),
    ]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 3, column Mã danh hiệu: LDTT for 2024 is already in row 2",
            "row 4, column Mã danh hiệu: LDTT for 2023 is already in the system (decision "
            "12/QĐ-UBND)",
        ],
    )


def test_awards_import_award_type_must_suit_the_kind(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, [award(award_type="Niên hạn")]),
        [
            "row 2, column Loại hình: LDTT is not given as “Length of service”; allowed: "
            "Merit-based (regular)",
        ],
    )


def test_awards_import_without_subject_columns_is_refused(tmp_path: Path) -> None:
    header = HEADER[2:]
    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", header, [award()[2:]]),
        [
            "row 1, column Mã cán bộ / Mã đơn vị: the file needs one of these columns: Mã cán bộ / "
            "Mã đơn vị",
        ],
    )


def test_awards_import_never_adds_to_a_decision_made_in_vinh_danh(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level="province")
    DecisionFactory(issuing_unit=province, number=2, year=2026, signed_on=dt.date(2026, 1, 30))
    rows = [award(number="2/QĐ-UBND", day="30/01/2026", year=2025)]

    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, rows),
        [
            "row 2, column Số quyết định: decision 2/QĐ-UBND of Ủy ban nhân dân tỉnh Hà Tĩnh "
            "was made in Vinh Danh: awards are added to it only through the nomination "
            "workflow, not by an import"
        ],
    )


def test_awards_import_never_revives_a_revoked_award(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    person, _unit = subjects
    revocation = DecisionFactory(number=7, year=2025, kind="revocation")
    AwardFactory(
        person=person,
        period=2024,
        decision=DecisionFactory(number=12, year=2025, imported=True),
        revoked_by=revocation,
    )

    assert_rejected(
        "awards",
        write(tmp_path, "a.csv", HEADER, [award(kind="LDTT", year=2024, number="13/QĐ-UBND")]),
        [
            "row 2, column Mã danh hiệu: LDTT for 2024 is already in the system (decision "
            "12/QĐ-UBND, revoked by decision 7/QĐ-UBND)"
        ],
    )
    assert Award.objects.count() == 1


def test_awards_import_marks_its_decisions_as_imported_history_by_whom(
    tmp_path: Path, subjects: tuple[Person, Unit]
) -> None:
    from tests.factories.orgs import UserFactory
    from vinhdanh.common.importing import run_import

    office = UserFactory(username="vanphong", is_superuser=True)
    province = UnitFactory(name="Tỉnh Hà Tĩnh", level="province")
    result = run_import(
        kind="awards",
        source=write(tmp_path, "a.csv", HEADER, [award(number="9000/QĐ-UBND")]),
        user=office,
    )

    assert result.written, result.problems
    decision = Decision.objects.get()
    assert (decision.imported, decision.imported_by_id) == (True, office.pk)
    from django.db import transaction

    from vinhdanh.awards.domain.numbering import next_number

    with transaction.atomic():  # the province's own series is untouched by the import
        assert next_number(issuing_unit=province, year=2025, symbol="QĐ-UBND") == 1
