"""Generate the demo province: units with their 2025 history, people, ratings and awards.

Deterministic: everything comes from `random.Random` streams seeded with `seed` (never the
global generator, never the clock), so the same arguments give the same database content.
Scale: people are simulated and written in chunks, so memory stays bounded at a million people.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import random
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from queue import Empty
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import formats
from django.utils.translation import gettext as _

from vinhdanh.awards.models import Award, AwardKind, Decision
from vinhdanh.common.audit import record_action
from vinhdanh.common.context import acting
from vinhdanh.common.text import normalize, search_key
from vinhdanh.demo import places
from vinhdanh.demo.decisions import DECISION_COLUMNS, Bodies, DecisionBook
from vinhdanh.demo.merit import Awarding, collective_titles, evaluation_dates
from vinhdanh.demo.names import NamePicker
from vinhdanh.demo.people import (
    AUTHOR_COLUMNS,
    AWARD_COLUMNS,
    DISCIPLINE_COLUMNS,
    HTTNV,
    HTXSNV,
    INITIATIVE_COLUMNS,
    LEAVE_COLUMNS,
    MERIT_AWARD_COLUMNS,
    MERIT_AWARD_CONSTANTS,
    PERSON_COLUMNS,
    POST_COLUMNS,
    RATING_COLUMNS,
    RATING_CONSTANTS,
    REVIEW_COLUMNS,
    REVOCATION_REASONS,
    Chunk,
    Ids,
    Simulator,
)
from vinhdanh.demo.programme import add_demo_programme
from vinhdanh.demo.story import tell_story
from vinhdanh.demo.tree import (
    COMMUNE,
    DISTRICT_OFFICE,
    DIVISION,
    HOSPITAL,
    OLD_COMMUNE,
    SCHOOL,
    DemoUnit,
    Tree,
    build_tree,
)
from vinhdanh.demo.writer import BulkWriter
from vinhdanh.eligibility.core.parameters import Parameters
from vinhdanh.eligibility.domain.queries.parameters import parameters_for
from vinhdanh.orgs.models import CollectiveRating, Unit, UnitEvent
from vinhdanh.people.models import (
    Discipline,
    Initiative,
    Leave,
    PendingReview,
    Person,
    Post,
    TaskRating,
)

UNIT_COLUMNS = (
    "id",
    "code",
    "name",
    "short_name",
    "level",
    "parent_id",
    "path",
    "depth",
    "valid_from",
    "valid_to",
    "is_collective",
    "priority_area",
    "search_key",
)
EVENT_COLUMNS = (
    "id",
    "kind",
    "effective_date",
    "decision_number",
    "decision_date",
    "decision_body",
    "old_name",
    "new_name",
    "note",
)
COLLECTIVE_ROLES = (DIVISION, SCHOOL, HOSPITAL, OLD_COMMUNE, COMMUNE, DISTRICT_OFFICE)


class DemoError(Exception):
    """The demo cannot be generated here (e.g. the database already holds units)."""


@dataclass
class Summary:
    skipped: bool = False
    elapsed: float = 0.0
    rows: dict[str, int] = field(default_factory=dict)
    awards: dict[str, int] = field(default_factory=dict)
    root_code: str = ""


# Tables the generator writes, by the short names its operations use.
TABLES: dict[str, type[Model]] = {
    "unit": Unit,
    "event": UnitEvent,
    "event_pred": UnitEvent.predecessors.through,
    "event_succ": UnitEvent.successors.through,
    "person": Person,
    "post": Post,
    "rating": TaskRating,
    "initiative": Initiative,
    "author": Initiative.authors.through,
    "discipline": Discipline,
    "leave": Leave,
    "review": PendingReview,
    "decision": Decision,
    "award": Award,
    "collective_rating": CollectiveRating,
}

# One write operation: ("insert", table, columns, rows), ("update", sql, params),
# ("progress", people done) or ("done", award counts).
Op = tuple[Any, ...]

PARALLEL_FROM = 20_000  # people: below this, generating in-process is quicker than a child


def number(value: float, *, decimals: int | None = None) -> str:
    """A count or a duration as the active language writes it: "3.000", "4,4" in Vietnamese
    (the progress lines and the summary are read in the same language as their words)."""
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def generate_demo(
    *,
    people: int,
    seed: int,
    start_year: int = 2016,
    end_year: int = 2025,
    chunk_size: int = 20_000,
    if_empty: bool = False,
    parallel: bool | None = None,
    story: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Write the demo province into the default database; returns the counts.

    With `parallel` (default: from 20,000 people, where a fork server can run) the data is generated
    in a child process while this one writes, so Python and the database work side by side.
    """
    began = time.perf_counter()
    say = progress or (lambda _message: None)
    if Unit.objects.exists():
        if if_empty:
            return Summary(skipped=True)
        raise DemoError("units")
    if end_year < start_year or people < 0:
        raise DemoError("arguments")
    if parallel is None:
        parallel = (
            people >= PARALLEL_FROM and "forkserver" in multiprocessing.get_all_start_methods()
        )
    writer = BulkWriter()
    next_ids = {name: writer.next_id(model) for name, model in TABLES.items()}
    kinds = dict(AwardKind.objects.values_list("code", "id"))
    # Read here: the generator may run in a child process that never touches the database.
    parameters = {
        on: parameters_for(on, None)
        for year in range(start_year, end_year + 1)
        for on in evaluation_dates(year)
    }
    generator = _Generator(
        seed=seed,
        start_year=start_year,
        end_year=end_year,
        people=people,
        next_ids=next_ids,
        kinds=kinds,
        chunk_size=chunk_size,
        parameters=parameters,
    )
    award_counts: dict[str, int] = {}
    with writer.session():
        for op in _run(generator, parallel):
            if op[0] == "insert":
                writer.insert(TABLES[op[1]], op[2], op[3], op[4] if len(op) > 4 else None)
            elif op[0] == "update":
                writer.update_many(op[1], op[2])
            elif op[0] == "progress":
                say(
                    _(
                        "people %(done)s/%(total)s · ratings %(ratings)s · awards %(awards)s · "
                        "%(seconds)s s"
                    )
                    % {
                        "done": number(op[1]),
                        "total": number(people),
                        "ratings": number(writer.rows["people_taskrating"]),
                        "awards": number(writer.rows["awards_award"]),
                        "seconds": number(time.perf_counter() - began, decimals=1),
                    }
                )
            elif op[0] == "units":
                say(
                    _("units %(units)s · unit events %(events)s")
                    % {"units": number(op[1]), "events": number(op[2])}
                )
            elif op[0] == "done":
                award_counts = op[1]
        if connection.vendor == "postgresql":
            writer.reset_sequences(list(TABLES.values()))
        summary = Summary(
            rows=dict(writer.rows), awards=award_counts, root_code=places.PROVINCE_CODE
        )
        root = Unit.objects.get(pk=next_ids["unit"])
        with acting(None, source="cli:generate_demo"):
            record_action(
                root,
                "demo data generated",
                people=people,
                seed=seed,
                start_year=start_year,
                end_year=end_year,
                rows=summary.rows,
            )
    if story:
        # A round under way, through the workflow's own functions (demo/story.py).
        tell_story(seed=seed, year=end_year)
        add_demo_programme(seed=seed)  # demo/programme.py: a programme reported by the communes
    summary.elapsed = time.perf_counter() - began
    return summary


