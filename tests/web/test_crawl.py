"""Every page as every demo role: follow the links from the home page, as a person would.

A small demo province (`generate_demo` + `demo_logins`) with a round, nominations in several
states and a council session; then, for each demo login, every same-site link reachable from
the home page is opened (GET only, one or two samples per URL pattern). The crawl fails on any
4xx/5xx reached from a link and on English words in the visible text of a Vietnamese page.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone
from openpyxl import load_workbook

from vinhdanh.councils.domain.sessions import (
    add_to_agenda,
    cast_ballots,
    close_session,
    create_session,
    open_session,
    set_attendance,
)
from vinhdanh.councils.enums import Choice, CouncilRole
from vinhdanh.councils.models import Council, CouncilMember
from vinhdanh.movements.domain.movements import launch_movement, register
from vinhdanh.nominations.domain.notices import post_notice
from vinhdanh.nominations.enums import NominationState
from vinhdanh.nominations.models import Nomination, Round
from vinhdanh.orgs.models import Unit

pytestmark = pytest.mark.django_db

DEMO_USERS = ("admin", "vanphong", "lanhdao", "hoidong", "vanthu.sotuphap", "canbo")

# Words that betray an untranslated text on a Vietnamese page (case-sensitive, whole words).
ENGLISH = (
    "Submit",
    "Resubmit",
    "Reject",
    "Return",
    "Appraise",
    "Withdraw",
    "Propose",
    "Revoke",
    "Save",
    "Cancel",
    "Search",
    "Delete",
    "Edit",
    "Law",
    "Art.",
    "Decree",
    "Circular",
    "regime_",
    "present_members",
    "total_members",
    "viewed",
    # the audit log's action messages (the story posts a notice: "entered in the register …")
    "entered",
    "posted",
    "recorded",
    "downloaded",
    "kind:",
    "Forbidden",
    "Not Found",
    "Server Error",
    "None",
    "True",
    "False",
    "Page",
    "next",
    "previous",
)
_ENGLISH = re.compile(
    "|".join(
        rf"(?<![\w/]){re.escape(w)}" + ("" if w.endswith((".", ":", "_", " ")) else r"(?!\w)")
        for w in ENGLISH
    )
)
# A title or form shown by its code rather than its name ("CSTDCS" is a code; the Vietnamese
# abbreviation "CSTĐCS" is a name). Codes inside <code> are shown on purpose (the catalogue).
_CODES = re.compile(
    r"(?<![\w/=.-])(?:LDTT|CSTT|CSTDCS|CSTD_BT|CSTDTQ|TTLDTT|TTLDXS|DVTT|DVQT|CTD_BT|CTD_CP"
    r"|XA_TB|THON_VH|GDVH|GIAY_KHEN|BK_BT|BK_TTG|KNC|HC_[A-Z_]+\d?)(?![\w/=.-])"
)
# Not followed: another site's machinery (Django's admin, the API's JSON, language switch,
# logout) and links that change state.
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/logout/", "/static/", "/login/")
SAMPLES_PER_PATTERN = 2
# Pages that differ by the state of what they show: every sample is worth a look.
SAMPLES_BY_VIEW = {"web:workflow_nomination": 10, "web:councils:session": 5}
MAX_PAGES_PER_USER = 400


@dataclass
class Crawl:
    username: str
    failures: list[str] = field(default_factory=list)
    visited: set[str] = field(default_factory=set)


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    # What a person reads inside tags: placeholders, tooltips, button values.
    shown = re.findall(r'(?i)\b(?:placeholder|title|aria-label|alt)="([^"]*)"', page)
    shown += re.findall(r'(?i)<input[^>]*type="(?:submit|button)"[^>]*value="([^"]*)"', page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(" ".join([page, *shown]))


# Controls the browser draws in its own language ("Choose File / No file chosen", mm/dd/yyyy):
# dates are the shared dd/mm/yyyy text field, files the Vietnamese button (common/widgets.py).
_NATIVE = re.compile(
    r'<input\b(?=[^>]*\btype="(?:date|datetime-local|month|week)")[^>]*>'
    r'|<input\b(?![^>]*file-pick-input)(?=[^>]*\btype="file")[^>]*>'
)


def english_words(page: str, *, codes: bool = True) -> list[str]:
    text = visible_text(re.sub(r"(?s)<code\b.*?</code>", " ", page))
    found = {m.group(0) for m in _ENGLISH.finditer(text)}
    found |= {f"browser-native {m.group(0)}" for m in _NATIVE.finditer(page)}
    if codes:
        found |= {f"code {m.group(0)}" for m in _CODES.finditer(text)}
    return sorted(found)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def xlsx_words(content: bytes) -> list[str]:
    """English words and title codes in the cells of a spreadsheet (the first 2,000 rows)."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(max_row=2000, values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    text = " \n ".join(cells)
    found = {m.group(0) for m in _ENGLISH.finditer(text)}
    found |= {f"code {m.group(0)}" for m in _CODES.finditer(text)}
    return sorted(found)


