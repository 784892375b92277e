"""The provider's back office: register care with checks against the toewijzing, bill the month
through the exchange, and credit and rebill a rejected line in one action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jeugdketen.berichten.models import Message
from jeugdketen.declaraties import backoffice
from jeugdketen.declaraties.models import GeleverdeZorg, Prestatie

from .conftest import YEAR


def test_registration_is_checked_against_the_toewijzing(world):
    tw = world.toewijzing(volume=10, frequency="4", begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 6, 30))
    tariff = Decimal(world.tariff_cents(tw)) / 100
    march = dict(begin=dt.date(YEAR, 3, 1), end=dt.date(YEAR, 3, 31))

    def findings(**kwargs):
        return backoffice.check_registration(tw, **{**march, "volume": 4, "tariff": tariff, **kwargs})

    assert findings() == []
    assert "verschillende maanden" in findings(end=dt.date(YEAR, 4, 2))[0]
    assert "buiten de toewijzing" in findings(begin=dt.date(YEAR, 7, 1), end=dt.date(YEAR, 7, 31))[0]
    assert "vóór de start" in findings(begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 1, 5))[0]
    # The month care starts in (6 January) is registered whole, as the municipality requires (TR387).
    assert findings(begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 1, 31)) == []
    assert "boven wat is toegewezen" in findings(volume=11)[0]
    assert "contracttarief" in findings(tariff=tariff + 1)[0]
    assert "eenheid" in findings(unit="01" if tw.unit != "01" else "04")[0]
    # Registered care counts: 4 + 4 fit in 10, a third 4 does not.
    backoffice.register(tw, volume=4, **march)
    backoffice.register(tw, volume=4, begin=dt.date(YEAR, 3, 1), end=dt.date(YEAR, 3, 1))
    with pytest.raises(backoffice.RegistrationRefused) as refused:
        backoffice.register(tw, volume=4, **march)
    assert "8 geregistreerd" in refused.value.findings[0]
    assert GeleverdeZorg.objects.filter(toewijzing=tw).count() == 2
    assert all(d.tariff == tariff for d in GeleverdeZorg.objects.filter(toewijzing=tw))
    ready = backoffice.ready_to_bill(world.provider, until=dt.date(YEAR, 3, 31))
    # The two parts of March are one line to bill: the whole month, both volumes.
    assert [(m, len(lines), amount) for m, lines, amount in ready] == [(world.municipality, 1, 8 * tariff)]
    [line] = ready[0][1]
    assert (line.begin, line.end, line.volume, len(line.registrations)) == (*march.values(), 8, 2)


def test_bill_the_month_then_credit_and_rebill_a_rejected_line(world, oracle):
    tw = world.toewijzing(volume=600, frequency="4")
    tariff = Decimal(world.tariff_cents(tw)) / 100
    good = backoffice.register(tw, begin=dt.date(YEAR, 2, 1), end=dt.date(YEAR, 2, 28), volume=60)
    # A registration from before the checks existed, at a wrong tariff: the municipality rejects it.
    wrong = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR, 3, 1), end=dt.date(YEAR, 3, 31),
        volume=60, tariff=tariff + 1,
    )  # fmt: skip
    day = dt.date(YEAR, 4, 3)
    billed = backoffice.bill_month(world.provider, world.municipality, dt.date(YEAR, 3, 1), today=day)
    assert billed.message.direction == "out" and billed.message.code == "JW323"
    assert billed.answer is not None and billed.answer.code == "JW325"
    oracle(billed.message.xml, "JW323")
    oracle(billed.answer.xml, "JW325")
    good.refresh_from_db()
    wrong.refresh_from_db()
    assert (good.status, wrong.status, wrong.retourcodes) == ("toegekend", "afgewezen", "0611")
    assert Message.objects.filter(code="JW325", direction="in", in_reply_to__code="JW323").exists()

    again = backoffice.credit_and_rebill(wrong, tariff=tariff, today=day + dt.timedelta(days=2))
    oracle(again.message.xml, "JW323")
    oracle(again.answer.xml, "JW325")
    wrong.refresh_from_db()
    assert wrong.status == "gecrediteerd" and wrong.credit_reference
    credit = Prestatie.objects.get(debit_credit="C")
    assert credit.previous_reference == wrong.reference
    rebill = GeleverdeZorg.objects.exclude(pk__in=[good.pk, wrong.pk]).get()
    assert (rebill.status, rebill.tariff, rebill.volume) == ("toegekend", tariff, 60)
    assert Prestatie.objects.get(reference=rebill.reference).accepted
    with pytest.raises(ValueError):
        backoffice.credit_and_rebill(wrong, today=day)  # credited already
    # Nothing left to bill: no JW323 is written.
    assert (
        backoffice.bill_month(world.provider, world.municipality, dt.date(YEAR, 3, 1), today=day).message
        is None
    )
