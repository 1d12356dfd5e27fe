"""The candidate list pages: collectives' lists, the "Trong tỷ lệ" figures, and nominating
the ticked people or collectives of a list in one step (no JavaScript needed)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.awards import AwardFactory, DecisionFactory, kind
from tests.factories.orgs import UnitFactory
from tests.nominations.world import World, build_world
from vinhdanh.eligibility.models import ParameterValue
from vinhdanh.nominations.models import Nomination
from vinhdanh.orgs.enums import UnitLevel
from vinhdanh.orgs.models import CollectiveRating
from vinhdanh.people.enums import Rating
from vinhdanh.people.models import Person

pytestmark = pytest.mark.django_db

QUERY = "?year=2024&decision_date=2025-01-15"


@pytest.fixture
def world() -> World:
    return build_world()


def _list(world: World, code: str = "LDTT") -> str:
    return reverse("web:unit_candidates", args=[world.dept.pk]) + f"{QUERY}&code={code}"


def _nominate(world: World, code: str = "LDTT", subject: str = "") -> str:
    url = reverse("web:unit_candidates_nominate", args=[world.dept.pk]) + f"{QUERY}&code={code}"
    return url + (f"&subject={subject}" if subject else "")


def test_a_clerk_ticks_people_and_nominates_them_in_a_round(client, world: World) -> None:
    hong, lan = world.person(given_name="Hồng"), world.person(given_name="Lan")
    client.force_login(world.clerk)
    page = client.get(_list(world)).content.decode()
    assert f'name="person" value="{hong.pk}"' in page
    assert re.search(rf'<select name="round"[^>]*>\s*<option value="{world.round.pk}"', page)
    response = client.post(_nominate(world), {"round": world.round.pk, "person": [hong.pk, lan.pk]})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:workflow_round", args=[world.round.pk])
    assert {n.person for n in Nomination.objects.filter(round=world.round)} == {hong, lan}


def test_a_refused_bulk_nomination_keeps_the_ticks_and_says_why(client, world: World) -> None:
    hong = world.person(given_name="Hồng")
    already = world.person(given_name="Minh")
    world.nominate(person=already)
    client.force_login(world.clerk)
    response = client.post(
        _nominate(world), {"round": world.round.pk, "person": [hong.pk, already.pk]}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert f'value="{hong.pk}" id="tick-{hong.pk}" checked' in body
    assert f"{already} đã được đề nghị Lao động tiên tiến trong đợt xét này." in body
    assert "Chưa tạo hồ sơ nào: 1 trong số 2 trường hợp không thể đề nghị." in body
    assert Nomination.objects.count() == 1


def test_ticking_someone_outside_the_list_creates_nothing(client, world: World) -> None:
    ours = world.person()
    theirs = world.person(unit=world.dept_b, family_name="Trần", given_name="Lan")
    client.force_login(world.clerk)
    response = client.post(
        _nominate(world), {"round": world.round.pk, "person": [ours.pk, theirs.pk]}
    )
    assert response.status_code == 400
    assert "không thuộc danh sách này" in response.content.decode()
    assert not Nomination.objects.exists()
    client.force_login(world.clerk_b)
    assert client.post(_nominate(world), {"round": world.round.pk}).status_code == 404


def test_who_may_not_nominate_sees_the_list_without_checkboxes(client, world: World) -> None:
    world.person()
    client.force_login(world.office)
    page = client.get(_list(world)).content.decode()
    assert 'name="person"' not in page
    response = client.post(_nominate(world), {"round": world.round.pk})
    assert response.status_code == 403
    assert not Nomination.objects.exists()


def _year_awarded(
    world: World, quota: str, ldtt: list[Person], cstdcs: Sequence[Person] = ()
) -> None:
    """The province's CSTĐCS quota, and the titles of 2024 already awarded."""
    ParameterValue.objects.create(
        key="cstdcs_quota_of_ldtt", value=quota, unit=world.province, valid_from=dt.date(2024, 1, 1)
    )
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 10), year=2025)
    for code, people in (("LDTT", ldtt), ("CSTDCS", cstdcs)):
        for person in people:
            AwardFactory(person=person, kind=kind(code), period=2024, decision=issued)


def test_the_quota_column_flags_a_unit_over_its_cstdcs_quota(client, world: World) -> None:
    holder = world.person(rating=Rating.HTXSNV, given_name="Hồng")
    _year_awarded(world, "50%", ldtt=[holder], cstdcs=[holder])
    world.nominate(person=world.person(), code="CSTDCS")
    # 2 LĐTT (one held, one eligible) → 1 CSTĐCS; 1 awarded + 1 proposed = 2: none left, over by 1
    client.force_login(world.clerk)
    body = client.get(_list(world, "CSTDCS")).content.decode()
    assert (
        '<tr class="over"><td>Sở Tư pháp</td><td>2</td><td>1</td><td>1</td><td>1</td>'
        '<td>0 <span class="badge warn">vượt 1</span></td></tr>'
    ) in body
    assert QUOTA_HEADERS in body
    assert (
        "Tỷ lệ CSTĐCS — được phép: 1; đã được tặng trong năm: 1; trong hồ sơ đang xét: 1; "
        "còn lại: 0 (vượt 1)."
    ) in body
    assert "-1" not in _text(body)
    xlsx = client.get(reverse("web:unit_candidates_xlsx", args=[world.dept.pk]) + QUERY)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Danh sách xét 2024", "Trong tỷ lệ"]
    rows = list(book["Trong tỷ lệ"].iter_rows(values_only=True))
    assert rows[0] == (
        "Đơn vị",
        "Tỷ lệ trên số LĐTT",
        "LĐTT",
        "Được phép",
        "Đã được tặng trong năm",
        "Trong hồ sơ đang xét",
        "Còn lại",
        "Vượt",
    )
    assert rows[1:] == [("Sở Tư pháp", "50%", 2, 1, 1, 1, 0, 1)]


# The quota columns both pages share, in the same words and order.
QUOTA_HEADERS = (
    "<th>Được phép</th><th>Đã được tặng trong năm</th><th>Trong hồ sơ đang xét</th><th>Còn lại</th>"
)


def _text(html: str) -> str:
    """What a reader sees: the page without its tags, scripts and attributes."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def _candidate_cell(body: str, person) -> str:  # type: ignore[no-untyped-def]
    """The "Trong tỷ lệ" cell of a person's row on a CSTĐCS list."""
    row = re.search(
        rf"<tr>(?:(?!</tr>).)*?{re.escape(person.full_name)}(?:(?!</tr>).)*</tr>", body, re.S
    )
    assert row is not None, person.full_name
    cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.S)
    return cells[-2].strip()  # before "explain"


def test_nobody_is_within_a_quota_the_years_awards_used_up(client, world: World) -> None:
    """12 LĐTT at 25% → 3 allowed, and 4 CSTĐCS already awarded for the year: the one
    candidate left is over the quota, and nothing prints a negative remainder."""
    holders = [world.person() for _ in range(11)]
    candidate = world.person(rating=Rating.HTXSNV, family_name="Lê", given_name="Thu")
    _year_awarded(world, "25%", ldtt=[*holders, candidate], cstdcs=holders[:4])
    client.force_login(world.clerk)

    body = client.get(_list(world, "CSTDCS")).content.decode()

    assert (
        '<tr class="over"><td>Sở Tư pháp</td><td>12</td><td>3</td><td>4</td><td>0</td>'
        '<td>0 <span class="badge warn">vượt 1</span></td></tr>'
    ) in body
    assert (
        "Tỷ lệ CSTĐCS — được phép: 3; đã được tặng trong năm: 4; trong hồ sơ đang xét: 0; "
        "còn lại: 0 (vượt 1)."
    ) in body
    assert _candidate_cell(body, candidate) == '<span class="badge warn">vượt tỷ lệ</span>'
    assert "-1" not in _text(body)
    assert "rules.md" not in body
    assert "khoản 2 Điều 5 Luật 06/2022" in body  # the priority group's legal basis
    xlsx = client.get(reverse("web:unit_candidates_xlsx", args=[world.dept.pk]) + QUERY)
    book = load_workbook(io.BytesIO(xlsx.content))
    assert list(book["Trong tỷ lệ"].iter_rows(values_only=True))[1:] == [
        ("Sở Tư pháp", "25%", 12, 3, 4, 0, 0, 1)
    ]
    (listed,) = [
        r
        for r in book["Danh sách xét 2024"].iter_rows(values_only=True)
        if r[3] == str(candidate.full_name)
    ]
    assert listed[-2:] == (1, "không")  # ranked first, yet not within the quota


