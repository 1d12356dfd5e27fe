"""Which awards come with a certificate, and which of a decision's certificates a user may print.

The kinds come from the award catalogue: every form of commendation (category "certificate")
and every emulation title, except the emulation flags (Cờ thi đua), whose artefact is the flag
itself (rules.md Appendix A).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from vinhdanh.awards.domain.queries.decisions import decision_detail
from vinhdanh.awards.enums import AwardCategory
from vinhdanh.awards.models import Award, AwardKind, Decision

_FLAG_PREFIX = "Cờ "
_CATEGORIES = (AwardCategory.CERTIFICATE, AwardCategory.TITLE)


def certificate_kinds() -> QuerySet[AwardKind]:
    """The catalogue's kinds that come with a certificate, in catalogue order."""
    return (
        AwardKind.objects.filter(category__in=_CATEGORIES, is_active=True)
        .exclude(name_vi__startswith=_FLAG_PREFIX)
        .order_by("sort_order", "code")
    )


def has_certificate(kind: AwardKind) -> bool:
    return kind.category in _CATEGORIES and not kind.name_vi.startswith(_FLAG_PREFIX)


def printable_awards(decision: Decision, user: Any) -> list[Award]:
    """The decision's awards in force whose certificate the user may print: those whose
    subject the user sees (a clerk sees the certificates of their own units' people only)."""
    return readable_certificates(decision, user).awards


@dataclass(frozen=True)
class ReadableCertificates:
    """What a reader gets of a decision's certificates: `awards`, those in force whose subject
    they see; `whole`, whether they see every recipient, and so get the issued file whole (its
    pages for awards revoked since included: it is the record of what was handed out)."""

    whole: bool
    awards: list[Award]


def readable_certificates(decision: Decision, user: Any) -> ReadableCertificates:
    detail = decision_detail(decision, user=user)
    awards = [a for a in detail.awards if not a.is_revoked and has_certificate(a.kind)]
    return ReadableCertificates(whole=detail.hidden_awards == 0, awards=awards)


def in_background(count: int) -> bool:
    """Large batches are made by the worker, with progress, and kept for download."""
    limit = int(getattr(settings, "VINHDANH_CERTIFICATES_IN_BACKGROUND", 200))
    return count > limit


def with_certificate(awards: Iterable[Award]) -> set[int]:
    """The ids of the awards in force, among those shown, that come with a certificate."""
    return {a.pk for a in awards if not a.is_revoked and has_certificate(a.kind)}
