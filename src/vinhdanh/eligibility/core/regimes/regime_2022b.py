"""regime_2022b: Law 06/2022 + Decree 152/2025 (from 2025-07-01) + Circular 15/2025, with the
two-tier local government (no district level). Open-ended until a new regime registers."""

from __future__ import annotations

import dataclasses
from datetime import date

from ..checks import RuleBuilder
from ..parameters import Parameters, national_defaults
from ..rules import collective as coll
from ..rules import commendations as comm
from ..rules import individual as ind
from ..rules import local
from .registry import Regime, register

NAME = "regime_2022b"

LDTT = ind.LdttRules(
    recruit_cite="Circular 01/2024/TT-BNV Art. 1(5) (assumed carried into Circular 15/2025)",
    training_cite="Circular 01/2024/TT-BNV Art. 1(5)(b) (assumed carried into Circular 15/2025)",
    discipline_cite="Decree 152/2025 (principles clause)",
)
CSTT = dataclasses.replace(LDTT, rule="R-LDTT-2", cite="Law 06/2022 Art. 24(2)")


def defaults(_on: date) -> Parameters:
    return national_defaults()


RULES: dict[str, RuleBuilder] = {
    "LDTT": ind.make_ldtt(LDTT),
    "CSTT": ind.make_ldtt(CSTT),
    "CSTDCS": ind.make_cstdcs(LDTT, "R-CSTDCS-1", "Law 06/2022 Art. 23", initiative_by_law=False),
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
        valid_from=date(2025, 7, 1),
        valid_to=None,
        label="Luật TĐKT 06/2022, Nghị định 152/2025, Thông tư 15/2025",
        defaults=defaults,
        rules=RULES,
        fallback=local.not_evaluated,
    )
)
