"""Certificates as PDF, read back with poppler: the names exactly, every font embedded, A4
landscape, one page per recipient, the lines of the form; and the pre-printed blank mode."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.people import PersonFactory, PostFactory
from tests.nominations.world import World, build_world
from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.documents.domain.blanks import BlankLayout, Placement
from vinhdanh.documents.domain.certificates import certificate_kinds
from vinhdanh.documents.formats import DocumentError
from vinhdanh.documents.interfaces import certificates
from vinhdanh.people.models import Person

NAMES = [
    ("Nguyễn", "Thị Ánh", "Tuyết"),
    ("Đặng", "Quốc", "Khánh"),
    ("Lê", "", "Hường"),
    ("Võ", "Thị Thu", "Hiền"),
]
CODES = ["BK_BT", "GIAY_KHEN", "CSTDCS", "LDTT"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
MM = 72 / 25.4  # PDF points per millimetre


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


def _person(world: World, family: str, middle: str, given: str) -> Person:
    post = PostFactory(
        unit=world.dept,
        title="Chuyên viên",
        person=PersonFactory(family_name=family, middle_name=middle, given_name=given),
    )
    return Person.objects.get(pk=post.person_id)


def make_decision(world: World, **extra: Any) -> tuple[Decision, list[Person]]:
    """A provincial decision: four people (Bằng khen, Giấy khen, CSTĐCS, LĐTT) and one
    collective (TTLĐXS)."""
    values = {
        "issuing_unit": world.province,
        "number": 125,
        "signed_on": dt.date(2025, 7, 17),
        "year": 2025,
        **extra,
    }
    decision = DecisionFactory(**values)
    people = [_person(world, *name) for name in NAMES]
    for person, code in zip(people, CODES, strict=True):
        AwardFactory(decision=decision, person=person, kind=kind(code), period=2024)
    AwardFactory(
        decision=decision, person=None, unit=world.dept_b, kind=kind("TTLDXS"), period=2024
    )
    return decision, people


def poppler(tool: str, path: Path, *args: str) -> str:
    out = ["-"] if tool == "pdftotext" else []
    run = subprocess.run([tool, *args, str(path), *out], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def write(tmp_path: Path, content: bytes, name: str = "c.pdf") -> Path:
    assert content.startswith(b"%PDF-")
    path = tmp_path / name
    path.write_bytes(content)
    return path


def page_texts(path: Path) -> list[str]:
    return poppler("pdftotext", path, "-layout").split("\f")[:-1]


def info(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout.decode()


def images(path: Path) -> list[str]:
    listed = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, check=True)
    return listed.stdout.decode().splitlines()[2:]  # after the two header lines


def words(path: Path) -> list[tuple[str, float, float]]:
    """(word, xMin, yMin) of page 1, in PDF points from the top-left corner."""
    html = poppler("pdftotext", path, "-bbox", "-f", "1", "-l", "1")
    return [
        (word, float(x), float(y))
        for x, y, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', html
        )
    ]


def test_a_decision_prints_one_page_per_recipient_with_the_names_exactly(
    world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    path = write(
        tmp_path, certificates.render_certificates(certificates.decision_certificates(decision))
    )
    pages = page_texts(path)
    assert len(pages) == 5
    text = poppler("pdftotext", path)
    assert unicodedata.is_normalized("NFC", text)
    lines = {line.strip() for line in text.splitlines()}
    # Vietnamese order (family name first), every diacritic intact, each on its own line.
    for person in people:
        assert person.full_name in lines
    assert "Nguyễn Thị Ánh Tuyết" in lines
    assert "Sở Y tế" in lines  # the collective, by its unit's name
    assert "Page size:       841.89 x 595.276 pts (A4)" in info(path)  # landscape
    assert "Pages:           5" in info(path)


def test_every_font_is_embedded(world: World, tmp_path: Path) -> None:
    decision, _people = make_decision(world)
    path = write(
        tmp_path, certificates.render_certificates(certificates.decision_certificates(decision))
    )
    rows = poppler("pdffonts", path).splitlines()[2:]
    assert rows, "no font listed"
    for row in rows:
        columns = row.split()
        emb = columns[-5]
        assert emb == "yes", row
        assert "Vinh-Danh-Serif" in columns[0]


def test_each_form_reads_as_the_state_form_prescribes(world: World, tmp_path: Path) -> None:
    decision, people = make_decision(world)
    path = write(
        tmp_path, certificates.render_certificates(certificates.decision_certificates(decision))
    )
    pages: dict[str, str] = {}
    for page in page_texts(path):
        owner = [p.full_name for p in people if p.full_name in page]
        pages[owner[0] if owner else "collective"] = page
    assert len(pages) == 5
    for page in pages.values():
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page
        assert "Độc lập - Tự do - Hạnh phúc" in page
        assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH" in page
        assert "Quyết định số 125/QĐ-UBND ngày 17 tháng 7 năm 2025" in page
        assert "Hà Tĩnh, ngày 17 tháng 7 năm 2025" in page
        assert "CHỦ TỊCH" in page
        assert "Trần Văn Bình" in page
        assert "DỰ THẢO" not in page
    bang_khen, giay_khen, cstdcs, ldtt = (pages[p.full_name] for p in people)
    assert "TẶNG" in bang_khen
    assert "BẰNG KHEN" in bang_khen
    assert "GIẤY KHEN" in giay_khen
    assert "TẶNG DANH HIỆU" in cstdcs
    assert "“CHIẾN SĨ THI ĐUA CƠ SỞ”" in cstdcs
    assert "“LAO ĐỘNG TIÊN TIẾN”" in ldtt
    assert "“TẬP THỂ LAO ĐỘNG XUẤT SẮC”" in pages["collective"]
    assert "Chuyên viên, Sở Tư pháp" in bang_khen
    assert "thực hiện nhiệm vụ năm 2024" in bang_khen


def test_the_kinds_come_from_the_catalogue(db: Any) -> None:
    codes = set(certificate_kinds().values_list("code", flat=True))
    assert {"BK_TTG", "BK_BT", "GIAY_KHEN", "LDTT", "CSTDCS", "TTLDXS", "TTLDTT"} <= codes
    # Flags are given as flags; orders and medals have their own state-made diplomas.
    assert not codes & {"CTD_BT", "CTD_CP", "HC_LAO_DONG_3", "KNC"}
    AwardKind.objects.create(
        code="TINH_GIOI",
        name_vi="Giải thưởng Tỉnh giỏi",
        name_en="Provincial prize",
        category="title",
        level="base",
    )
    assert "TINH_GIOI" in set(certificate_kinds().values_list("code", flat=True))


def test_a_draft_is_marked_and_revoked_awards_get_no_certificate(
    world: World, tmp_path: Path
) -> None:
    decision, people = make_decision(world)
    revoking = DecisionFactory(issuing_unit=world.province, number=130, kind="revocation")
    Award.objects.filter(decision=decision, person=people[0]).update(revoked_by=revoking)
    path = write(
        tmp_path, certificates.render_certificates(certificates.decision_certificates(decision))
    )
    text = poppler("pdftotext", path)
    assert people[0].full_name not in text
    assert len(page_texts(path)) == 4
    draft = DecisionFactory(
        issuing_unit=world.province, number=None, status="draft", signed_on=dt.date(2025, 8, 1)
    )
    AwardFactory(decision=draft, person=people[1], kind=kind("GIAY_KHEN"), period=2025)
    path = write(
        tmp_path,
        certificates.render_certificates(certificates.decision_certificates(draft)),
        "draft.pdf",
    )
    text = poppler("pdftotext", path)
    assert "DỰ THẢO" in text
    assert "Quyết định số /QĐ-UBND" in " ".join(text.split())


def test_bad_input_is_refused_in_vietnamese_before_anything_is_made(world: World) -> None:
    decision, people = make_decision(world, signer_name="")
    with pytest.raises(DocumentError, match="họ tên người ký"):
        certificates.decision_certificates(decision)
    Decision.objects.filter(pk=decision.pk).update(signer_name="Trần Văn Bình")
    decision.refresh_from_db()
    Person.objects.filter(pk=people[2].pk).update(given_name="Hường\u4e2d")
    with pytest.raises(DocumentError, match="U\\+4E2D"):
        certificates.decision_certificates(decision)
    medals_only = DecisionFactory(issuing_unit=world.province, number=140)
    AwardFactory(decision=medals_only, person=people[0], kind=kind("CTD_BT"), period=2024)
    with pytest.raises(DocumentError):
        certificates.decision_certificates(medals_only)


def _scan() -> tuple[str, bytes]:
    image = Image.new("RGB", (297 * 2, 210 * 2), (250, 240, 200))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "image/png", out.getvalue()


def test_on_a_blank_only_the_text_is_printed_where_the_office_set_it(
    world: World, tmp_path: Path
) -> None:
    decision, _people = make_decision(world)
    papers = certificates.decision_certificates(decision)
    default = BlankLayout.default()
    layout = BlankLayout(
        {
            **default.places,
            "recipient": Placement(x=40.0, y=100.0, size=20.0, bold=True, printed=True),
        }
    )
    path = write(
        tmp_path,
        certificates.render_certificates(papers[:1], layouts={papers[0].kind_code: layout}),
    )
    text = poppler("pdftotext", path)
    assert papers[0].recipient in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text  # pre-printed on the blank
    assert images(path) == []  # no background
    first = papers[0].recipient.split()[0]
    found = [(x, y) for word, x, y in words(path) if word == first]
    assert found, words(path)
    x, y = found[0]
    assert abs(x - 40 * MM) < 1.5
    # The box of the glyphs starts a little under the top of the line (the half-leading).
    assert 100 * MM - 0.5 < y < 100 * MM + 0.4 * 20
    assert "Page size:       841.89 x 595.276 pts (A4)" in info(path)


def test_the_preview_lays_the_text_over_the_scan(world: World, tmp_path: Path) -> None:
    paper = certificates.sample_certificate(world.province, kind("GIAY_KHEN"))
    path = write(
        tmp_path,
        certificates.render_certificates(
            [paper], layouts={"GIAY_KHEN": BlankLayout.default()}, scans={"GIAY_KHEN": _scan()}
        ),
    )
    assert len(images(path)) == 1
    assert "Nguyễn Thị Hồng Nhung" in poppler("pdftotext", path)


def test_a_picture_of_each_kind(world: World, tmp_path: Path) -> None:
    """Page 1 of each certificate kind as PNG (pdftoppm); VINHDANH_SCREENSHOTS=1 keeps them
    in docs/screenshots/."""
    decision, _people = make_decision(world)
    papers = certificates.decision_certificates(decision)
    keep = os.environ.get("VINHDANH_SCREENSHOTS") == "1"
    for paper in papers:
        path = write(tmp_path, certificates.render_certificates([paper]), f"{paper.kind_code}.pdf")
        target = (SCREENSHOTS if keep else tmp_path) / f"certificate-{paper.kind_code.lower()}"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                "-f",
                "1",
                "-l",
                "1",
                str(path),
                str(target),
            ],
            check=True,
        )
        with Image.open(f"{target}.png") as picture:
            assert picture.width > picture.height  # landscape
    if keep:
        layout = BlankLayout.default()
        path = write(
            tmp_path,
            certificates.render_certificates(papers[:1], layouts={papers[0].kind_code: layout}),
            "blank.pdf",
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-singlefile",
                str(path),
                str(SCREENSHOTS / "certificate-on-blank"),
            ],
            check=True,
        )
