"""The register of outgoing documents: one number series per issuing unit, kind of document
and year; numbers the văn thư entered are marked.

Counters are rebuilt from the decisions on the next issue (as in 0004). The kind is read from
each decision's symbol, frozen here ("QĐ" in "QĐ-UBND") rather than imported from the app.
"""

import unicodedata

from django.db import migrations, models

KINDS = ("QĐ", "TTr", "BB", "TB", "CV", "KH", "BC", "NQ", "CT", "HD", "GM")


def _key(text):
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


SPELLING = {_key(k): k for k in KINDS}


def kind_of(symbol):
    head = unicodedata.normalize("NFC", symbol or "").split("-", 1)[0].strip()
    return SPELLING.get(_key(head), head)[:12]


def drop_counters(apps, schema_editor):
    apps.get_model("awards", "DecisionCounter").objects.all().delete()


def fill_series(apps, schema_editor):
    Decision = apps.get_model("awards", "Decision")
    by_kind = {}
    for pk, symbol in Decision.objects.values_list("pk", "symbol").iterator():
        by_kind.setdefault(kind_of(symbol), []).append(pk)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 500):
            Decision.objects.filter(pk__in=ids[start : start + 500]).update(series=kind)


class Migration(migrations.Migration):
    dependencies = [
        ("awards", "0004_decision_series_per_unit_imported_history"),
        ("orgs", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(drop_counters, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="decisioncounter", name="uniq_decision_counter"),
        migrations.RemoveField(model_name="decisioncounter", name="symbol"),
        migrations.AddField(
            model_name="decisioncounter",
            name="series",
            field=models.CharField(default="", max_length=12, verbose_name="kind of document"),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="decisioncounter",
            constraint=models.UniqueConstraint(
                fields=("issuing_unit", "year", "series"), name="uniq_decision_counter"
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="series",
            field=models.CharField(
                db_default="",
                default="",
                editable=False,
                max_length=12,
                verbose_name="kind of document",
            ),
        ),
        migrations.AddField(
            model_name="decision",
            name="number_entered",
            field=models.BooleanField(
                db_default=False, default=False, verbose_name="number entered by the clerk"
            ),
        ),
        migrations.RunPython(fill_series, migrations.RunPython.noop),
        migrations.RemoveConstraint(
            model_name="decision", name="uniq_decision_number_per_unit_year"
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                condition=models.Q(("imported", False)),
                fields=("issuing_unit", "year", "series", "number"),
                name="uniq_decision_number_per_series",
            ),
        ),
    ]
