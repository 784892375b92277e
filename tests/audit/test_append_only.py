"""The audit log is append-only: no update or delete, neither per row nor per queryset."""

from __future__ import annotations

import pytest

from jeugdketen.audit.log import record
from jeugdketen.audit.models import AppendOnlyError, AuditEntry


@pytest.fixture
def entry(db):
    return record(actor="tester", action="view", object_type="x", route="test")


def test_row_cannot_be_changed(entry):
    entry.detail = "anders"
    with pytest.raises(AppendOnlyError):
        entry.save()


def test_row_cannot_be_deleted(entry):
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.parametrize(
    "operation",
    [
        lambda qs: qs.update(detail="anders"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["detail"]),
        lambda qs: qs.update_or_create(pk=1, defaults={"detail": "x"}),
    ],
    ids=["update", "delete", "bulk_update", "update_or_create"],
)
def test_queryset_cannot_change_or_delete(entry, operation):
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.all())
    with pytest.raises(AppendOnlyError):
        operation(AuditEntry.objects.filter(pk=entry.pk))
    assert AuditEntry.objects.get(pk=entry.pk).detail == ""


def test_save_with_an_existing_pk_is_refused(entry):
    copy = AuditEntry(pk=entry.pk, actor="vervalst", action="view", object_type="x")
    with pytest.raises(AppendOnlyError):
        copy.save(force_update=True)
