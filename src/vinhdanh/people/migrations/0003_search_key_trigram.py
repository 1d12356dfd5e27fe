"""A trigram index on people's search key (PostgreSQL): the people search finds "le" or "hong"
at the start of any word of a name ("% hong%") through the index instead of reading the whole
table. SQLite has no such index type and keeps its plain index; results are the same."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEX = "people_person_search_key_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON people_person "
            "USING gin (search_key gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("people", "0002_leave_training_compliance_result")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