def _links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'(?i)<a\b[^>]*\bhref="([^"#][^"]*)"', page)]


def _pattern(path: str) -> tuple[str, tuple[str, ...]] | None:
    parts = urlsplit(path)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return ("?", (parts.path,))
    keys = tuple(sorted({k for k, _v in parse_qsl(parts.query)}))
    return (match.view_name, keys)


def crawl(client: Client, username: str, *, words: bool = True) -> Crawl:
    result = Crawl(username)
    samples: dict[Any, int] = {}
    queue: deque[tuple[str, str]] = deque([("/", "(start)")])
    while queue and len(result.visited) < MAX_PAGES_PER_USER:
        url, referrer = queue.popleft()
        if url in result.visited:
            continue
        pattern = _pattern(url)
        limit = SAMPLES_BY_VIEW.get(pattern[0], SAMPLES_PER_PATTERN) if pattern else 1
        if samples.get(pattern, 0) >= limit:
            continue
        samples[pattern] = samples.get(pattern, 0) + 1
        result.visited.add(url)
        response = client.get(url)
        # A downloaded file is read to the end, which closes it (the test client's wrapper; a
        # second close() would fire request_finished and drop the database connection).
        body = (
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
            if response.streaming
            else response.content
        )
        if response.status_code in (301, 302):
            target = response["Location"]
            if target.startswith("/") and not target.startswith(SKIP_PREFIXES):
                queue.append((target, url))
            continue
        if response.status_code >= 400:
            result.failures.append(f"{response.status_code} {url} (linked from {referrer})")
            continue
        if not words:
            pass
        elif response.get("Content-Type", "").startswith(XLSX):
            in_cells = xlsx_words(body)
            if in_cells:
                result.failures.append(f"English {in_cells} in {url}")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = body.decode()
        # The audit log shows stored values as they are (codes included), by design.
        found = english_words(page, codes=not url.startswith("/audit/")) if words else []
        if found:
            result.failures.append(f"English {found} on {url}")
        for href in _links(page):
            href = urldefrag(href)[0]
            if href.startswith("?"):
                href = urlsplit(url).path + href
            if not href.startswith("/") or href.startswith("//"):
                continue
            if href.startswith(SKIP_PREFIXES) or href in result.visited:
                continue
            queue.append((href, url))
    return result


