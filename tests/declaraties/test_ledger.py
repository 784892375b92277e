"""The ledger balances per municipality, provider, product and month after credits, corrections, payments."""

from __future__ import annotations

import datetime as dt

from jeugdketen.declaraties import ledger
from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import Betaalverplichting, Boeking

from .conftest import YEAR

DAY = dt.date(YEAR, 12, 6)


def test_obligations_fall_due_30_days_after_receipt(world):
    tw = world.toewijzing()
    result = process_jw323(world.jw323([world.line(tw, month=1), world.line(tw, month=2)]), received_on=DAY)
    obligations = list(Betaalverplichting.objects.filter(declaratie=result.declaratie))
    assert len(obligations) == 2
    assert {o.due for o in obligations} == {DAY + dt.timedelta(days=30)}
    assert sum(o.amount_cents for o in obligations) == result.declaratie.total_accepted_cents


def test_ledger_balances_after_credits_corrections_and_payments(world):
    tw = world.toewijzing()
    other = world.toewijzing("50B05", volume=120)
    first = world.line(tw, month=1)
    rejected = world.line(tw, month=2, amount_cents=1)
    process_jw323(world.jw323([first, rejected, world.line(other, month=1, volume=30)]), received_on=DAY)
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
    paid = ledger.pay(Betaalverplichting.objects.all(), on=DAY + dt.timedelta(days=20), reference="B1")
    assert len(paid) == 1 and paid[0].amount_cents == first.amount_cents + 30 * world.tariff_cents(other)
    credit = world.credit(first)
    rebill = world.line(tw, month=1, volume=40)
    result = process_jw323(world.jw323([credit, rebill]), received_on=DAY + dt.timedelta(days=25))
    assert result.declaratie.total_accepted_cents == rebill.amount_cents - first.amount_cents
    obligation = Betaalverplichting.objects.filter(declaratie=result.declaratie).get()
    assert obligation.amount_cents == rebill.amount_cents - first.amount_cents < 0
    ledger.correct(obligation, 250, reason="Nagekomen afspraak", on=DAY + dt.timedelta(days=26))
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
    ledger.pay(Betaalverplichting.objects.all(), on=DAY + dt.timedelta(days=30))
    assert ledger.unbalanced() == [] and ledger.open_mismatches() == []
    january = [row for row in ledger.balances() if row["product_code"] == "50B01" and row["month"].month == 1]
    assert january[0]["crediteuren"] == 0
    assert january[0]["lasten"] == rebill.amount_cents + 250 == -january[0]["bank"]
    assert (
        Boeking.objects.filter(kind="credit").exists() and Boeking.objects.filter(kind="correctie").exists()
    )


def test_a_booking_that_does_not_balance_is_refused(world):
    import pytest

    with pytest.raises(ValueError):
        ledger.book(
            "correctie", [("lasten", 5), ("crediteuren", -4)], municipality_id=world.municipality.pk,
            provider_id=world.provider.pk, product_code="x", month=DAY, booked_on=DAY,
        )  # fmt: skip


def _obligations(world, declaratie, count: int, provider) -> list[Betaalverplichting]:
    return Betaalverplichting.objects.bulk_create(
        Betaalverplichting(
            declaratie=declaratie,
            municipality=world.municipality,
            provider=provider,
            product_code="50B01",
            month=dt.date(YEAR, 1 + i % 12, 1),
            amount_cents=1000 + i,
            due=DAY,
        )  # fmt: skip
        for i in range(count)
    )


def test_a_payment_run_is_set_based_and_pays_each_obligation_once(world):
    """A payment run over three times the obligations takes the same number of queries; every
    obligation is paid in full, booked once, and a second run pays nothing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jeugdketen.catalogus.models import Provider

    tw = world.toewijzing()
    declaratie = process_jw323(world.jw323([world.line(tw, month=1)]), received_on=DAY).declaratie
    other = Provider.objects.create(name="Tweede aanbieder", agb_code="87654321")
    counts = []
    for size in (10, 30):
        Boeking.objects.filter(kind=Boeking.Kind.BETALING).delete()
        Betaalverplichting.objects.exclude(declaratie__isnull=True).update(paid_cents=0, paid_on=None)
        _obligations(world, declaratie, size, world.provider)
        _obligations(world, declaratie, size, other)
        due = list(Betaalverplichting.objects.filter(paid_on__isnull=True))
        with CaptureQueriesContext(connection) as queries:
            payments = ledger.pay(due, on=DAY, reference="run")
        counts.append(len(queries))
        assert sorted(p.provider_id for p in payments) == sorted([world.provider.pk, other.pk])
        assert sum(p.amount_cents for p in payments) == sum(o.amount_cents for o in due)
        assert not Betaalverplichting.objects.filter(paid_on__isnull=True).exists()
        for payment in payments:
            mine = [o for o in due if o.provider_id == payment.provider_id]
            assert payment.amount_cents == sum(o.amount_cents for o in mine)
            assert Boeking.objects.filter(payment=payment, account="bank").count() == len(mine)
        assert ledger.unbalanced() == []  # (these obligations were made without cost bookings)
        assert ledger.pay(due, on=DAY, reference="again") == []
    assert counts[0] == counts[1]
