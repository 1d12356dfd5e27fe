"""The upload form of the web import: size limit and type checked by content."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.common.importing.reader import FileFormatError, detect_format
from vinhdanh.common.widgets import FileInput


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.xlsx or .csv)"),
        widget=FileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> UploadedFile[bytes]:
        upload: UploadedFile[bytes] = self.cleaned_data["file"]
        limit = int(settings.IMPORT_MAX_UPLOAD_BYTES)
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
            )
        handle = upload.file
        if handle is None:
            raise forms.ValidationError(_("The file is empty."))
        handle.seek(0)
        try:
            self.format = detect_format(handle)
        except FileFormatError as exc:
            raise forms.ValidationError(exc.message) from None
        finally:
            handle.seek(0)
        return upload
