from vinhdanh.common.models import Notification  # moved to common; kept importable here
from vinhdanh.nominations.models.nominations import Attachment, Nomination, NominationEvent
from vinhdanh.nominations.models.notices import PublicComment, PublicNotice
from vinhdanh.nominations.models.rounds import Round

__all__ = [
    "Attachment",
    "Nomination",
    "NominationEvent",
    "Notification",
    "PublicComment",
    "PublicNotice",
    "Round",
]
