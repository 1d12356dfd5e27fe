"""The audit log is append-only in the database too, not only in Python.

On PostgreSQL a trigger refuses every UPDATE and DELETE on common_auditevent, whoever runs it
(raw SQL, a bulk update, a bug). TRUNCATE is left alone so that `flush`, test teardown and
`vinhdanh restore` still work. SQLite has no such trigger: the model and its queryset refuse
instead.

Deleting a user must not rewrite their audit rows either, so AuditEvent.user keeps the id of a
deleted user (DO_NOTHING, no database constraint) instead of setting it to NULL.
"""

from django.conf import settings
from django.db import migrations, models

FORBID = """
CREATE OR REPLACE FUNCTION common_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit log is append-only: % on common_auditevent is not allowed.', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS common_auditevent_append_only ON common_auditevent;
CREATE TRIGGER common_auditevent_append_only
    BEFORE UPDATE OR DELETE ON common_auditevent
    FOR EACH ROW EXECUTE FUNCTION common_auditevent_append_only();
"""

ALLOW = """
DROP TRIGGER IF EXISTS common_auditevent_append_only ON common_auditevent;
DROP FUNCTION IF EXISTS common_auditevent_append_only();
"""


def forbid_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORBID, params=None)


def allow_changes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ALLOW, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("common", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="user",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=models.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.RunPython(forbid_changes, allow_changes),
    ]
