"""Spreadsheet imports; included by web/urls.py under "imports/" (names get the "web:" prefix)."""

from django.urls import URLPattern, path

from vinhdanh.web.views import imports

urlpatterns: list[URLPattern] = [
    path("", imports.ImportsView.as_view(), name="imports"),
    path("<slug:kind>/template/", imports.ImportTemplateView.as_view(), name="import_template"),
    path("<slug:kind>/upload/", imports.ImportUploadView.as_view(), name="import_upload"),
    path("confirm/<str:token>/", imports.ImportConfirmView.as_view(), name="import_confirm"),
]
