from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo province (`generate_demo`, `demo_logins`): no tables of its own."""

    name = "vinhdanh.demo"
    label = "demo"
    verbose_name = "Demo"
