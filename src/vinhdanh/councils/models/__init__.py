from vinhdanh.councils.models.councils import (
    Council,
    CouncilMember,
    CouncilQuorum,
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
]
