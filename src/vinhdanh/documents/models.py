"""The office's own settings for the documents it issues (templates are the office's to adjust)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vinhdanh.awards.models import AwardKind, Decision, OutgoingDocument
from vinhdanh.common.audit import audited
from vinhdanh.common.files import private_upload_to
from vinhdanh.orgs.models import Unit

AUTHORITY_CHOICES = [
    ("", _("(signs in own name)")),
    ("TM.", "TM. (thay mặt)"),
    ("KT.", "KT. (ký thay)"),
    ("Q.", "Q. (quyền)"),
    ("TL.", "TL. (thừa lệnh)"),
    ("TUQ.", "TUQ. (thừa ủy quyền)"),
]


@audited
class OfficeSettings(models.Model):
    """What a unit prints on its documents. Empty fields fall back to safe defaults derived
    from the unit and the regime in force (`documents.domain.settings.settings_for`)."""

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="document_settings"
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=255,
        blank=True,
        help_text=_("As printed at the top left, e.g. Ủy ban nhân dân tỉnh Hà Tĩnh."),
    )
    parent_body = models.CharField(_("governing body"), max_length=255, blank=True)
    place = models.CharField(
        _("place name"), max_length=80, blank=True, help_text=_("E.g. Hà Tĩnh.")
    )
    symbol = models.CharField(
        _("body's abbreviation"),
        max_length=20,
        blank=True,
        help_text=_("The part after the document kind in the symbol, e.g. UBND in QĐ-UBND."),
    )
    authority_line = models.CharField(
        _("issuing authority"),
        max_length=255,
        blank=True,
        help_text=_("Printed under a decision's title, e.g. Chủ tịch Ủy ban nhân dân tỉnh."),
    )
    legal_bases = models.TextField(
        _("the office's own legal bases"),
        blank=True,
        help_text=_("One per line, printed after the laws of the regime in force."),
    )
    proposer = models.CharField(
        _("proposed by"),
        max_length=255,
        blank=True,
        help_text=_("The last basis of a decision, e.g. Theo đề nghị của Giám đốc Sở Nội vụ."),
    )
    signer_authority = models.CharField(
        _("form of signing"), max_length=5, choices=AUTHORITY_CHOICES, blank=True
    )
    signer_on_behalf_of = models.CharField(
        _("on behalf of"),
        max_length=120,
        blank=True,
        help_text=_("After TM.: the body; after KT., TL., TUQ.: the head's title."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=120, blank=True)
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    base_salary = models.PositiveIntegerField(
        _("base salary (VND)"),
        default=2_340_000,
        help_text=_("Mức lương cơ sở used for bonus amounts (Decree 73/2024: 2,340,000)."),
    )

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")

    def __str__(self) -> str:
        return str(self.unit)


def _issued_path(instance: models.Model, filename: str) -> str:
    return private_upload_to("issued")


class IssuedDocumentError(Exception):
    """What was issued is kept as issued: the stored file is never replaced or deleted."""


class KeptAsIssued(models.Model):
    """A file of a decision as it stood when the decision was issued, kept unchanged: made
    once, right after the issuing transaction commits; later changes to people, units or the
    office's settings do not touch it, and it can be neither changed nor deleted."""

    file = models.FileField(_("file"), upload_to=_issued_path, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("size"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise IssuedDocumentError(_("An issued document cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise IssuedDocumentError(_("An issued document cannot be deleted."))


@audited
class IssuedDocument(KeptAsIssued):
    """The .docx of a decision as it was issued; downloads serve this file when it exists."""

    decision = models.OneToOneField(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="issued_document",
    )

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")


@audited
class IssuedCertificates(KeptAsIssued):
    """A decision's certificates as they were issued: the PDF with one page per recipient,
    which award each page is, and the text printed on it (for the pre-printed blanks).

    Every later download of an issued decision's certificates (the whole file or one
    recipient's page) is cut from this file, so changes to names, units, the signer or the
    office's settings never reach what was issued. Revoking an award leaves it untouched: the
    file is the record of what was handed out.
    """

    decision = models.OneToOneField(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="issued_certificates",
    )
    # One entry per page, in page order: {"award": id, "fields": {...}} — what was printed.
    pages = models.JSONField(_("pages"), default=list)

    class Meta:
        verbose_name = _("issued certificates")
        verbose_name_plural = _("issued certificates")


@audited
class KeptPaper(KeptAsIssued):
    """The .docx of a numbered submission, public notice or council minutes as it stood when
    the register numbered it (`awards.OutgoingDocument`); downloads serve this file, so later
    changes to names, units or the office's settings never reach what was sent or posted."""

    entry = models.OneToOneField(
        OutgoingDocument,
        verbose_name=_("register entry"),
        on_delete=models.PROTECT,
        related_name="kept_paper",
    )
    # who signs the paper as it prints them, for the register's "signed by"
    signer_name = models.CharField(_("signer's name"), max_length=120, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=160, blank=True)

    class Meta:
        verbose_name = _("kept paper")
        verbose_name_plural = _("kept papers")


def _blank_path(instance: CertificateBlank, filename: str) -> str:
    return private_upload_to("blanks")


@audited
class CertificateBlank(models.Model):
    """A unit's pre-printed blank for one certificate kind: where each field is printed
    (`documents.domain.blanks`), and the scan of the blank used to preview the text over it."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="certificate_blanks"
    )
    kind = models.ForeignKey(
        AwardKind, verbose_name=_("award kind"), on_delete=models.PROTECT, related_name="+"
    )
    positions = models.JSONField(_("positions of the fields"), default=dict, blank=True)
    scan = models.FileField(_("scan of the blank"), upload_to=_blank_path, blank=True)
    scan_name = models.CharField(_("file name"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("certificate blank")
        verbose_name_plural = _("certificate blanks")
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="one_blank_per_unit_and_kind")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.kind}"


def _scan_path(instance: SignedScan, filename: str) -> str:
    return private_upload_to("scans")


class SignedScanError(Exception):
    """A scan once recorded is history: it is replaced by a new one, never changed or deleted."""


@audited
class SignedScan(models.Model):
    """The signed and stamped decision, scanned to PDF by the văn thư after issue.

    The decision itself stays as issued; the scan sits beside it. Replacing a scan adds a row
    that points at the one it replaces, so every scan ever recorded stays, with who and when.
    """

    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        on_delete=models.PROTECT,
        related_name="signed_scans",
    )
    file = models.FileField(_("file"), upload_to=_scan_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField(_("size"))
    pages = models.PositiveIntegerField(_("pages"))
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    reason = models.CharField(_("reason for replacing"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("signed scan")
        verbose_name_plural = _("signed scans")
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return self.original_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise SignedScanError(_("A recorded scan cannot be changed: upload a new one."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise SignedScanError(_("A recorded scan cannot be deleted: upload a new one."))
