"""Vote thresholds move to one source: the eligibility engine's `vote_rules` parameter.

The councils' own table (and its fallback) go. Its rows that differ from the national
defaults, which the engine now carries (R-VOTE-1 for CSTD_BT, CSTDTQ, AH_LD, AH_LLVTND;
R-VOTE-2 "more than half of those taking part" for every other code), become versioned
`vote_rules` rows of the council's unit (or of every jurisdiction). Closed agenda items keep
the legal basis of the threshold they were tallied under as text.

Everything this migration needs is frozen here: it imports no application code.
"""

import datetime as dt

from django.db import migrations, models

# The seed of 0002_default_thresholds, equal to the engine's national defaults.
_SEED = {
    **{
        code: (9, 10, True, "total_members", "secret_ballot")
        for code in ("CSTD_BT", "CSTDTQ", "AH_LD", "AH_LLVTND")
    },
    "*": (1, 2, False, "present_members", ""),
}
# The regimes' periods on the day of this migration (rules.md §0.1).
_REGIMES = {
    "regime_2013": (dt.date(2014, 6, 1), dt.date(2023, 12, 31)),
    "regime_2022a": (dt.date(2024, 1, 1), dt.date(2025, 6, 30)),
    "regime_2022b": (dt.date(2025, 7, 1), None),
}
_EARLIEST = dt.date(2000, 1, 1)
_NOTE = "Chuyển từ bảng ngưỡng biểu quyết của Hội đồng (councils.VoteThreshold)."


def _is_seed(row):
    seed = _SEED.get(row.award_code)
    return (
        seed is not None
        and row.council_id is None
        and not row.regime
        and row.valid_from is None
        and row.valid_to is None
        and row.quorum_numerator is None
        and (row.numerator, row.denominator, row.inclusive, row.denominator_type, row.method)
        == seed
    )


def _spec(row):
    spec = {
        "threshold": f"{row.numerator}/{row.denominator}",
        "denominator": row.denominator_type,
        "inclusive": row.inclusive,
    }
    if row.quorum_numerator is not None and row.quorum_denominator:
        spec["quorum"] = f"{row.quorum_numerator}/{row.quorum_denominator}"
    if row.method:
        spec["method"] = row.method
    return spec


def _period(row):
    start, end = _REGIMES.get(row.regime, (None, None))
    starts = [d for d in (row.valid_from, start) if d is not None]
    ends = [d for d in (row.valid_to, end) if d is not None]
    return (max(starts) if starts else _EARLIEST), (min(ends) if ends else None)


def _in_force(rows, day):
    """code → the row in force on `day` (the latest start, then the latest row)."""
    best = {}
    for row, (start, end) in rows:
        if start <= day and (end is None or end >= day):
            current = best.get(row.award_code)
            if current is None or (start, row.pk) > (current[1][0], current[0].pk):
                best[row.award_code] = (row, (start, end))
    return {code: item[0] for code, item in best.items()}


def forwards(apps, schema_editor):
    VoteThreshold = apps.get_model("councils", "VoteThreshold")
    AgendaItem = apps.get_model("councils", "AgendaItem")
    ParameterValue = apps.get_model("eligibility", "ParameterValue")

    for item in AgendaItem.objects.filter(threshold__isnull=False).select_related("threshold"):
        row = item.threshold
        item.threshold_citation = ": ".join(p for p in (row.rule_id, row.citation) if p)[:400]
        item.save(update_fields=["threshold_citation"])

    # A rule can only name a code of the catalogue (or '*'): any other code never matched a
    # nomination, so it is left out.
    known = set(apps.get_model("awards", "AwardKind").objects.values_list("code", flat=True))
    by_unit = {}
    for row in VoteThreshold.objects.select_related("council").order_by("pk"):
        if _is_seed(row) or (row.award_code != "*" and row.award_code not in known):
            continue
        start, end = _period(row)
        if end is not None and end < start:
            continue
        unit_id = row.council.unit_id if row.council_id else None
        by_unit.setdefault(unit_id, []).append((row, (start, end)))

    for unit_id, rows in by_unit.items():
        days = sorted(
            {start for _, (start, _e) in rows}
            | {end + dt.timedelta(days=1) for _, (_s, end) in rows if end is not None}
        )
        slices = []  # (start, end, mapping, rows)
        for i, day in enumerate(days):
            end = days[i + 1] - dt.timedelta(days=1) if i + 1 < len(days) else None
            rows_now = _in_force(rows, day)
            mapping = {code: _spec(row) for code, row in sorted(rows_now.items())}
            if slices and slices[-1][2] == mapping:
                slices[-1] = (slices[-1][0], end, mapping, slices[-1][3])
            else:
                slices.append((day, end, mapping, rows_now))
        for start, end, mapping, rows_now in slices:
            if not mapping:
                continue
            basis = "; ".join(
                dict.fromkeys(
                    ": ".join(p for p in (r.rule_id, r.citation) if p)
                    for r in rows_now.values()
                    if r.rule_id or r.citation
                )
            )
            ParameterValue.objects.create(
                key="vote_rules",
                value=mapping,
                unit_id=unit_id,
                valid_from=start,
                valid_to=end,
                legal_basis=basis[:255],
                note=_NOTE,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("councils", "0002_default_thresholds"),
        ("eligibility", "0001_initial"),
        ("awards", "0002_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="threshold_citation",
            field=models.CharField(
                blank=True, max_length=400, verbose_name="legal basis of the threshold"
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.RemoveField(model_name="agendaitem", name="threshold"),
        migrations.DeleteModel(name="VoteThreshold"),
    ]
