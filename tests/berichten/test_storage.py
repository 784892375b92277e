"""How a message's XML is stored: on PostgreSQL compressed with lz4 (migration berichten 0004),
when the server supports it; SQLite has no per-column compression and stores it as it is."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction

pytestmark = pytest.mark.django_db


def _lz4_supported() -> bool:
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE TEMPORARY TABLE lz4_probe (x text COMPRESSION lz4)")
            cursor.execute("DROP TABLE lz4_probe")
        return True
    except Exception:  # a server built without lz4 refuses the column
        return False


def test_the_message_xml_is_compressed_with_lz4_where_postgresql_can():
    if connection.vendor != "postgresql":
        pytest.skip("per-column compression is PostgreSQL's")
    if not _lz4_supported():
        pytest.skip("this PostgreSQL is built without lz4: the column keeps the default")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute "
            "WHERE attrelid = 'berichten_message'::regclass AND attname = 'xml'"
        )
        (method,) = cursor.fetchone()
    assert method == "l"  # lz4; '' would be the server's default (pglz)


def test_a_large_message_reads_back_exactly():
    from jeugdketen.berichten.models import Message

    rows = "".join(f"<Regel nr='{n}'>{n * 7919 % 10007}</Regel>" for n in range(200_000))
    xml = f"<Bericht>{rows}</Bericht>"
    stored = Message.objects.create(
        direction=Message.Direction.IN, code="JW323", sender="12345678", receiver="0001",
        identification="LZ4", dagtekening=dt.date(2026, 1, 5), xml=xml,
    )  # fmt: skip
    assert Message.objects.get(pk=stored.pk).xml == xml


def test_a_message_is_found_by_its_key_without_ordering():
    """``identified`` asks the unique index for its one row: no ORDER BY that could lead the
    planner to walk the table in ``created`` order instead."""
    from django.test.utils import CaptureQueriesContext

    from jeugdketen.berichten.models import Message

    key = {"direction": Message.Direction.OUT, "code": "JW301", "sender": "0001", "identification": "K1"}
    stored = Message.objects.create(**key, receiver="12345678", dagtekening=dt.date(2026, 1, 5), xml="<x/>")
    Message.objects.create(
        **{**key, "identification": "K2"}, receiver="12345678", dagtekening=dt.date(2026, 1, 5), xml="<x/>"
    )
    with CaptureQueriesContext(connection) as queries:
        found = Message.objects.identified(*key.values())
    assert found == stored
    assert len(queries) == 1 and "ORDER BY" not in queries[0]["sql"].upper()
    assert Message.objects.identified(Message.Direction.IN, "JW301", "0001", "K1") is None
