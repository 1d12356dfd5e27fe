"""The data migration that moves the councils' vote thresholds into the engine's parameter."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from vinhdanh.awards.data.catalogue import _ROWS
from vinhdanh.eligibility.core.parameters import VOTED_CODES

BEFORE = [("councils", "0002_default_thresholds")]
AFTER = [("councils", "0003_vote_rules_in_the_engine_parameters")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def _latest_schema_after():  # type: ignore[no-untyped-def]
    """Going back to councils 0002 also unapplies every later migration that depends on it
    (awards 0006 and what follows): the next tests on this database need them all back."""
    yield
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.usefixtures("_latest_schema_after")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_thresholds_become_versioned_vote_rules_and_the_seed_gives_way_to_the_defaults():
    old = _migrate(BEFORE)
    Unit = old.get_model("orgs", "Unit")
    Council = old.get_model("councils", "Council")
    VoteThreshold = old.get_model("councils", "VoteThreshold")
    unit = Unit.objects.create(
        code="T1",
        name="Sở Thử",
        level="department",
        path="/",
        depth=1,
        valid_from=dt.date(2000, 1, 1),
    )
    unit.path = f"/{unit.pk}/"
    unit.save()
    council = Council.objects.create(unit=unit, name="Hội đồng Sở Thử")
    # An earlier transactional test may have flushed the catalogue the migrations load.
    old.get_model("awards", "AwardKind").objects.get_or_create(
        code="CSTDCS",
        defaults={"name_vi": "Chiến sĩ thi đua cơ sở", "name_en": "Grassroots emulation fighter"},
    )
    VoteThreshold.objects.create(  # the office changed the general rule for every council
        award_code="*",
        numerator=2,
        denominator=3,
        inclusive=True,
        denominator_type="present_members",
        valid_from=dt.date(2025, 1, 1),
        rule_id="R-VOTE-2",
        citation="Quy chế 2025",
    )
    VoteThreshold.objects.create(  # a council's own rule
        council=council,
        award_code="CSTDCS",
        numerator=3,
        denominator=4,
        inclusive=True,
        denominator_type="total_members",
        method="secret_ballot",
    )
    VoteThreshold.objects.create(  # a code no nomination can carry
        award_code="NOPE",
        numerator=1,
        denominator=1,
        denominator_type="total_members",
    )
    new = _migrate(AFTER)
    ParameterValue = new.get_model("eligibility", "ParameterValue")
    rows = {(r.unit_id, r.valid_from): r for r in ParameterValue.objects.filter(key="vote_rules")}
    assert set(rows) == {(None, dt.date(2025, 1, 1)), (unit.pk, dt.date(2000, 1, 1))}
    general = rows[(None, dt.date(2025, 1, 1))]
    assert general.value == {
        "*": {"threshold": "2/3", "denominator": "present_members", "inclusive": True}
    }
    assert "Quy chế 2025" in general.legal_basis
    own = rows[(unit.pk, dt.date(2000, 1, 1))].value
    assert own == {
        "CSTDCS": {
            "threshold": "3/4",
            "denominator": "total_members",
            "inclusive": True,
            "method": "secret_ballot",
        }
    }

    # The live code reads them: the council's unit gets its own CSTĐCS rule, the general rule
    # of the office elsewhere; R-VOTE-1 comes from the engine's defaults.
    from vinhdanh.eligibility.domain.queries.parameters import vote_rule_for
    from vinhdanh.orgs.models import Unit as LiveUnit

    live_unit = LiveUnit.objects.get(pk=unit.pk)
    day = dt.date(2025, 3, 1)
    assert vote_rule_for(day, live_unit, "CSTDCS").threshold == Fraction(3, 4)
    assert vote_rule_for(day, live_unit, "GIAY_KHEN").threshold == Fraction(2, 3)
    assert vote_rule_for(day, None, "AH_LD").rule == "R-VOTE-1"


def test_every_catalogue_code_may_have_a_vote_rule():
    assert {row[0] for row in _ROWS} <= VOTED_CODES
