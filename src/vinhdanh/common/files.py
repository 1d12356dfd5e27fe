"""Uploaded documents: the type is read from the content, never from the name or the browser.

Used by the attachments of nominations and the documents of movements. Files are stored under
MEDIA_ROOT (outside the web root; MEDIA_URL is never served) with a random name, and are sent
back only by views that check the reader's permission first.
"""

from __future__ import annotations

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024

# kind -> (content type, file extensions)
KNOWN_TYPES: dict[str, tuple[str, tuple[str, ...]]] = {
    "pdf": ("application/pdf", (".pdf",)),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    "jpg": ("image/jpeg", (".jpg", ".jpeg")),
    "png": ("image/png", (".png",)),
}


class UploadError(ValueError):
    pass


@dataclass(frozen=True)
class CheckedFile:
    kind: str
    content_type: str
    size: int
    sha256: str
    original_name: str


def max_upload_bytes() -> int:
    return int(getattr(settings, "VINHDANH_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def _zip_kind(stream: IO[bytes]) -> str | None:
    """A .docx or .xlsx is a zip with a content-types part and its main part."""
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return None


def sniff(stream: IO[bytes]) -> str | None:
    """The kind of the content (a key of KNOWN_TYPES), or None when it is none of them."""
    stream.seek(0)
    head = stream.read(16)
    stream.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        kind = "jpg"
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(stream)
    stream.seek(0)
    return kind


def check_upload(upload: UploadedFile[Any], *, limit: int | None = None) -> CheckedFile:
    """Refuse a file that is too large, of a type not accepted, or whose name lies about it."""
    limit = limit or max_upload_bytes()
    size = upload.size or 0
    if size <= 0:
        raise UploadError(_("The file is empty."))
    if size > limit:
        raise UploadError(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )
    stream = upload.open("rb")
    kind = sniff(stream)
    if kind is None:
        raise UploadError(
            _(
                "This type of file is not accepted: upload a PDF, Word (.docx), Excel (.xlsx), "
                "JPEG or PNG file."
            )
        )
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    content_type, extensions = KNOWN_TYPES[kind]
    if not name.lower().endswith(extensions):
        raise UploadError(
            _("The content of the file does not match its name: it is a %(kind)s file.")
            % {"kind": kind.upper()}
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(
        kind=kind,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
        original_name=name[:255],
    )


def private_upload_to(folder: str) -> str:
    """A random stored name under MEDIA_ROOT/<folder>/: the original name is kept in the row."""
    return f"{folder}/{uuid.uuid4().hex}"


def check_pdf(upload: UploadedFile[Any], *, limit: int | None = None) -> tuple[CheckedFile, int]:
    """A real PDF, and its number of pages: the content starts as a PDF does and a PDF reader
    opens it and finds its pages (a renamed file or a broken download is refused)."""
    if sniff(upload.open("rb")) != "pdf":
        raise UploadError(_("Upload the scan as a PDF file."))
    checked = check_upload(upload, limit=limit)
    pages = pdf_pages(upload.open("rb"))
    upload.seek(0)
    return checked, pages


def pdf_pages(stream: IO[bytes]) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    stream.seek(0)
    try:
        reader = PdfReader(stream, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UploadError(_("The PDF is protected by a password: upload it without one."))
        pages = len(reader.pages)
    except UploadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        raise UploadError(
            _("The file starts like a PDF but cannot be opened as one: scan it again.")
        ) from error
    finally:
        stream.seek(0)
    if pages < 1:
        raise UploadError(_("The PDF has no pages."))
    return pages