def _story() -> None:
    """What the demo province lacks for a crawl to reach every kind of page: a council with
    an open and a closed session, a round with nominations in every state, a public notice,
    a movement with a registration."""
    from tests.factories.awards import kind
    from tests.factories.people import PersonFactory, PostFactory

    users = {u.username: u for u in get_user_model().objects.all()}
    clerk, office, member = users["vanthu.sotuphap"], users["vanphong"], users["hoidong"]
    root = Unit.objects.filter(parent__isnull=True).order_by("id").first()
    assert root is not None
    unit = clerk.role_assignments.get().unit
    council = Council.objects.create(unit=root, name="Hội đồng Thi đua - Khen thưởng tỉnh")
    CouncilMember.objects.create(council=council, user=office, role=CouncilRole.CHAIR)
    CouncilMember.objects.create(council=council, user=member, role=CouncilRole.MEMBER)
    round_ = Round.objects.create(
        name="Danh hiệu thi đua năm 2024",
        owning_unit=unit,
        decider_unit=root,
        decider_role="chu_tich_ubnd_tinh",
        year=2024,
        planned_decision_date=dt.date(2025, 1, 15),
    )
    # The clerk's own people (the demo puts few in one department).
    states = [
        NominationState.DRAFT,
        NominationState.SUBMITTED,
        NominationState.APPRAISED,
        NominationState.APPRAISED,
        NominationState.VOTED,
        NominationState.PROPOSED,
        NominationState.RETURNED,
        NominationState.REJECTED,
        NominationState.WITHDRAWN,
    ]
    nominations: dict[str, list[Nomination]] = {}
    for state in states:
        person = PostFactory(unit=unit, person=PersonFactory()).person
        person.refresh_from_db()  # its current unit follows the post
        nominations.setdefault(state, []).append(
            Nomination.objects.create(
                round=round_,
                person=person,
                kind=kind("CSTDCS"),
                period=2024,
                state=state,
                eligibility_outcome="ELIGIBLE",
            )
        )
    appraised = nominations[NominationState.APPRAISED]
    pending = create_session(
        council=council,
        title="Phiên họp xét khen thưởng đợt 2",
        date=dt.date(2025, 1, 10),
        actor=office,
    )
    add_to_agenda(session=pending, nominations=[appraised[0]], actor=office)
    closed = create_session(
        council=council,
        title="Phiên họp xét khen thưởng đợt 1",
        date=dt.date(2025, 1, 8),
        actor=office,
    )
    add_to_agenda(session=closed, nominations=[appraised[1]], actor=office)
    members = list(council.members.all())
    set_attendance(session=closed, present=members, actor=office)
    open_session(session=closed, actor=office)
    for voter in (office, member):
        cast_ballots(session=closed, voter=voter, choices={appraised[1].pk: Choice.FOR.value})
    close_session(session=closed, actor=office)
    post_notice(
        actor=office,
        round=round_,
        starts_on=timezone.localdate(),
        nominations=nominations[NominationState.VOTED],
    )
    movement = launch_movement(
        actor=office,
        launched_by=root,
        name="Phong trào thi đua yêu nước năm 2024",
        kind="regular",
        starts_on=dt.date(2024, 1, 1),
        ends_on=dt.date(2024, 12, 31),
        year=2024,
        target_kinds=[kind("LDTT"), kind("CSTDCS")],
    )
    register(
        actor=clerk,
        movement=movement,
        registering_unit=unit,
        target_kinds=[kind("CSTDCS")],
        person=appraised[0].person,
        pledge="Hoàn thành xuất sắc nhiệm vụ được giao.",
        registered_on=dt.date(2024, 2, 1),
    )


@pytest.fixture
def province(db) -> None:  # type: ignore[no-untyped-def]
    call_command("generate_demo", "--people", "60", "--seed", "2025", stdout=io.StringIO())
    call_command("demo_logins", stdout=io.StringIO())
    _story()


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_page_reachable_by_a_demo_role_opens_in_vietnamese(province, username) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    result = crawl(client, username)
    assert len(result.visited) > 5, f"{username} reached almost nothing"
    assert result.failures == [], f"{username}:\n" + "\n".join(result.failures)


def test_the_pages_before_logging_in_are_vietnamese(db) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    login = client.get("/login/")
    assert login.status_code == 200
    assert english_words(login.content.decode()) == []
    missing = client.get("/khong-co/")
    assert missing.status_code == 404
    assert english_words(missing.content.decode()) == []


def test_every_page_also_opens_in_english(province) -> None:  # type: ignore[no-untyped-def]
    """The English rendering (citations as written, labels in English) breaks no page."""
    from django.conf import settings

    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(get_user_model().objects.get(username="admin"))
    result = crawl(client, "admin", words=False)
    assert len(result.visited) > 5
    assert result.failures == [], "\n".join(result.failures)


def test_the_word_check_sees_what_a_person_reads() -> None:
    assert english_words("<button>Submit</button>") == ["Submit"]
    assert english_words('<input type="submit" value="Save">') == ["Save"]
    assert english_words('<input placeholder="Search">') == ["Search"]
    assert english_words("<td>Law 06/2022 Art. 74(1)(d)</td>") == ["Art.", "Law"]
    assert english_words("<td>CSTDCS</td>") == ["code CSTDCS"]
    assert english_words('<input type="date" name="d">') == [
        'browser-native <input type="date" name="d">'
    ]
    assert english_words('<input name="f" type="file">') == [
        'browser-native <input name="f" type="file">'
    ]
    assert english_words('<input type="file" class="file-pick-input visually-hidden">') == []
    assert english_words("<td>CSTĐCS</td><code>CSTDCS</code>") == []
    assert english_words("<script>var Submit = 1;</script><a href='/x/Edit'>Sửa</a>") == []
    assert english_words("<p>Trình</p><p>regime_2022b</p>") == ["regime_"]
