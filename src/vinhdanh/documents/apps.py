from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "vinhdanh.documents"
    label = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        from vinhdanh.documents.domain import settings
        from vinhdanh.documents.interfaces import issued, issued_certificates, kept_papers

        issued.connect()
        issued_certificates.connect()
        kept_papers.connect()
        settings.connect()
