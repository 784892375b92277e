"""The demo region: deterministic, valid messages, users only when asked."""

import datetime as dt

from tests.toegang.world import assert_valid, run

from jeugdketen.accounts.models import User
from jeugdketen.berichten.models import Message
from jeugdketen.core.privacy import is_valid_bsn
from jeugdketen.monitoring.models import Budget
from jeugdketen.toegang.models import Client, Toewijzing

TODAY = dt.date(2026, 3, 2)


def snapshot():
    return (
        list(Client.objects.order_by("pk").values_list("bsn", "birth_date", "municipality__cbs_code")),
        list(
            Toewijzing.objects.order_by("pk").values_list(
                "number", "product_code", "begin", "provider__agb_code"
            )
        ),
        list(
            Budget.objects.order_by("municipality__cbs_code", "lot__code").values_list("lot__code", "amount")
        ),
    )


def wipe_demo_rows():
    """Deletes every row the demo wrote (also those of later STAGES), referrers first."""
    from django.apps import apps
    from django.db.models import ProtectedError

    keep = {"catalogus", "contracten", "auth", "contenttypes", "sessions", "admin", "audit"}
    models = [m for m in apps.get_models() if m._meta.app_label not in keep and not m._meta.proxy]
    User.objects.all().delete()
    for _ in range(len(models)):
        left = [m for m in models if m._default_manager.exists()]
        if not left:
            break
        for model in left:
            try:
                model._default_manager.all().delete()
            except ProtectedError:  # referred to by a row deleted later in this pass
                if model is Message:  # replies first: in_reply_to protects the message answered
                    try:
                        Message.objects.filter(replies=None).delete()
                    except ProtectedError:
                        continue


def test_demo_is_deterministic_and_valid(world, schemas, xsd_dir, monkeypatch):
    monkeypatch.delenv("JEUGDKETEN_DEMO", raising=False)
    code, text = run("demo", "--youths", 60, "--months", 6, "--seed", 7, "--today", TODAY)
    assert code == 0, text
    first = snapshot()
    assert all(is_valid_bsn(b) for b, _, _ in first[0])
    assert not User.objects.exists()
    # The monitoring stage enters a budget per municipality and lot with declared care.
    assert first[2] and all(amount > 0 and amount % 1000 == 0 for _, amount in first[2])
    for message in Message.objects.order_by("?")[:15]:
        assert_valid(message.xml, schemas, xsd_dir)
    code, text = run("demo", "--if-empty", "--with-users")
    assert "niets gedaan" in text and User.objects.filter(username="toegang").exists()
    wipe_demo_rows()
    run("demo", "--youths", 60, "--months", 6, "--seed", 7, "--today", TODAY)
    second = snapshot()
    assert [c[1:] for c in first[0]] == [c[1:] for c in second[0]]
    assert [t[1:] for t in first[1]] == [t[1:] for t in second[1]]
    assert first[2] == second[2]


def test_the_demo_on_a_database_without_product_books_says_to_run_init(db):
    """A fresh database without `jeugdketen init`: a clear error, no traceback, nothing stored."""
    import pytest
    from django.core.management import CommandError, call_command

    from jeugdketen.catalogus.models import Region

    Region.objects.all().delete()
    with pytest.raises(CommandError, match="run `jeugdketen init` first"):
        call_command("demo", youths=3, months=1, today=TODAY)
    assert not Client.objects.exists()