def _run(generator: _Generator, parallel: bool) -> Iterator[Op]:
    """The operations, generated here or in a child process that streams them through a queue.

    The child comes from a fork server started afresh (demo/child.py sets Django up there): the
    generator runs the engine, whose thread pool does not survive a plain `fork`.
    """
    if not parallel:
        yield from generator.ops()
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["vinhdanh.demo.child"])
    queue: Any = context.Queue(maxsize=3)
    child = context.Process(target=_produce, args=(generator, queue), daemon=True)
    child.start()
    try:
        while True:
            try:
                op = queue.get(timeout=5)
            except Empty:
                if not child.is_alive():  # it ended without a word: never wait for ever
                    raise DemoError(f"the generator process ended ({child.exitcode})") from None
                continue
            if op is None:
                break
            if op[0] == "error":
                raise DemoError(op[1])
            yield op
    finally:
        if child.is_alive():
            child.terminate()
        child.join()


def _produce(generator: _Generator, queue: Any) -> None:
    """In the child: never touches the database, only sends rows to the parent."""
    try:
        for op in generator.ops():
            queue.put(op)
    except BaseException:
        queue.put(("error", traceback.format_exc()))
    finally:
        queue.put(None)


class _Generator:
    def __init__(
        self,
        *,
        seed: int,
        start_year: int,
        end_year: int,
        people: int,
        next_ids: dict[str, int],
        kinds: dict[str, int],
        chunk_size: int,
        parameters: dict[dt.date, Parameters],
    ) -> None:
        self.seed = seed
        self.parameters = parameters
        self.y0 = start_year
        self.y1 = end_year
        self.people = people
        self.next_ids = next_ids
        self.kinds = kinds
        self.chunk_size = max(1, chunk_size)

    def ops(self) -> Iterator[Op]:
        ids = self.next_ids
        self.names = NamePicker()
        self.tree: Tree = build_tree(self.seed, ids["unit"])
        self.bodies = Bodies(self.tree.province)
        self.book = DecisionBook(self.seed, ids["decision"], self.names)
        self.ids = Ids(
            person=ids["person"],
            post=ids["post"],
            rating=ids["rating"],
            initiative=ids["initiative"],
            author=ids["author"],
            discipline=ids["discipline"],
            leave=ids["leave"],
            review=ids["review"],
            award=ids["award"],
            collective_rating=ids["collective_rating"],
        )
        yield from self._units()
        sim = Simulator(
            tree=self.tree,
            seed=self.seed,
            start_year=self.y0,
            end_year=self.y1,
            ids=self.ids,
            kinds=self.kinds,
            book=self.book,
            bodies=self.bodies,
            names=self.names,
            total_people=self.people,
            awarding=Awarding(start_year=self.y0, end_year=self.y1, parameters=self.parameters),
        )
        done = 0
        while done < self.people:
            count = min(self.chunk_size, self.people - done)
            yield from self._chunk(sim.chunk(done, count))
            done += count
            yield ("progress", done)
        yield from self._revoke(sim)
        yield from self._collectives(sim)
        yield from self._decisions()
        yield (
            "update",
            'UPDATE "awards_decision" SET "number" = %s WHERE "id" = %s',
            self.book.numbers(),
        )
        yield ("done", dict(sorted(sim.counts.items())))

    # -- units ----------------------------------------------------------------------------------

    def _units(self) -> Iterator[Op]:
        rows = []
        for u in self.tree.units:
            name = normalize(u.name)
            rows.append(
                (
                    u.id,
                    u.code,
                    name,
                    u.short_name,
                    u.level,
                    u.parent.id if u.parent else None,
                    u.path,
                    u.path.count("/") - 2,
                    u.valid_from.isoformat(),
                    u.valid_to.isoformat() if u.valid_to else None,
                    u.is_collective,
                    u.priority_area,
                    search_key(f"{name} {u.short_name} {u.code}"),
                )
            )
        event_id = self.next_ids["event"]
        pred_id = self.next_ids["event_pred"]
        succ_id = self.next_ids["event_succ"]
        events, preds, succs = [], [], []
        for kind, day, decision, before, after, old_name, new_name, note in self.tree.events:
            decided = decision.get("date")
            events.append(
                (
                    event_id,
                    kind,
                    day.isoformat(),
                    str(decision["number"]),
                    decided.isoformat() if isinstance(decided, dt.date) else None,
                    str(decision["body"]),
                    old_name,
                    new_name,
                    note,
                )
            )
            for unit in before:
                preds.append((pred_id, event_id, unit.id))
                pred_id += 1
            for unit in after:
                succs.append((succ_id, event_id, unit.id))
                succ_id += 1
            event_id += 1
        yield ("insert", "unit", UNIT_COLUMNS, rows)
        yield ("insert", "event", EVENT_COLUMNS, events)
        yield ("insert", "event_pred", ("id", "unitevent_id", "unit_id"), preds)
        yield ("insert", "event_succ", ("id", "unitevent_id", "unit_id"), succs)
        yield ("units", len(rows), len(events))

    # -- people ---------------------------------------------------------------------------------

    def _chunk(self, chunk: Chunk) -> Iterator[Op]:
        yield ("insert", "person", PERSON_COLUMNS, chunk.persons)
        yield ("insert", "post", POST_COLUMNS, chunk.posts)
        yield ("insert", "rating", RATING_COLUMNS, chunk.ratings, RATING_CONSTANTS)
        yield ("insert", "initiative", INITIATIVE_COLUMNS, chunk.initiatives)
        yield ("insert", "author", AUTHOR_COLUMNS, chunk.authors)
        yield ("insert", "discipline", DISCIPLINE_COLUMNS, chunk.disciplines)
        yield ("insert", "leave", LEAVE_COLUMNS, chunk.leaves)
        yield ("insert", "review", REVIEW_COLUMNS, chunk.reviews)
        yield from self._decisions()  # before the awards that refer to them
        yield ("insert", "award", MERIT_AWARD_COLUMNS, chunk.awards, MERIT_AWARD_CONSTANTS)
        yield ("insert", "award", AWARD_COLUMNS, chunk.other_awards)

    def _decisions(self) -> Iterator[Op]:
        yield ("insert", "decision", DECISION_COLUMNS, self.book.take_pending())

    # -- revocations (Law 06/2022 Art. 93) --------------------------------------------------------

    def _revoke(self, sim: Simulator) -> Iterator[Op]:
        rng = random.Random(f"{self.seed}|revoke")
        updates = []
        for cand in sorted(sim.revocation_pool, key=lambda c: c.award_id):
            signed = cand.decision.signed_on + dt.timedelta(days=120 + rng.randrange(300))
            signed = min(signed, dt.date(self.y1 + 1, 9, 30))
            while signed.weekday() >= 5:
                signed -= dt.timedelta(days=1)
            dept = self.bodies.managing_department(cand.unit, dt.date(cand.year, 12, 31))
            assert dept is not None
            body = self.bodies.of_department(dept, signed)
            who = "bà" if cand.gender == "F" else "ông"
            decision = self.book.revocation(
                body,
                cand.decision,
                signed,
                f"Về việc hủy bỏ quyết định tặng danh hiệu Lao động tiên tiến năm {cand.year} "
                f"đối với {who} {cand.person_name}",
            )
            ground, reason = REVOCATION_REASONS[rng.randrange(len(REVOCATION_REASONS))]
            updates.append((decision.id, ground, reason, cand.award_id))
            sim.unit_stats[(cand.unit.id, cand.year)][1] -= 1
        yield from self._decisions()
        yield (
            "update",
            'UPDATE "awards_award" SET "revoked_by_id" = %s, "revocation_ground" = %s, '
            '"revocation_reason" = %s WHERE "id" = %s',
            updates,
        )
        sim.counts["revoked"] = len(updates)

    # -- collectives: ratings, TTLĐTT / TTLĐXS, Xã tiêu biểu, Thôn văn hóa ------------------------

    def _collectives(self, sim: Simulator) -> Iterator[Op]:
        rng = random.Random(f"{self.seed}|collective")
        r = rng.random
        by_id = {u.id: u for u in self.tree.units}
        ids = self.ids
        kinds = self.kinds
        book, bodies = self.book, self.bodies
        ratings: list[tuple[object, ...]] = []
        awards: list[tuple[object, ...]] = []
        reviews: list[tuple[object, ...]] = []
        # One commune is under inspection: its collective titles of the last year wait.
        inspected: DemoUnit | None = None
        if self.tree.communes:
            inspected = self.tree.communes[rng.randrange(len(self.tree.communes))]
            reviews.append(
                (
                    ids.review,
                    None,
                    inspected.id,
                    "investigation",
                    dt.date(self.y1, 10, 15).isoformat(),
                    None,
                    "Thanh tra việc quản lý, sử dụng đất đai",
                )
            )
            ids.review += 1

        def award(unit: DemoUnit, kind: str, year: int, window: str) -> None:
            if window == "province":
                d = book.get(bodies.province_body, kind, str(year), year=year, window="province")
            else:
                body = bodies.base(unit, kind, dt.date(year, 12, 31))
                d = book.get(body, kind, str(year), year=year)
            awards.append(
                (
                    ids.award,
                    d.id,
                    kinds[kind],
                    None,
                    unit.id,
                    year,
                    "",
                    "CONG_TRANG",
                    "",
                    "",
                    None,
                    "",
                    "",
                    False,
                )
            )
            ids.award += 1
            sim.counts[kind] += 1

        rated: list[tuple[DemoUnit, int, str]] = []
        for (unit_id, year), (n, ldtt, cs, failed, _warned) in sorted(sim.unit_stats.items()):
            unit = by_id[unit_id]
            if unit.role not in COLLECTIVE_ROLES or n < 3:
                continue
            share = ldtt / n
            excellent = share >= 0.7 and cs >= 1 and failed == 0
            if excellent and r() < 0.45:
                rating = HTXSNV
            elif share > 0.5:
                rating = HTTNV if r() < 0.93 else "HTNV"
            else:
                rating = HTTNV if r() < 0.6 else "HTNV"
            ratings.append((ids.collective_rating, unit_id, year, rating, ""))
            ids.collective_rating += 1
            rated.append((unit, year, rating))
        # TTLĐTT / TTLĐXS: the engine says who qualifies (demo/merit.py); a commune's "Xã tiêu
        # biểu" and a village's title rest on criteria the province sets, which the engine
        # leaves to a person (NEEDS_REVIEW): those stay the demo's choice.
        years = range(self.y0, self.y1 + 1)
        allowed = collective_titles(
            self.tree, sim.unit_stats, ratings, reviews, years, self.parameters
        )
        for unit, year, rating in rated:
            if unit is inspected and year == self.y1:
                continue
            if unit.role in (OLD_COMMUNE, COMMUNE) and rating == HTXSNV and r() < 0.25:
                award(unit, "XA_TB", year, "province")
            elif unit.id in allowed[(year, "TTLDXS")] and r() < 0.6:
                award(unit, "TTLDXS", year, "province")
            elif unit.id in allowed[(year, "TTLDTT")] and r() < 0.9:
                award(unit, "TTLDTT", year, "base")
        # Villages: "Thôn, tổ dân phố văn hóa" by the district chair, until the districts ended.
        for village in self.tree.villages:
            for year in range(self.y0, min(self.y1, places.COMMUNE_REFORM_DAY.year - 1) + 1):
                if r() < 0.7:
                    award(village, "THON_VH", year, "base")
        yield ("insert", "review", REVIEW_COLUMNS, reviews)
        yield ("insert", "collective_rating", ("id", "unit_id", "year", "rating", "note"), ratings)
        yield from self._decisions()
        yield ("insert", "award", AWARD_COLUMNS, awards)
