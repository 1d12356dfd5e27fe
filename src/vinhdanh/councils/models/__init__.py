from vinhdanh.councils.models.councils import (
    WILDCARD,
    Council,
    CouncilMember,
    CouncilQuorum,
    VoteThreshold,
)
from vinhdanh.councils.models.sessions import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotCast,
    CouncilSession,
    HandCount,
    Recusal,
    SessionLockedError,
)

__all__ = [
    "WILDCARD",
    "AgendaItem",
    "Attendance",
    "Ballot",
    "BallotCast",
    "Council",
    "CouncilMember",
    "CouncilQuorum",
    "CouncilSession",
    "HandCount",
    "Recusal",
    "SessionLockedError",
    "VoteThreshold",
]
