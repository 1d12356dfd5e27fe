"""The Notification model moved to `common` (its table is unchanged): state only."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0002_round_status"),
        ("common", "0005_notification"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        )
    ]
