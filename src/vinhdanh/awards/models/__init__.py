from vinhdanh.awards.models.catalogue import AwardKind
from vinhdanh.awards.models.counters import DecisionCounter
from vinhdanh.awards.models.decisions import Award, Decision
from vinhdanh.awards.models.register import OutgoingDocument

__all__ = ["Award", "AwardKind", "Decision", "DecisionCounter", "OutgoingDocument"]
