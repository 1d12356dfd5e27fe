"""Web import: templates to download, upload → preview (dry run) → confirm.

The uploaded file waits under MEDIA_ROOT/imports/ (never in the web root) named by a random token
that only this session knows, and is deleted after the import or when the preview finds problems.
The same `run_import` as the `vinhdanh import` command does the work. A file larger than
IMPORT_INLINE_MAX_BYTES is checked, then imported, by the background worker instead (see
web/jobs.py): the request only stores it and hands over to the job's progress page.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from vinhdanh.common.domain.jobs import job_context, start_job
from vinhdanh.common.enums import JobKind
from vinhdanh.common.importing import KINDS, ImportResult, importer_class, run_import
from vinhdanh.common.importing.base import Importer
from vinhdanh.common.importing.forms import ImportUploadForm
from vinhdanh.common.importing.template import template_bytes, template_filename
from vinhdanh.common.xlsx import XLSX_TYPE
from vinhdanh.orgs.domain.queries.scope import UnitScope
from vinhdanh.orgs.interfaces.scope import import_scope

SESSION_KEY = "vinhdanh_imports"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
STALE_SECONDS = 24 * 3600
MAX_PROBLEMS_SHOWN = 1000


def upload_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def _importer(kind: str) -> type[Importer]:
    if kind not in KINDS:
        raise Http404
    return importer_class(kind)


class ImportAccessMixin(LoginRequiredMixin):
    """Clerks, emulation offices and admins import, each within the units they hold."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.user.is_authenticated:
            self.scope: UnitScope = import_scope(request.user)
            if self.scope.is_empty:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ImportsView(ImportAccessMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        # one form per kind: each file control needs its own id for its label
        kinds = [
            (kind, importer_class(kind), ImportUploadForm(auto_id=f"id_%s_{kind}"))
            for kind in KINDS
        ]
        return render(
            request,
            "web/imports/index.html",
            {
                "kinds": kinds,
                "limit": settings.IMPORT_MAX_UPLOAD_BYTES,
                "inline": settings.IMPORT_INLINE_MAX_BYTES,
                "jobs_url": reverse("web:jobs"),
            },
        )


class ImportTemplateView(ImportAccessMixin, View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        cls = _importer(kind)
        response = HttpResponse(template_bytes(cls), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{template_filename(cls)}"'
        return response


class ImportUploadView(ImportAccessMixin, View):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        cls = _importer(kind)
        return self._form_page(request, cls, ImportUploadForm())

    def post(self, request: HttpRequest, kind: str) -> HttpResponse:
        cls = _importer(kind)
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._form_page(request, cls, form, status=400)
        _remove_stale_files()
        upload = form.cleaned_data["file"]
        if upload.size > int(settings.IMPORT_INLINE_MAX_BYTES):
            return self._in_background(request, cls, form, upload)
        token = secrets.token_urlsafe(24)
        path = upload_dir() / f"{token}.{form.format}"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        path.chmod(0o600)
        name = Path(upload.name or "").name[:200]
        pending = request.session.get(SESSION_KEY, {})
        pending[token] = {
            "kind": cls.kind,
            "format": form.format,
            "name": name,
            "user": request.user.pk,
        }
        request.session[SESSION_KEY] = pending
        result = run_import(
            kind=cls.kind,
            source=path,
            dry_run=True,
            user=request.user,
            audit_source="web:import",
            scope=self.scope,
            filename=name,
        )
        if not result.ok:
            _forget(request, token)
        return _preview(request, cls, result, token if result.ok else None, name)

    def _in_background(
        self, request: HttpRequest, cls: type[Importer], form: ImportUploadForm, upload: Any
    ) -> HttpResponse:
        """A large file is checked by the worker; its page shows the progress, then the
        problems or the counts, and offers to import it (a second job)."""
        name = Path(upload.name or "").name[:200]
        with transaction.atomic():
            job = start_job(
                owner=request.user,
                kind=JobKind.IMPORT_CHECK,
                title=f"{cls.title}: {name}",
                params={"kind": cls.kind, "format": form.format, "name": name},
            )
            source = f"jobs/{job.pk}/input.{form.format}"
            path = Path(settings.MEDIA_ROOT) / source
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            path.chmod(0o600)
            job.params = {**job.params, "source": source, **job_context(request)}
            job.save(update_fields=["params"])
        return HttpResponseRedirect(reverse("web:job", args=[job.pk]))

    def _form_page(
        self, request: HttpRequest, cls: type[Importer], form: ImportUploadForm, status: int = 200
    ) -> HttpResponse:
        return render(
            request,
            "web/imports/upload.html",
            {
                "importer": cls,
                "form": form,
                "limit": settings.IMPORT_MAX_UPLOAD_BYTES,
            },
            status=status,
        )


class ImportConfirmView(ImportAccessMixin, View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        entry, path = _pending(request, token)
        cls = importer_class(entry["kind"])
        result = run_import(
            kind=cls.kind,
            source=path,
            dry_run=True,
            user=request.user,
            audit_source="web:import",
            scope=self.scope,
            filename=entry["name"],
        )
        if not result.ok:
            _forget(request, token)
        return _preview(request, cls, result, token if result.ok else None, entry["name"])

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        entry, path = _pending(request, token)
        cls = importer_class(entry["kind"])
        if request.POST.get("cancel"):
            _forget(request, token)
            messages.info(request, _("The import was cancelled; nothing was written."))
            return HttpResponseRedirect(reverse("web:imports"))
        try:
            result = run_import(
                kind=cls.kind,
                source=path,
                dry_run=False,
                user=request.user,
                audit_source="web:import",
                scope=self.scope,
                filename=entry["name"],
            )
        finally:
            _forget(request, token)
        if not result.ok:
            return _preview(request, cls, result, None, entry["name"])
        summary = ", ".join(f"{label}: {count}" for label, count in result.count_lines())
        messages.success(
            request,
            _("Imported from %(file)s — %(summary)s.")
            % {"file": entry["name"], "summary": summary},
        )
        return HttpResponseRedirect(reverse("web:imports"))


def _preview(
    request: HttpRequest, cls: type[Importer], result: ImportResult, token: str | None, name: str
) -> HttpResponse:
    return render(
        request,
        "web/imports/preview.html",
        {
            "importer": cls,
            "result": result,
            "token": token,
            "filename": name,
            "problems": result.problems[:MAX_PROBLEMS_SHOWN],
            "hidden_problems": max(0, len(result.problems) - MAX_PROBLEMS_SHOWN),
        },
    )


def _pending(request: HttpRequest, token: str) -> tuple[dict[str, Any], Path]:
    """The upload behind a token of this session and user (404 otherwise)."""
    if not TOKEN.match(token):
        raise Http404
    entry = request.session.get(SESSION_KEY, {}).get(token)
    if not entry or entry.get("user") != request.user.pk or entry.get("kind") not in KINDS:
        raise Http404
    path = upload_dir() / f"{token}.{entry['format']}"
    if entry.get("format") not in ("xlsx", "csv") or not path.is_file():
        _forget(request, token)
        raise Http404
    return entry, path


def _forget(request: HttpRequest, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if entry and TOKEN.match(token):
        (upload_dir() / f"{token}.{entry.get('format')}").unlink(missing_ok=True)


def _remove_stale_files() -> None:
    """Uploads nobody confirmed (a closed tab) do not stay longer than a day."""
    folder = upload_dir()
    if not folder.is_dir():
        return
    limit = time.time() - STALE_SECONDS
    for path in folder.iterdir():
        try:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue
