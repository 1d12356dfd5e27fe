from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Statistics and the state's report forms: read-only queries and exporters over awards,
    nominations and movements, so it ranks above them (CONTRIBUTING.md, "Layers")."""

    name = "vinhdanh.reports"
    label = "reports"
    verbose_name = "Reports"
