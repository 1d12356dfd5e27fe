"""Reads of the councils app. `vote_result` is the contract with the nomination workflow."""

from vinhdanh.councils.domain.queries.tally import VoteResult, vote_result

__all__ = ["VoteResult", "vote_result"]
