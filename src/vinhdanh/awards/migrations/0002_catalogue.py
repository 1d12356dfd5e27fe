"""The national catalogue of titles and forms, as it stood when awards were first migrated.

The rows are frozen in catalogue_0002.json beside this file, so the migration never depends on
application code that changes later. Later changes of the catalogue reach every database
through `AwardsConfig`'s post-migrate sync (vinhdanh.awards.data.catalogue.sync).
"""

import json
from pathlib import Path

from django.db import migrations

FROZEN = Path(__file__).with_name("catalogue_0002.json")


def load(apps, schema_editor):
    AwardKind = apps.get_model("awards", "AwardKind")
    for row in json.loads(FROZEN.read_text(encoding="utf-8")):
        code = row.pop("code")
        AwardKind.objects.using(schema_editor.connection.alias).update_or_create(
            code=code, defaults=row
        )


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
