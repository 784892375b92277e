"""The provider bills its delivered care with a JW323 and processes the JW325 that comes back."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jeugdketen.declaraties.intake import process_jw323
from jeugdketen.declaraties.models import GeleverdeZorg
from jeugdketen.declaraties.provider import build_jw323, process_jw325
from jeugdketen.ijw.validate import validate

from .conftest import YEAR


def test_bill_delivered_care_and_process_the_answer(world, xsd_dir):
    tw = world.toewijzing()
    tariff = Decimal(world.tariff_cents(tw)) / 100
    good = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 1, 31),
        volume=60, tariff=tariff,
    )  # fmt: skip
    wrong = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR, 2, 1), end=dt.date(YEAR, 2, 28),
        volume=60, tariff=tariff + 1,
    )  # fmt: skip
    day = dt.date(YEAR, 3, 5)
    data = build_jw323(
        world.provider, world.municipality, period_begin=dt.date(YEAR, 2, 1), period_end=dt.date(YEAR, 2, 28),
        number="P1", identification="P1", dagtekening=day,
    )  # fmt: skip
    assert validate(data, xsd_dir=xsd_dir).ok
    result = process_jw323(data, received_on=day)
    summary = process_jw325(world.provider, result.answer_xml)
    assert [d.pk for d in summary.accepted] == [good.pk]
    assert [d.pk for d in summary.to_correct] == [wrong.pk]
    wrong.refresh_from_db()
    assert wrong.status == "afgewezen" and wrong.retourcodes == "0611"
    # Correct: credit the rejected line, register the right tariff, bill again.
    fixed = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=wrong.begin, end=wrong.end, volume=60, tariff=tariff
    )
    data = build_jw323(
        world.provider, world.municipality, period_begin=dt.date(YEAR, 3, 1), period_end=dt.date(YEAR, 3, 31),
        number="P2", identification="P2", dagtekening=dt.date(YEAR, 4, 3), credits=[wrong],
    )  # fmt: skip
    result = process_jw323(data, received_on=dt.date(YEAR, 4, 3))
    summary = process_jw325(world.provider, result.answer_xml)
    assert [d.pk for d in summary.accepted] == [fixed.pk]
    assert result.declaratie.total_accepted_cents == 60 * world.tariff_cents(tw)


def test_a_jw325_through_the_message_exchange_reaches_the_provider(world):
    """JW323 in, JW325 out; delivering the JW325 marks the provider's care, once."""
    world.under_midden_limburg()  # its vervaltermijn refuses the late line
    from jeugdketen.berichten.models import Message
    from jeugdketen.berichten.services import deliver, process

    tw = world.toewijzing(begin=dt.date(YEAR - 1, 1, 1), start=dt.date(YEAR - 1, 1, 2))
    tariff = Decimal(world.tariff_cents(tw)) / 100
    good = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR, 1, 1), end=dt.date(YEAR, 1, 31),
        volume=60, tariff=tariff,
    )  # fmt: skip
    late = GeleverdeZorg.objects.create(
        provider=world.provider, toewijzing=tw, begin=dt.date(YEAR - 1, 12, 1), end=dt.date(YEAR - 1, 12, 31),
        volume=60, tariff=tariff,
    )  # fmt: skip
    day = dt.date(YEAR, 4, 10)
    data = build_jw323(
        world.provider, world.municipality, period_begin=dt.date(YEAR, 3, 1), period_end=dt.date(YEAR, 3, 31),
        number="P9", identification="P9", dagtekening=day,
    )  # fmt: skip
    outcome = process(data, today=day)
    (answer,) = outcome.produced
    received = deliver(answer, today=day)
    assert received.code == "JW325" and received.accepted and received.produced == []
    assert received.message.direction == Message.Direction.IN
    assert received.message.in_reply_to == outcome.message
    good.refresh_from_db()
    late.refresh_from_db()
    assert good.status == "toegekend"
    assert late.status == "afgewezen" and late.retourcodes == "9319" and late.advice.startswith("vervallen")
    again = deliver(answer, today=day)
    assert again.duplicate and Message.objects.filter(code="JW325", direction="in").count() == 1
