"""Choices of common rows, importable by pages and the API without the models (architecture §3)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for the worker")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class JobKind(models.TextChoices):
    IMPORT_CHECK = "import_check", _("Check an import file")
    IMPORT_WRITE = "import_write", _("Import a file")
    CANDIDATES_XLSX = "candidates_xlsx", _("Candidate lists to .xlsx")
    CERTIFICATES_PDF = "certificates_pdf", _("Certificates of a decision (PDF)")
    CERTIFICATES_KEEP = "certificates_keep", _("Keep an issued decision's certificates")
