"""The award catalogue grouped as a clerk reads it: titles, orders, medals, certificates …"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from vinhdanh.awards.enums import AwardCategory
from vinhdanh.awards.models import AwardKind


@dataclass(frozen=True)
class CatalogueGroup:
    category: str
    label: str
    kinds: list[AwardKind]


def catalogue_by_category(*, include_inactive: bool = False) -> list[CatalogueGroup]:
    kinds = AwardKind.objects.order_by("sort_order", "code")
    if not include_inactive:
        kinds = kinds.filter(is_active=True)
    by_category: dict[str, list[AwardKind]] = {}
    for kind in kinds:
        by_category.setdefault(kind.category, []).append(kind)
    groups = [
        CatalogueGroup(value, str(label), by_category.pop(value))
        for value, label in AwardCategory.choices
        if value in by_category
    ]
    groups += [CatalogueGroup(value, value, rest) for value, rest in by_category.items()]
    return groups


def active_kinds() -> list[AwardKind]:
    return list(AwardKind.objects.filter(is_active=True).order_by("sort_order", "code"))


def all_kinds() -> QuerySet[AwardKind]:
    """The whole catalogue, retired kinds included: public to every signed-in user."""
    return AwardKind.objects.all()


def kind_by_code(code: str, *, active_only: bool = False) -> AwardKind | None:
    """One title or form by its code (None when the catalogue has no such code)."""
    kinds = AwardKind.objects.filter(code=code)
    if active_only:
        kinds = kinds.filter(is_active=True)
    return kinds.first()


def kind_names() -> dict[str, str]:
    """Titles and forms by their names in the reader's language, keyed by code."""
    return {k.code: k.name for k in AwardKind.objects.all()}


def kinds_by_code(codes: Iterable[str]) -> dict[str, AwardKind]:
    """The catalogue rows of the given codes (codes it lacks are absent)."""
    return {k.code: k for k in AwardKind.objects.filter(code__in=list(codes))}
