"""`vinhdanh generate_demo --people N --seed S [--if-empty]`: the demo province."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vinhdanh.awards.enums import AwardType
from vinhdanh.awards.models import AwardKind
from vinhdanh.common.domain.planner import refresh_planner_statistics
from vinhdanh.demo.generate import DemoError, generate_demo, number


class Command(BaseCommand):
    help = "Generate a realistic, deterministic demo province (units, people, ratings, awards)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--start-year", type=int, default=2016)
        parser.add_argument("--end-year", type=int, default=2025)
        parser.add_argument("--chunk-size", type=int, default=20_000)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has units (makes `make demo` idempotent).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        people: int = options["people"]
        if people < 0:
            raise CommandError(_("The number of people cannot be negative."))
        if options["end_year"] < options["start_year"]:
            raise CommandError(_("The end year comes before the start year."))
        try:
            summary = generate_demo(
                people=people,
                seed=options["seed"],
                start_year=options["start_year"],
                end_year=options["end_year"],
                chunk_size=max(1, options["chunk_size"]),
                if_empty=options["if_empty"],
                progress=lambda line: self.stdout.write(f"  {line}"),
            )
        except DemoError as exc:
            raise CommandError(
                _("The database already has units: demo data goes into an empty database.")
            ) from exc
        if summary.skipped:
            self.stdout.write(_("The database already has units: demo data not generated."))
            return
        refresh_planner_statistics()
        cache.clear()  # written in bulk, past the signals that renew cached lists and counts
        self.stdout.write(
            _("Demo province generated in %(seconds)s s:")
            % {"seconds": number(summary.elapsed, decimals=1)}
        )
        rows = sorted((table_label(t), n) for t, n in summary.rows.items())
        for label, count in rows:
            self.stdout.write(f"  {label:<44} {number(count):>12}")
        self.stdout.write(_("Awards by kind:"))
        names = dict(AwardKind.objects.values_list("code", "name_vi"))
        for key, count in summary.awards.items():
            self.stdout.write(f"  {count_label(key, names):<44} {number(count):>12}")


# What the generator counts besides awards of a kind (vinhdanh.demo.people.Simulator.counts).
COUNT_LABELS = {
    "disciplines": gettext_lazy("Disciplines"),
    "initiatives": gettext_lazy("Initiatives"),
    "open_reviews": gettext_lazy("Reviews still open"),
    "posts": gettext_lazy("Posts held"),
    "revoked": gettext_lazy("Revoked awards"),
}


def table_label(table: str) -> str:
    """A database table by what it holds ('awards_award' → 'Khen thưởng')."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.db_table != table:
            continue
        if model._meta.auto_created:  # a many-to-many link: "<model>: <field>"
            owner: Any = model._meta.auto_created
            field = next(f for f in owner._meta.many_to_many if f.remote_field.through is model)
            return f"{str(owner._meta.verbose_name).capitalize()}: {field.verbose_name}"
        return str(model._meta.verbose_name_plural).capitalize()
    return table


def count_label(key: str, kind_names: dict[str, str]) -> str:
    if key in kind_names:
        return kind_names[key] if translation.get_language() != "en" else key
    if key in AwardType.values:
        return str(AwardType(key).label)
    return str(COUNT_LABELS.get(key, key))
