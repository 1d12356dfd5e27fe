"""Fact tables: the contract between the pure engine and whoever loads the facts.

The Django adapter (bulk queries) and the case-file loader (one subject) both produce a
`FactTables` whose frames have exactly these schemas. Keys and meanings:

subjects        one row per subject (unique ``subject_id``)
    subject_type      individual | collective | household | village | commune
    unit_level        free text or a unit-level code; informative only
    recruitment_date  individuals: date of recruitment (new-recruit rules, data checks)
    dissolved_on      collectives dissolved in a restructuring (R-AUTH-2025-3)
    priority          R-PRIN-5 priority group (direct labour, border/island/disadvantaged
                      area): used for ranking under quotas, never as a gate
    unit_id           the unit a person belongs to (quota ranking); optional

years           one row per (subject_id, year): the evaluation period (calendar year, or the
                school year by its starting year)
    rating            HTXSNV | HTTNV | HTNV | KHTNV | null (not rated)
    months_worked     months of service in the period (leave included); null = unknown
    movement_participation  takes part in the emulation movements (default true)
    leave_*_months    leave by type inside the service months: maternity, injury (treatment
                      after combat or rescue injury), sick, other
    training_months   training courses in the period; training_ok: compliance good (null if
                      no training); training_result_ok: study result at least "khá";
                      training_course_months: length of the longest course followed in the
                      period (a course of 12 months or more stands in for the unit rating:
                      R-LDTT-5(b), second sentence)

awards          titles and forms already received (history, any regime: Art. 95)
    code, period (the achievement period), decision_date, award_type (CONG_TRANG | DOT_XUAT |
    PHONG_TRAO | CONG_HIEN | NIEN_HAN | DOI_NGOAI), revoked, achievement_id, decider_role

initiatives     initiatives, accepted research, combat ingenuity credited to the subject
    kind (initiative | research | combat), level (co_so | bo_tinh | toan_quoc),
    recognised_on, applied_effectively, replicable (null = not stated)

discipline      form, decision_date, period_end (null: the default length per form applies)

pending_reviews open considerations: kind, opened, closed (null = still open)

members         collectives only, one row per (subject_id, year): aggregate member facts
    evaluated (ratio denominator), completed_tasks (rated at least HTNV), LDTT, CSTDCS,
    disciplined_canh_cao_or_more

council         optional, one row per subject: the council vote on this request
    total_members, present, votes_for (written votes of absent members included),
    votes_against

dossier         optional, one row per subject: dossier facts for this request
    old_unit_comments (present | missing | not_needed), months_at_old_unit,
    public_notice_working_days
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import polars as pl

Schema = Mapping[str, pl.DataType]

SUBJECTS_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "subject_type": pl.String(),
    "unit_level": pl.String(),
    "recruitment_date": pl.Date(),
    "dissolved_on": pl.Date(),
    "priority": pl.Boolean(),
    "unit_id": pl.Int64(),
}
YEARS_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "year": pl.Int32(),
    "rating": pl.String(),
    "months_worked": pl.Float64(),
    "movement_participation": pl.Boolean(),
    "leave_maternity_months": pl.Float64(),
    "leave_injury_months": pl.Float64(),
    "leave_sick_months": pl.Float64(),
    "leave_other_months": pl.Float64(),
    "training_months": pl.Float64(),
    "training_ok": pl.Boolean(),
    "training_result_ok": pl.Boolean(),
    "training_course_months": pl.Float64(),
}
AWARDS_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "code": pl.String(),
    "period": pl.Int32(),
    "decision_date": pl.Date(),
    "award_type": pl.String(),
    "revoked": pl.Boolean(),
    "achievement_id": pl.String(),
    "decider_role": pl.String(),
}
INITIATIVES_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "kind": pl.String(),
    "level": pl.String(),
    "recognised_on": pl.Date(),
    "applied_effectively": pl.Boolean(),
    "replicable": pl.Boolean(),
}
DISCIPLINE_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "form": pl.String(),
    "decision_date": pl.Date(),
    "period_end": pl.Date(),
}
PENDING_REVIEWS_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "kind": pl.String(),
    "opened": pl.Date(),
    "closed": pl.Date(),
}
MEMBERS_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "year": pl.Int32(),
    "evaluated": pl.Int64(),
    "completed_tasks": pl.Int64(),
    "LDTT": pl.Int64(),
    "CSTDCS": pl.Int64(),
    "disciplined_canh_cao_or_more": pl.Int64(),
}
COUNCIL_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "total_members": pl.Int64(),
    "present": pl.Int64(),
    "votes_for": pl.Int64(),
    "votes_against": pl.Int64(),
}
DOSSIER_SCHEMA: Schema = {
    "subject_id": pl.Int64(),
    "old_unit_comments": pl.String(),
    "months_at_old_unit": pl.Float64(),
    "public_notice_working_days": pl.Int64(),
}

SCHEMAS: Mapping[str, Schema] = {
    "subjects": SUBJECTS_SCHEMA,
    "years": YEARS_SCHEMA,
    "awards": AWARDS_SCHEMA,
    "initiatives": INITIATIVES_SCHEMA,
    "discipline": DISCIPLINE_SCHEMA,
    "pending_reviews": PENDING_REVIEWS_SCHEMA,
    "members": MEMBERS_SCHEMA,
    "council": COUNCIL_SCHEMA,
    "dossier": DOSSIER_SCHEMA,
}

# Columns an adapter may leave out: they are added as nulls (or the stated default).
OPTIONAL_COLUMNS: Mapping[str, Mapping[str, object]] = {
    "subjects": {
        "unit_level": None,
        "recruitment_date": None,
        "dissolved_on": None,
        "priority": False,
        "unit_id": None,
    },
    "years": {
        "rating": None,
        "months_worked": None,
        "movement_participation": True,
        "leave_maternity_months": 0.0,
        "leave_injury_months": 0.0,
        "leave_sick_months": 0.0,
        "leave_other_months": 0.0,
        "training_months": 0.0,
        "training_ok": None,
        "training_result_ok": None,
        "training_course_months": 0.0,
    },
    "awards": {
        "decision_date": None,
        "award_type": "CONG_TRANG",
        "revoked": False,
        "achievement_id": None,
        "decider_role": None,
    },
    "initiatives": {"applied_effectively": True, "replicable": None},
    "discipline": {"period_end": None},
    "pending_reviews": {"closed": None, "kind": None},
    "members": {
        "completed_tasks": None,
        "LDTT": None,
        "CSTDCS": None,
        "disciplined_canh_cao_or_more": None,
    },
    "council": {"present": None, "votes_against": None},
    "dossier": {
        "old_unit_comments": None,
        "months_at_old_unit": None,
        "public_notice_working_days": None,
    },
}


class FactsError(ValueError):
    """A fact table does not match its schema."""


def empty(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema=dict(SCHEMAS[table]))


def conform(table: str, frame: pl.DataFrame | pl.LazyFrame) -> pl.LazyFrame:
    """Select the schema columns in order, cast them, and add missing optional columns.

    Raises FactsError naming the table and column when a required column is absent; casts are
    strict and fail when the frames are evaluated.
    """
    schema = SCHEMAS[table]
    lazy = frame.lazy()
    present = set(lazy.collect_schema().names())
    exprs: list[pl.Expr] = []
    for name, dtype in schema.items():
        if name in present:
            exprs.append(pl.col(name).cast(dtype, strict=True))
        elif name in OPTIONAL_COLUMNS[table]:
            exprs.append(pl.lit(OPTIONAL_COLUMNS[table][name], dtype=dtype).alias(name))
        else:
            raise FactsError(f"facts table {table!r}: required column {name!r} is missing")
    return lazy.select(exprs)


@dataclass(frozen=True)
class FactTables:
    """All facts for a batch. Absent tables are empty frames of the right schema."""

    subjects: pl.LazyFrame
    years: pl.LazyFrame
    awards: pl.LazyFrame
    initiatives: pl.LazyFrame
    discipline: pl.LazyFrame
    pending_reviews: pl.LazyFrame
    members: pl.LazyFrame
    council: pl.LazyFrame
    dossier: pl.LazyFrame

    @classmethod
    def build(cls, **frames: pl.DataFrame | pl.LazyFrame | None) -> FactTables:
        """Conform every given frame to its schema; missing tables become empty."""
        unknown = set(frames) - set(SCHEMAS)
        if unknown:
            raise FactsError(f"unknown facts table(s): {', '.join(sorted(unknown))}")
        tables: dict[str, pl.LazyFrame] = {}
        for f in fields(cls):
            given = frames.get(f.name)
            tables[f.name] = conform(f.name, given if given is not None else empty(f.name))
        return cls(**tables)
