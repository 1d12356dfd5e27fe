"""The demo asks the engine: which titles each person and collective qualifies for, year by
year, and picks among them — so the demo can never disagree with the law.

The people's facts (ratings, posts, initiatives, discipline, leave, reviews) are generated
first (people.py); then, for every year, the batch engine evaluates the candidate titles over
the chunk's facts held in memory, in the order the titles rest on each other (LĐTT, then
CSTĐCS, then what counts CSTĐCS …), and the demo chooses with seeded randomness among the
eligible: most get LĐTT, a share get CSTĐCS within the quota, few the higher titles.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import polars as pl

from vinhdanh.demo.decisions import PM, PRESIDENT
from vinhdanh.eligibility.core import FactTables, Outcome, evaluate_many, regimes, titles
from vinhdanh.eligibility.core.parameters import Parameters
from vinhdanh.eligibility.domain.queries.facts import years_with_leave
from vinhdanh.eligibility.services import COLLECTIVE_CODES, PERSON_CODES, review_date

if TYPE_CHECKING:
    from vinhdanh.demo.decisions import Body, DecisionRow
    from vinhdanh.demo.people import Career, Chunk, Simulator
    from vinhdanh.demo.tree import DemoUnit, Tree

# An award as the engine's awards table has it, after the subject.
AWARD_FACT_COLUMNS = (
    "subject_id",
    "code",
    "period",
    "decision_date",
    "award_type",
    "revoked",
    "achievement_id",
    "decider_role",
)

# How often an eligible person is given a title: (outstanding tier, others). CSTĐCS follows the
# person's tier (people.TIERS, `Career.cstdcs_share`); a title missing here is never chosen.
SHARES: dict[str, tuple[float, float]] = {
    "LDTT": (0.985, 0.985),
    "CSTD_BT": (0.6, 0.35),
    "BK_BT": (0.45, 0.3),
    "CSTDTQ": (0.4, 0.4),
    "BK_TTG": (0.5, 0.5),
    "HC_LAO_DONG_3": (0.8, 0.8),
}
# Who signs: the province (window "province"), the Prime Minister, the President; the rest
# the person's own base level.
WINDOWS: dict[str, str] = {
    "CSTD_BT": "province",
    "BK_BT": "province",
    "CSTDTQ": "pm",
    "BK_TTG": "pm",
    "HC_LAO_DONG_3": "president",
}
# One form a year for a person; CSTĐ toàn quốc may crown the year's CSTĐ tỉnh.
ONE_A_YEAR = frozenset({"CSTD_BT", "BK_BT", "BK_TTG", "HC_LAO_DONG_3"})


def stages(codes: Iterable[str]) -> list[tuple[str, ...]]:
    """The codes grouped by how deep their prerequisites go (title registry's `rests_on`):
    a stage is evaluated once the awards of the stages before it are made."""
    wanted = list(codes)

    def depth(code: str) -> int:
        below = [c for c in titles.get(code).rests_on if c in wanted]
        return 1 + max(map(depth, below)) if below else 0

    levels: dict[int, list[str]] = {}
    for code in wanted:
        levels.setdefault(depth(code), []).append(code)
    return [tuple(levels[k]) for k in sorted(levels)]


PERSON_STAGES = stages(PERSON_CODES)


def evaluation_dates(year: int) -> tuple[dt.date, ...]:
    """The dates the titles of a year are evaluated on: the year-end review and, when another
    regime covers the decisions signed in December, 31 December too (the stricter reading)."""
    review = review_date(year)
    december = dt.date(year, 12, 31)
    if regimes.select(december).name != regimes.select(review).name:
        return (december, review)
    return (review,)


def _dates(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.String).str.to_date("%Y-%m-%d", strict=False)


def awards_frame(rows: list[tuple[object, ...]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "subject_id": pl.Int64,
            "code": pl.String,
            "period": pl.Int32,
            "decision_date": pl.Date,
            "award_type": pl.String,
            "revoked": pl.Boolean,
            "achievement_id": pl.String,
            "decider_role": pl.String,
        },
        orient="row",
    )


def person_facts(chunk: Chunk) -> dict[str, pl.DataFrame]:
    """The chunk's people as the engine's fact tables, built from the rows about to be written
    (the same columns the database adapter reads; leave through the adapter's own code)."""
    subjects = pl.DataFrame(
        [(row[0], row[7], bool(row[9]), row[10]) for row in chunk.persons],
        schema=["subject_id", "recruitment_date", "priority", "unit_id"],
        orient="row",
    ).with_columns(_dates("recruitment_date"), subject_type=pl.lit("individual"))
    years = pl.DataFrame(
        [(row[1], row[2], row[3], float(str(row[5])), row[6]) for row in chunk.ratings],
        schema=["subject_id", "year", "rating", "months_worked", "movement_participation"],
        orient="row",
    )
    leave = [
        (
            int(str(row[1])),
            str(row[2]),
            dt.date.fromisoformat(str(row[3])),
            dt.date.fromisoformat(str(row[4])),
            None,
            None,
        )
        for row in chunk.leaves
    ]
    initiative = {row[0]: row for row in chunk.initiatives}
    initiatives = pl.DataFrame(
        [
            (person, *(initiative[ini][i] for i in (2, 3, 4, 7, 8)))
            for _id, ini, person in chunk.authors
        ],
        schema=[
            "subject_id",
            "kind",
            "level",
            "recognised_on",
            "applied_effectively",
            "replicable",
        ],
        orient="row",
    ).with_columns(_dates("recognised_on"))
    discipline = pl.DataFrame(
        [(row[1], row[2], row[4], row[5]) for row in chunk.disciplines],
        schema=["subject_id", "form", "decision_date", "period_end"],
        orient="row",
    ).with_columns(_dates("decision_date"), _dates("period_end"))
    reviews = pl.DataFrame(
        [(row[1], row[3], row[4], row[5]) for row in chunk.reviews],
        schema=["subject_id", "kind", "opened", "closed"],
        orient="row",
    ).with_columns(_dates("opened"), _dates("closed"))
    return {
        "subjects": subjects,
        "years": years_with_leave(years, leave),
        "initiatives": initiatives,
        "discipline": discipline,
        "pending_reviews": reviews,
    }


def eligible(
    facts: Mapping[str, pl.DataFrame],
    awards: list[tuple[object, ...]],
    codes: tuple[str, ...],
    year: int,
    parameters: Mapping[dt.date, Parameters],
) -> dict[str, set[int]]:
    """Subjects ELIGIBLE for each code on every evaluation date of the year (CSTĐCS: and
    within the unit's quota where the regime sets one)."""
    tables = FactTables.build(**facts, awards=awards_frame(awards))
    found: dict[str, set[int]] = {}
    for on in evaluation_dates(year):
        batch = evaluate_many(tables, codes, year, on, parameters[on])
        for code in codes:
            ids = set(
                batch.outcomes(code)
                .filter(pl.col("outcome") == Outcome.ELIGIBLE.value)
                .get_column("subject_id")
                .to_list()
            )
            if code == "CSTDCS":
                quota = batch.cstdcs_quota()
                if quota.height:
                    ids &= set(quota.filter("within_quota").get_column("subject_id").to_list())
            found[code] = found[code] & ids if code in found else ids
    return found


class Awarding:
    """Chooses, among the titles the engine allows, which ones the demo people receive."""

    def __init__(self, *, start_year: int, end_year: int, parameters: dict[dt.date, Parameters]):
        self.y0 = start_year
        self.y1 = end_year
        self.parameters = parameters

    def award(self, sim: Simulator, chunk: Chunk) -> None:
        r = sim.rng.random
        facts = person_facts(chunk)
        careers = {c.person_id: c for c in chunk.careers}
        for year in range(self.y0, self.y1 + 1):
            formed: set[int] = set()
            cstdcs: set[int] = set()
            ldtt: list[tuple[int, Career, DemoUnit, DecisionRow]] = []
            for codes in PERSON_STAGES:
                allowed = eligible(facts, chunk.award_facts, codes, year, self.parameters)
                for code in codes:
                    for pid in sorted(allowed[code]):
                        career = careers[pid]
                        unit = career.units.get(year)
                        if unit is None or (code in ONE_A_YEAR and pid in formed):
                            continue
                        if code == "CSTDCS":
                            share = career.cstdcs_share
                        else:
                            share = SHARES[code][0 if career.outstanding else 1]
                        if r() >= share:
                            continue
                        body = self._body(sim, code, unit, year)
                        award_id, decision = sim.merit(
                            chunk, pid, code, year, body, window=WINDOWS.get(code, "base")
                        )
                        if code in ONE_A_YEAR:
                            formed.add(pid)
                        stats = sim.unit_stats[(unit.id, year)]
                        if code == "LDTT":
                            stats[1] += 1
                            ldtt.append((award_id, career, unit, decision))
                        elif code == "CSTDCS":
                            stats[2] += 1
                            cstdcs.add(pid)
            # Now and then an LĐTT nothing rests on is revoked later (Law 06/2022 Art. 93).
            if year < self.y1:
                for award_id, career, unit, decision in ldtt:
                    if career.index % 20 == 0 and career.person_id not in cstdcs:
                        sim.offer_revocation(
                            award_id, career.full_name, career.gender, year, unit, decision
                        )

    def _body(self, sim: Simulator, code: str, unit: DemoUnit, year: int) -> Body:
        window = WINDOWS.get(code, "base")
        if window == "province":
            return sim.province_body
        if window == "pm":
            return PM
        if window == "president":
            return PRESIDENT
        return sim.bodies.base(unit, code, dt.date(year, 12, 31))


def collective_titles(
    tree: Tree,
    unit_stats: Mapping[tuple[int, int], list[int]],
    ratings: list[tuple[object, ...]],
    reviews: list[tuple[object, ...]],
    years: range,
    parameters: Mapping[dt.date, Parameters],
) -> dict[tuple[int, str], set[int]]:
    """(year, code) → the collectives the engine finds eligible, from their ratings and their
    members' results (the aggregates the database adapter computes from posts)."""
    units = {u.id: u for u in tree.units}
    rated = sorted({int(str(row[1])) for row in ratings})
    subjects = pl.DataFrame(
        [
            (
                pk,
                _SUBJECT_TYPE_BY_LEVEL.get(units[pk].level, "collective"),
                units[pk].level,
                units[pk].valid_to,
                bool(units[pk].priority_area),
                pk,
            )
            for pk in rated
        ],
        schema={
            "subject_id": pl.Int64,
            "subject_type": pl.String,
            "unit_level": pl.String,
            "dissolved_on": pl.Date,
            "priority": pl.Boolean,
            "unit_id": pl.Int64,
        },
        orient="row",
    )
    members = pl.DataFrame(
        [
            (unit_id, year, n, n - failed, ldtt, cs, warned)
            for (unit_id, year), (n, ldtt, cs, failed, warned) in unit_stats.items()
            if unit_id in units
        ],
        schema=[
            "subject_id",
            "year",
            "evaluated",
            "completed_tasks",
            "LDTT",
            "CSTDCS",
            "disciplined_canh_cao_or_more",
        ],
        orient="row",
    )
    facts = {
        "subjects": subjects,
        "years": pl.DataFrame(
            [(row[1], row[2], row[3], 12.0) for row in ratings],
            schema=["subject_id", "year", "rating", "months_worked"],
            orient="row",
        ),
        "members": members,
        "pending_reviews": pl.DataFrame(
            [(row[2], row[3], row[4], row[5]) for row in reviews if row[2] is not None],
            schema=["subject_id", "kind", "opened", "closed"],
            orient="row",
        ).with_columns(_dates("opened"), _dates("closed")),
    }
    found: dict[tuple[int, str], set[int]] = {}
    for year in years:
        for code, ids in eligible(facts, [], COLLECTIVE_CODES, year, parameters).items():
            found[(year, code)] = ids
    return found


_SUBJECT_TYPE_BY_LEVEL = {"village": "village", "commune": "commune"}
