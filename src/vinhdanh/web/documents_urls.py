"""Document downloads, included under "documents/" in the "web" namespace."""

from django.urls import path

from vinhdanh.web.views import certificates, documents, register

urlpatterns = [
    path("register/", register.register_index, name="document_register_index"),
    path("units/<int:pk>/register/", register.register_page, name="document_register"),
    path("units/<int:pk>/register.xlsx", register.register_xlsx, name="document_register_xlsx"),
    path("decisions/<int:pk>/scan/", register.scan_upload, name="document_scan_upload"),
    path("decisions/<int:pk>/scan.pdf", register.scan_download, name="document_scan"),
    path("units/<int:pk>/settings/", documents.unit_settings, name="document_settings"),
    path("decisions/<int:pk>.docx", documents.decision_docx, name="document_decision"),
    path(
        "nominations/<int:pk>/report.docx",
        documents.nomination_report_docx,
        name="document_report",
    ),
    path(
        "rounds/<int:pk>/submission.docx",
        documents.round_submission_docx,
        name="document_submission",
    ),
    path("rounds/<int:pk>/notice.docx", documents.round_notice_docx, name="document_notice"),
    path(
        "rounds/<int:pk>/draft-decision.docx",
        documents.round_draft_decision_docx,
        name="document_draft_decision",
    ),
    path(
        "decisions/<int:pk>/certificates.pdf",
        certificates.decision_certificates,
        name="certificates_decision",
    ),
    path("awards/<int:pk>/certificate.pdf", certificates.award_certificate, name="certificate"),
    path("units/<int:pk>/blanks/", certificates.blank_list, name="certificate_blanks"),
    path("units/<int:pk>/blanks/<str:code>/", certificates.blank_edit, name="certificate_blank"),
    path(
        "units/<int:pk>/blanks/<str:code>/preview.pdf",
        certificates.blank_preview,
        name="certificate_blank_preview",
    ),
]
