"""Decision numbers belong to the issuing unit; imported history is marked and kept apart.

Counters are rebuilt from the decisions on the next issue, so the old ones (keyed by the body's
name as typed) are dropped. Decisions without an issuing unit can only have come from the
awards import or the demo's history: they become imported history.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_counters(apps, schema_editor):
    apps.get_model("awards", "DecisionCounter").objects.all().delete()


def mark_history(apps, schema_editor):
    apps.get_model("awards", "Decision").objects.filter(issuing_unit__isnull=True).update(
        imported=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0003_decisioncounter"),
        ("orgs", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_counters, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="decisioncounter", name="uniq_decision_counter"),
        migrations.RemoveField(model_name="decisioncounter", name="body_key"),
        migrations.AddField(
            model_name="decisioncounter",
            name="issuing_unit",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="orgs.unit",
                verbose_name="issuing unit",
            ),
        ),
        migrations.AlterField(
            model_name="decisioncounter",
            name="issuing_unit",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="orgs.unit",
                verbose_name="issuing unit",
            ),
        ),
        migrations.AddConstraint(
            model_name="decisioncounter",
            constraint=models.UniqueConstraint(
                fields=("issuing_unit", "year", "symbol"), name="uniq_decision_counter"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="imported",
            field=models.BooleanField(
                db_index=True, default=False, verbose_name="imported history"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="imported_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="imported by",
            ),
        ),
        migrations.RunPython(mark_history, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="decision", name="uniq_decision_number_per_body_year"
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("imported", False)),
                fields=("issuing_unit", "year", "symbol", "number"),
                name="uniq_decision_number_per_unit_year",
            ),
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("imported", True)),
                fields=("body_key", "year", "number", "symbol"),
                name="uniq_imported_decision_number",
            ),
        ),
    ]
