"""Runs inside a fresh process with VINHDANH_DATABASE_URL pointing at a bench database."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time

import django


def _read_baseline(people_qs, units_qs, first_year: int, last_year: int) -> int:  # type: ignore[no-untyped-def]
    """Read the very queries the adapter runs, into memory, with nothing else done.

    People's rows for the individual titles; for the collective ones (TTLDTT, TTLDXS) the units,
    their ratings, awards and reviews, and the main posts that make people members of them.
    """
    from django.db import connection

    from vinhdanh.eligibility.domain.queries import facts

    paths = list(units_qs.values_list("path", flat=True))
    querysets = [
        *(q.rows for q in facts.person_queries(people_qs)),
        facts.leave_query(people_qs),
        *(q.rows for q in facts.unit_queries(units_qs)),
        facts.member_posts_query(paths, first_year, last_year).rows,
    ]
    rows = 0
    kept = []
    with connection.cursor() as cursor:
        for qs in querysets:
            sql, params = qs.order_by().query.sql_with_params()
            cursor.execute(sql, params)
            while chunk := cursor.fetchmany(200_000):
                kept.append(chunk)
                rows += len(chunk)
    return rows


def main() -> None:
    payload = json.loads(sys.argv[1])
    django.setup()
    from bench.common import peak_rss_gib
    from vinhdanh.eligibility import services
    from vinhdanh.eligibility.core import CANDIDATE_CODES, Outcome
    from vinhdanh.eligibility.core.engine import outcome_column
    from vinhdanh.eligibility.domain.queries.facts import person_facts, unit_facts
    from vinhdanh.eligibility.domain.queries.parameters import parameters_for
    from vinhdanh.orgs.models import Unit
    from vinhdanh.people.models import Person

    period, decision_date = 2025, dt.date(2026, 1, 15)
    people = Person.objects.all()
    person_codes = services.PERSON_CODES
    units = Unit.objects.filter(is_collective=True)
    if payload["mode"] == "baseline":
        t0 = time.perf_counter()
        rows = _read_baseline(people, units, period - 9, period)
        baseline = time.perf_counter() - t0
        print(json.dumps({"rows": rows, "baseline_s": baseline, "peak_gib": peak_rss_gib()}))
        return
    if payload["mode"] == "batch":
        t1 = time.perf_counter()
        facts = person_facts(people)
        t2 = time.perf_counter()
        from vinhdanh.eligibility.core import evaluate_many

        params = parameters_for(decision_date, Unit.objects.filter(parent=None).first())
        batch = evaluate_many(facts, person_codes, period, decision_date, params)
        ufacts = unit_facts(units, years=range(period - 9, period + 1), people=facts)
        ubatch = evaluate_many(ufacts, services.COLLECTIVE_CODES, period, decision_date, params)
        t3 = time.perf_counter()
        eligible = batch.frame.filter(
            batch.frame[outcome_column("LDTT")] == Outcome.ELIGIBLE.value
        ).height
        print(
            json.dumps(
                {
                    "people": people.count(),
                    "codes": list(CANDIDATE_CODES),
                    "work_s": t3 - t1,
                    "facts_s": t2 - t1,
                    "engine_s": t3 - t2,
                    "peak_gib": peak_rss_gib(),
                    "eligible_ldtt": eligible,
                    "collectives": ubatch.frame.height,
                }
            )
        )
        return
    sample = payload["sample"]
    ids = list(people.values_list("pk", flat=True)[:50_000])
    chosen = random.Random(1).sample(ids, min(sample, len(ids)))
    batch_people = Person.objects.filter(pk__in=ids)
    t0 = time.perf_counter()
    services.batch_for_people(batch_people, period, decision_date, jurisdiction=None)
    per_batch = (time.perf_counter() - t0) / len(ids)
    t1 = time.perf_counter()
    for person in Person.objects.filter(pk__in=chosen):
        services.person_year(person, period, decision_date)
    per_single = (time.perf_counter() - t1) / len(chosen)
    print(
        json.dumps(
            {
                "sample": len(chosen),
                "per_person_single_s": per_single,
                "per_person_batch_s": per_batch,
            }
        )
    )


if __name__ == "__main__":
    main()
