"""Parallel voting on PostgreSQL: every ballot counted once, none lost."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from tests.councils.builders import FOR, council_world, make_nomination, run_vote
from vinhdanh.councils.domain.common import CouncilError
from vinhdanh.councils.domain.queries import vote_result
from vinhdanh.councils.domain.sessions import cast_ballots, close_session
from vinhdanh.councils.models import Ballot, BallotCast


def _in_parallel(jobs):
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(job):
        try:
            barrier.wait(timeout=30)
            job()
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_fifteen_members_voting_at_once_are_all_counted_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, there is no race to test")
    world = council_world(size=15)
    nomination = make_nomination(round=world.round, code="CSTD_BT")
    session = run_vote(world, [nomination], present=world.members, close=False)

    def vote(member):
        return lambda: cast_ballots(
            session=session, voter=member.user, choices={nomination.pk: FOR}
        )

    errors = _in_parallel([vote(m) for m in world.members])
    assert not errors, errors
    assert Ballot.objects.filter(session=session).count() == 15
    assert BallotCast.objects.filter(session=session).count() == 15
    assert BallotCast.objects.filter(session=session).values("user").distinct().count() == 15
    close_session(session=session, actor=world.office)
    result = vote_result(nomination)
    assert result is not None
    assert result.for_votes == 15
    assert result.passed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_one_member_voting_twice_at_once_is_counted_once():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite serialises writers, there is no race to test")
    world = council_world(size=3)
    nomination = make_nomination(round=world.round)
    session = run_vote(world, [nomination], present=world.members, close=False)
    member = world.members[0]
    errors = _in_parallel(
        [
            lambda: cast_ballots(session=session, voter=member.user, choices={nomination.pk: FOR})
            for _ in range(6)
        ]
    )
    assert len(errors) == 5
    assert all(isinstance(e, CouncilError) for e in errors)
    assert Ballot.objects.filter(session=session).count() == 1
    assert BallotCast.objects.filter(session=session).count() == 1
