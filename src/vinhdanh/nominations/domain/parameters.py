"""The parameters the law leaves to provinces and ministries, as the workflow needs them.

They live in one place, the eligibility engine's parameter table (eligibility.ParameterValue:
key, value, jurisdiction unit, in force from/until), resolved by the engine's adapter: the
regime in force on the date gives the national defaults, the most specific jurisdiction's row
overlays them. The workflow reads two of them: `cstdcs_quota_of_ldtt` (quota per round) and
`public_notice_working_days` (posting period per award code).
"""

from __future__ import annotations

import datetime as dt

from vinhdanh.eligibility.core import regimes
from vinhdanh.eligibility.core.parameters import Parameters, national_defaults
from vinhdanh.eligibility.domain.queries.parameters import parameters_for as engine_parameters
from vinhdanh.orgs.models import Unit


def parameters_for(unit: Unit, on: dt.date) -> Parameters:
    """The parameters in force on `on` for rounds of `unit` (national law before any regime)."""
    try:
        return engine_parameters(on, unit)
    except regimes.RegimeError:
        return national_defaults()