def test_the_candidates_within_the_room_the_years_awards_leave(client, world: World) -> None:
    """8 LĐTT at 50% → 4 allowed, 2 already awarded: of three candidates the first two in
    rank are within the quota; one of them already in a dossier is not counted twice."""
    holders = [world.person() for _ in range(5)]
    stars = [
        world.person(rating=Rating.HTXSNV, family_name="Lê", given_name=name)
        for name in ("An", "Bình", "Chi")
    ]
    _year_awarded(world, "50%", ldtt=[*holders, *stars], cstdcs=holders[:2])
    world.nominate(person=stars[0], code="CSTDCS")
    client.force_login(world.clerk)

    body = client.get(_list(world, "CSTDCS")).content.decode()

    assert "<td>Sở Tư pháp</td><td>8</td><td>4</td><td>2</td><td>1</td><td>1</td>" in body
    cells = [_candidate_cell(body, person) for person in stars]
    assert cells.count("có") == 2
    assert cells.count('<span class="badge warn">vượt tỷ lệ</span>') == 1


def test_both_pages_show_the_same_quota_figures_after_drafts(client, world: World) -> None:
    """A clerk makes two draft dossiers from the CSTĐCS list: the list and the round's page
    say the same (allowed, awarded, in dossiers under way, remaining), with the same
    labels; the round's page says apart how many are submitted."""
    holders = [world.person() for _ in range(6)]
    stars = [world.person(rating=Rating.HTXSNV) for _ in range(2)]
    _year_awarded(world, "25%", ldtt=[*holders, *stars])
    client.force_login(world.clerk)
    response = client.post(
        _nominate(world, "CSTDCS"), {"round": world.round.pk, "person": [p.pk for p in stars]}
    )
    assert response.status_code == 302
    drafts = list(Nomination.objects.filter(kind__code="CSTDCS"))
    assert len(drafts) == 2

    listed = client.get(_list(world, "CSTDCS")).content.decode()
    round_url = reverse("web:workflow_round", args=[world.round.pk])
    round_page = client.get(round_url).content.decode()

    # 8 LĐTT → 2 allowed; none awarded; 2 in dossiers under way (drafts); 0 remaining
    assert "<td>Sở Tư pháp</td><td>8</td><td>2</td><td>0</td><td>2</td><td>0</td></tr>" in listed
    assert "<td>2</td><td>0</td><td>2</td>\n        <td>0</td>\n        <td>0</td>" in round_page
    for page in (listed, round_page):
        assert QUOTA_HEADERS in page
        assert not re.search(r"vượt \d", page)  # exactly at the quota, not over it
    assert "<th>Còn lại</th><th>Trong đó đã trình</th>" in round_page
    assert "Dự kiến" not in round_page

    from vinhdanh.nominations.domain.workflow import transition
    from vinhdanh.nominations.enums import NominationState

    # a dossier is submitted with its achievements (Law 06/2022 Art. 84)
    drafts[0].achievement_summary = "Hoàn thành xuất sắc nhiệm vụ năm 2024."
    drafts[0].save(update_fields=["achievement_summary"])
    transition(nomination=drafts[0], to=NominationState.SUBMITTED, actor=world.clerk)
    round_page = client.get(round_url).content.decode()
    assert "<td>2</td><td>0</td><td>2</td>\n        <td>0</td>\n        <td>1</td>" in round_page
    listed = client.get(_list(world, "CSTDCS")).content.decode()
    assert "<td>Sở Tư pháp</td><td>8</td><td>2</td><td>0</td><td>2</td><td>0</td></tr>" in listed


def _collectives(world: World) -> tuple:  # type: ignore[type-arg]
    """Two divisions of the department: one with every member LĐTT, one with nobody."""
    good = UnitFactory(parent=world.dept, name="Phòng Đăng ký", level=UnitLevel.DIVISION)
    weak = UnitFactory(parent=world.dept, name="Phòng Bổ trợ", level=UnitLevel.DIVISION)
    for unit in (good, weak):
        CollectiveRating.objects.create(unit=unit, year=2024, rating="HTTNV")
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 10), year=2025)
    for _ in range(2):
        AwardFactory(
            person=world.person(unit=good), kind=kind("LDTT"), period=2024, decision=issued
        )
    world.person(unit=weak, rating=Rating.HTNV)
    return good, weak


def test_collectives_list_page_explains_and_exports(client, world: World) -> None:
    good, weak = _collectives(world)
    client.force_login(world.clerk)
    url = reverse("web:unit_collectives", args=[world.dept.pk]) + QUERY
    body = client.get(url + "&code=TTLDTT&outcome=NOT_ELIGIBLE").content.decode()
    assert "Phòng Bổ trợ" in body
    assert "Phòng Đăng ký" not in body
    why = client.get(
        reverse("web:collective_why", args=[weak.pk, "TTLDTT"]) + QUERY
    ).content.decode()
    assert "R-TTLDTT-1" in why
    xlsx = client.get(reverse("web:unit_collectives_xlsx", args=[world.dept.pk]) + QUERY)
    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert ("Tập thể lao động tiên tiến", 1, good.code, "Phòng Đăng ký", "Phòng, ban") in rows
    assert not [r for r in rows if r[3] == "Phòng Bổ trợ" and r[0] == "Tập thể lao động tiên tiến"]
    client.force_login(world.clerk_b)
    assert client.get(url).status_code == 404


