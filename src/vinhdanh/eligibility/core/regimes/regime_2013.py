"""regime_2013: Law 2003 as amended 2013 + Decree 91/2017 + Circular 12/2019.

For titles and forms decided from the 2013 amendments' entry into force (2014-06-01) up to
2023-12-31 (rules.md §0.1).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

from ..checks import RuleBuilder
from ..parameters import Parameters, default_vote_rules, national_defaults
from ..rules import collective as coll
from ..rules import commendations as comm
from ..rules import individual as ind
from ..rules import local
from .registry import Regime, register

NAME = "regime_2013"
D91 = "Decree 91/2017 Art. 45(8)"

LDTT = ind.LdttRules(
    rule="R-LDTT-1",
    cite="Law 2003/2013 Art. 24; Decree 91/2017 Art. 10",
    recruit_rule="R-LDTT-7",
    recruit_cite="Decree 91/2017 Art. 10",
    training_rule="R-LDTT-7",
    training_cite="Decree 91/2017 Art. 10",
    discipline_rule="R-LDTT-6",
    discipline_cite="Decree 91/2017 Art. 10 (khiển trách or more)",
)
CSTT = dataclasses.replace(LDTT, rule="R-LDTT-2")


def defaults(_on: date) -> Parameters:
    return dataclasses.replace(
        national_defaults(),
        cstdcs_quota_of_ldtt=Fraction(15, 100),  # R-CSTDCS-3
        ldtt_min_months_new_recruit=10.0,  # R-LDTT-7
        absence_max_working_days=40.0,  # R-LDTT-7: 40 working days of other leave
        ttldtt_discipline_clause=True,
        ttldxs_discipline_clause=True,  # R-TTLDXS-4
        cstdtq_timing="gate",  # R-CSTDTQ-2 was the rule (Decree 91/2017 Art. 48(1)(a))
        cstdtq_requires_six_cstdcs=True,  # R-CSTDTQ-3
        vote_rules=default_vote_rules(D91, assumed=False),
    )


RULES: dict[str, RuleBuilder] = {
    "LDTT": ind.make_ldtt(LDTT),
    "CSTT": ind.make_ldtt(CSTT),
    "CSTDCS": ind.make_cstdcs(
        LDTT,
        "R-CSTDCS-2",
        "Law 2003 Art. 23 (as amended 2013); Decree 91/2017 Art. 9(3)",
        initiative_by_law=True,
    ),
    "CSTD_BT": ind.make_cstdbt(
        ind.CstdbtRules(
            cite="Law 2003/2013; Decree 91/2017 (rules.md §7.1)",
            initiative_cite="Law 2003/2013; Decree 91/2017 (initiative recognised by the "
            "ministry/province)",
            initiative_class="bt",
            reuse_cite="Law 2003/2013 (no several forms for one achievement)",
        )
    ),
    "CSTDTQ": ind.make_cstdtq(
        ind.CstdtqRules(
            cite="Law 2003/2013; Decree 91/2017 (rules.md §7.1)",
            timing_cite="Decree 91/2017 Art. 48(1)(a)",
        )
    ),
    "BK_BT": comm.bkbt_2013,
    "BK_TTG": comm.make_chain_form_2013(comm.BKTTG_OLD),
    "HC_LAO_DONG_3": comm.make_chain_form_2013(comm.HCLD3_OLD),
    "TTLDTT": coll.make_collective(coll.TTLDTT_2013),
    "DVTT": coll.make_collective(
        coll.armed_forces(coll.TTLDTT_2013, "R-TTLDTT-1", "Law 2003/2013 (Đơn vị tiên tiến)")
    ),
    "TTLDXS": coll.make_collective(coll.TTLDXS_2013),
    "DVQT": coll.make_collective(
        coll.armed_forces(coll.TTLDXS_2013, "R-TTLDXS-2", "Law 2003/2013 (Đơn vị quyết thắng)")
    ),
    **{code: local.make_delegated(spec) for code, spec in local.DELEGATED.items()},
    "CTD_BT": local.cluster_flag,
    "CTD_CP": local.cluster_flag,
}

REGIME = register(
    Regime(
        name=NAME,
        valid_from=date(2014, 6, 1),
        valid_to=date(2023, 12, 31),
        label="Luật TĐKT 2003 (sửa đổi 2013), Nghị định 91/2017, Thông tư 12/2019",
        defaults=defaults,
        rules=RULES,
        fallback=local.not_evaluated,
    )
)
