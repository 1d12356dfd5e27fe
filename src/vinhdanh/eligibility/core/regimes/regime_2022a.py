"""regime_2022a: Law 06/2022 + Decree 98/2023 + Circular 01/2024.

Decisions from 2024-01-01 to 2025-06-30. Circular 01/2024 applies from 2024-04-15; before that
the 10-month recruit rule of Decree 91/2017 was repealed and the 6-month rule not yet in
force, so recruits between 6 and 10 months go to a person (interpretation, see the report).
"""

from __future__ import annotations

import dataclasses
from datetime import date

from ..checks import Ctx, RuleBuilder, RuleSet
from ..parameters import Parameters, national_defaults
from ..rules import collective as coll
from ..rules import commendations as comm
from ..rules import individual as ind
from ..rules import local
from .registry import Regime, register

NAME = "regime_2022a"
CIRCULAR_01_2024 = date(2024, 4, 15)

LDTT = ind.LdttRules()  # Law 06/2022 Art. 24; Circular 01/2024 Art. 1(5)
LDTT_GAP = dataclasses.replace(
    LDTT,
    recruit_cite="Decree 91/2017 Art. 10 (10 months, repealed 2024-01-01); "
    "Circular 01/2024/TT-BNV Art. 1(5) (6 months, from 2024-04-15)",
)


def defaults(on: date) -> Parameters:
    base = national_defaults()
    if on < CIRCULAR_01_2024:
        return dataclasses.replace(base, ldtt_review_months_new_recruit=10.0)
    return base


def _by_date(before: RuleBuilder, after: RuleBuilder) -> RuleBuilder:
    def build(ctx: Ctx) -> RuleSet:
        return (before if ctx.on < CIRCULAR_01_2024 else after)(ctx)

    return build


CSTDCS = ("R-CSTDCS-1", "Law 06/2022 Art. 23")

RULES: dict[str, RuleBuilder] = {
    "LDTT": _by_date(ind.make_ldtt(LDTT_GAP), ind.make_ldtt(LDTT)),
    "CSTT": _by_date(
        ind.make_ldtt(
            dataclasses.replace(LDTT_GAP, rule="R-LDTT-2", cite="Law 06/2022 Art. 24(2)")
        ),
        ind.make_ldtt(dataclasses.replace(LDTT, rule="R-LDTT-2", cite="Law 06/2022 Art. 24(2)")),
    ),
    "CSTDCS": _by_date(
        ind.make_cstdcs(LDTT_GAP, *CSTDCS, initiative_by_law=False),
        ind.make_cstdcs(LDTT, *CSTDCS, initiative_by_law=False),
    ),
    "CSTD_BT": ind.make_cstdbt(ind.CstdbtRules()),
    "CSTDTQ": ind.make_cstdtq(ind.CstdtqRules()),
    "BK_BT": comm.bkbt_2022,
    "BK_TTG": comm.make_chain_form_2022(comm.BKTTG),
    "HC_LAO_DONG_3": comm.make_chain_form_2022(comm.HCLD3),
    "TTLDTT": coll.make_collective(coll.TTLDTT_2022),
    "DVTT": coll.make_collective(
        coll.armed_forces(coll.TTLDTT_2022, "R-TTLDTT-1", "Law 06/2022 Art. 28(2)")
    ),
    "TTLDXS": coll.make_collective(coll.TTLDXS_2022),
    "DVQT": coll.make_collective(
        coll.armed_forces(coll.TTLDXS_2022, "R-TTLDXS-2", "Law 06/2022 Art. 27(2)")
    ),
    **{code: local.make_delegated(spec) for code, spec in local.DELEGATED.items()},
    "CTD_BT": local.cluster_flag,
    "CTD_CP": local.cluster_flag,
}

REGIME = register(
    Regime(
        name=NAME,
        valid_from=date(2024, 1, 1),
        valid_to=date(2025, 6, 30),
        label="Luật TĐKT 06/2022, Nghị định 98/2023, Thông tư 01/2024",
        defaults=defaults,
        rules=RULES,
        fallback=local.not_evaluated,
    )
)
