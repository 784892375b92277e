"""On PostgreSQL, a message's XML is compressed with lz4 instead of the default pglz.

A JW323 of 100,000 prestaties is about 70 MB of XML, stored whole as the message of record;
lz4 compresses it about twice as fast. The server may be built without lz4 (it needs PostgreSQL
14 or later built with it): then the column keeps the default and nothing else changes. Other
databases have no per-column compression and skip this step.
"""

from django.db import migrations

LZ4 = """
DO $$
BEGIN
    ALTER TABLE berichten_message ALTER COLUMN xml SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'berichten_message.xml keeps the default compression';
END
$$;
"""
DEFAULT = "ALTER TABLE berichten_message ALTER COLUMN xml SET COMPRESSION default;"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(LZ4)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql" and schema_editor.connection.pg_version >= 140000:
        schema_editor.execute(DEFAULT)


class Migration(migrations.Migration):
    dependencies = [("berichten", "0003_outbox")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
