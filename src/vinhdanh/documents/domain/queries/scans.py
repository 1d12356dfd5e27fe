"""Reads about signed scans: the current one of a decision, and its history."""

from __future__ import annotations

from vinhdanh.awards.models import Decision
from vinhdanh.documents.models import SignedScan


def current_scan(decision: Decision) -> SignedScan | None:
    """The scan no later scan replaces (the newest)."""
    return (
        SignedScan.objects.filter(decision=decision, replaced_by__isnull=True)
        .order_by("-id")
        .first()
    )


def scan_history(decision: Decision) -> list[SignedScan]:
    """Every scan recorded for the decision, newest first, with who uploaded it."""
    return list(
        SignedScan.objects.filter(decision=decision)
        .select_related("uploaded_by", "replaces")
        .order_by("-id")
    )


def recorded_scan(decision: Decision, pk: int) -> SignedScan | None:
    """One scan of the decision, current or replaced."""
    return SignedScan.objects.filter(decision=decision, pk=pk).first()
