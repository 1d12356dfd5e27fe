"""Optimistic locking over HTTP: the ETag of a versioned record, and the version a write names.

A write names the version it was prepared on either in its body (`version`) or as
`If-Match: "<version>"` (the ETag of the detail). A stale `If-Match` answers 412 (RFC 9110); a
stale body version 409; a write naming neither answers 428, so a client cannot overwrite by
leaving the version out.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

_TAG = re.compile(r'^\s*(?:W/)?"v?(\d{1,9})"\s*$')


def etag(record: Any) -> str:
    """`"3"` for a record (or a serialized record) at version 3."""
    version = record["version"] if isinstance(record, dict) else record.version
    return f'"{version}"'


class Precondition:
    """The version a write was prepared on, and how it was named."""

    def __init__(self, request: Request, body_version: int | None) -> None:
        self.refusal: Response | None = None
        self.from_header = False
        self.version = body_version
        header = request.headers.get("If-Match")
        if header is None:
            if body_version is None:
                self.refusal = Response(
                    {
                        "detail": _(
                            "Send the version you read, as “version” in the body or as an "
                            "If-Match header with the ETag, so that nobody's edit is overwritten."
                        ),
                        "code": "version_required",
                    },
                    status=status.HTTP_428_PRECONDITION_REQUIRED,
                )
            return
        match = _TAG.match(header)
        if match is None or (body_version is not None and int(match.group(1)) != body_version):
            self.refusal = Response(
                {
                    "detail": _("The If-Match header does not name a version of this record."),
                    "code": "precondition_failed",
                },
                status=status.HTTP_412_PRECONDITION_FAILED,
            )
            return
        self.from_header = True
        self.version = int(match.group(1))

    def stale_status(self) -> int:
        return status.HTTP_412_PRECONDITION_FAILED if self.from_header else status.HTTP_409_CONFLICT
