"""Printing on the office's pre-printed blanks (phôi bằng khen, giấy khen).

Many offices print on blanks bought with the border, the national emblem and the fixed words
already printed. For each certificate kind the office sets where each field goes on its own
blank (mm from the top-left corner of the A4 landscape sheet, font size in pt), uploads a scan
of the blank to preview the text over it, and then prints only the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from vinhdanh.common.context import acting_as

PAGE_WIDTH_MM = 297.0
PAGE_HEIGHT_MM = 210.0
MIN_SIZE_PT = 6.0
MAX_SIZE_PT = 72.0

# key, label, default x (mm), y (mm), size (pt), bold, printed by default. The defaults follow
# the common blanks: the emblem, national title and motto are pre-printed at the top.
FIELDS: tuple[tuple[str, Any, float, float, float, bool, bool], ...] = (
    ("authority", _("Issuing authority"), 60.0, 52.0, 16.0, True, True),
    ("form", _("Name of the certificate"), 95.0, 72.0, 30.0, True, False),
    ("recipient", _("Recipient"), 80.0, 98.0, 24.0, True, True),
    ("position", _("Post and unit"), 70.0, 112.0, 15.0, False, True),
    ("achievement", _("Achievement"), 50.0, 124.0, 15.0, False, True),
    ("decision", _("Decision number and date"), 30.0, 168.0, 12.0, False, True),
    ("place_date", _("Place and date"), 175.0, 150.0, 14.0, False, True),
    ("signer_title", _("Signer's title"), 185.0, 158.0, 14.0, True, True),
    ("signer_name", _("Signer's name"), 195.0, 188.0, 14.0, True, True),
)
FIELD_KEYS = tuple(f[0] for f in FIELDS)


@dataclass(frozen=True)
class Placement:
    x: float
    y: float
    size: float
    bold: bool
    printed: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "x": self.x,
            "y": self.y,
            "size": self.size,
            "bold": self.bold,
            "printed": self.printed,
        }


@dataclass(frozen=True)
class BlankLayout:
    places: dict[str, Placement]

    @classmethod
    def default(cls) -> BlankLayout:
        return cls(
            {
                key: Placement(x, y, size, bold, printed)
                for key, _label, x, y, size, bold, printed in FIELDS
            }
        )

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> BlankLayout:
        """Stored positions over the defaults (a field added later gets its default)."""
        places = dict(cls.default().places)
        for key, value in (data or {}).items():
            if key in places and isinstance(value, dict):
                base = places[key]
                places[key] = Placement(
                    x=float(value.get("x", base.x)),
                    y=float(value.get("y", base.y)),
                    size=float(value.get("size", base.size)),
                    bold=bool(value.get("bold", base.bold)),
                    printed=bool(value.get("printed", base.printed)),
                )
        return cls(places)

    def as_json(self) -> dict[str, Any]:
        return {key: place.as_json() for key, place in self.places.items()}

    def placed(self) -> Iterator[tuple[str, Placement]]:
        for key in FIELD_KEYS:
            place = self.places[key]
            if place.printed:
                yield key, place


def layouts_for(unit: Any) -> dict[str, BlankLayout]:
    """The unit's blanks by award kind code."""
    from vinhdanh.documents.models import CertificateBlank

    return {
        blank.kind.code: BlankLayout.from_json(blank.positions)
        for blank in CertificateBlank.objects.filter(unit=unit).select_related("kind")
    }


def unit_blanks(unit: Any) -> dict[int, Any]:
    """The unit's blanks by award kind id."""
    from vinhdanh.documents.models import CertificateBlank

    return {b.kind_id: b for b in CertificateBlank.objects.filter(unit=unit)}


def blank_for(unit: Any, kind: Any) -> Any:
    """The unit's blank for one kind, or None when it has not laid one out yet."""
    from vinhdanh.documents.models import CertificateBlank

    return CertificateBlank.objects.filter(unit=unit, kind=kind).first()


def blank_or_new(unit: Any, kind: Any) -> Any:
    """The unit's blank for one kind, or a new unsaved one to lay out."""
    from vinhdanh.documents.models import CertificateBlank

    return blank_for(unit, kind) or CertificateBlank(unit=unit, kind=kind)


def scan_of(blank: Any) -> tuple[str, bytes] | None:
    """(content type, bytes) of the blank's scan, or None when none was uploaded."""
    if not blank.scan:
        return None
    with blank.scan.open("rb") as stream:
        data = stream.read()
    content_type = "image/png" if data.startswith(b"\x89PNG") else "image/jpeg"
    return content_type, data


@transaction.atomic
def save_blank(blank: Any, *, actor: Any) -> Any:
    """Store a unit's blank for one kind (audited); only for who may edit the unit's settings."""
    from vinhdanh.documents.domain.settings import may_edit_settings

    if not may_edit_settings(actor, blank.unit):
        raise PermissionError("not allowed to edit the certificate blanks of this unit")
    blank.full_clean()
    with acting_as(actor):
        blank.save()
    return blank
