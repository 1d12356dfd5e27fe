from django.db import migrations


def load(apps, schema_editor):
    from vinhdanh.awards.data.catalogue import sync

    sync(apps.get_model("awards", "AwardKind"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