def test_a_clerk_nominates_ticked_collectives(client, world: World) -> None:
    good, weak = _collectives(world)
    client.force_login(world.clerk)
    page = client.get(
        reverse("web:unit_collectives", args=[world.dept.pk]) + f"{QUERY}&code=TTLDTT"
    ).content.decode()
    assert f'name="unit" value="{good.pk}"' in page
    refused = client.post(
        _nominate(world, "TTLDTT", "collective"),
        {"round": world.round.pk, "unit": [good.pk, weak.pk]},
    )
    assert refused.status_code == 400
    assert not Nomination.objects.exists()
    done = client.post(
        _nominate(world, "TTLDTT", "collective"), {"round": world.round.pk, "unit": [good.pk]}
    )
    assert done.status_code == 302
    (nomination,) = Nomination.objects.all()
    assert (nomination.unit, nomination.kind.code) == (good, "TTLDTT")
    assert nomination.eligibility_outcome == "ELIGIBLE"
    again = client.get(
        reverse("web:unit_collectives", args=[world.dept.pk]) + f"{QUERY}&code=TTLDTT"
    ).content.decode()
    assert f'name="unit" value="{good.pk}"' not in again
    assert f"Đã có hồ sơ trong đợt “{world.round.name}”" in again


def test_someone_with_a_dossier_in_an_open_round_is_named_not_offered(client, world: World) -> None:
    free = world.person(given_name="Hồng")
    taken = world.person(given_name="Minh")
    dossier = world.nominate(person=taken)
    client.force_login(world.clerk)
    page = client.get(_list(world)).content.decode()
    assert f'name="person" value="{free.pk}"' in page
    assert f'name="person" value="{taken.pk}"' not in page
    link = reverse("web:workflow_nomination", args=[dossier.pk])
    assert f'<a href="{link}">Đã có hồ sơ trong đợt “{world.round.name}”</a>' in page
    # nobody left to tick: no bulk form, no button
    world.nominate(person=free)
    page = client.get(_list(world)).content.decode()
    assert 'name="person"' not in page
    assert 'name="nominate"' not in page
    assert page.count("Đã có hồ sơ trong đợt") == 2


def test_a_refusal_says_each_reason_once_and_its_filters_go_back_to_the_list(
    client, world: World
) -> None:
    already = world.person(given_name="Minh")
    world.nominate(person=already)
    hong = world.person(given_name="Hồng")
    client.force_login(world.clerk)
    response = client.post(
        _nominate(world), {"round": world.round.pk, "person": [hong.pk, already.pk]}
    )
    body = response.content.decode()
    reason = f"{already} đã được đề nghị Lao động tiên tiến trong đợt xét này."
    assert body.count(reason) == 1
    assert body.count(str(already)) == 2  # the reason and the row's name
    assert body.count("Chưa tạo hồ sơ nào") == 1
    filters = re.search(r'<form method="get" action="([^"]+)" class="filters">', body)
    assert filters is not None
    assert filters.group(1) == reverse("web:unit_candidates", args=[world.dept.pk])
    assert client.get(filters.group(1) + QUERY).status_code == 200


def test_an_empty_eligible_list_says_how_many_already_hold_the_title(client, world: World) -> None:
    holder = world.person(given_name="Hồng")
    issued = DecisionFactory(signed_on=dt.date(2025, 1, 10), year=2025)
    AwardFactory(person=holder, kind=kind("LDTT"), period=2024, decision=issued)
    client.force_login(world.clerk)
    page = client.get(_list(world)).content.decode()
    assert "1 người đã có Lao động tiên tiến năm 2024" in page
    assert "Danh sách không có ai" not in page
    assert 'name="nominate"' not in page
    assert '<label for="code">Danh hiệu, hình thức khen thưởng</label>' in page


def test_collectives_are_named_with_their_parent_and_kind_of_unit(client, world: World) -> None:
    good, _weak = _collectives(world)
    client.force_login(world.clerk)
    url = reverse("web:unit_collectives", args=[world.dept.pk]) + QUERY + "&code=TTLDTT"
    page = client.get(url).content.decode()
    assert f'{good.name}</a> <span class="muted">— Sở Tư pháp</span>' in page
    assert "<th>Loại đơn vị</th>" in page
