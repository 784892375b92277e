"""The provider's back office: bill registered care through the message exchange.

A provider without its own billing software registers delivered care
(:class:`~jeugdketen.declaraties.models.GeleverdeZorg`) and lets the system write the
JW323. Every JW323 written here goes the way an uploaded one goes: it is kept in the
provider's outbox, delivered to the municipality, judged by the real intake, and the
JW325 comes back and is processed on the provider's side (lines accepted or rejected,
with the advice per rejected line).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from lxml import etree

from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import exchange, new_identification, send

from .models import GeleverdeZorg
from .provider import build_jw323


@dataclass
class Billed:
    """One JW323 the back office sent, and the JW325 that answered it (None when nothing to bill)."""

    message: Message | None
    answer: Message | None = None


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def declaratie_number() -> str:
    """A DeclaratieNummer: 12 characters, unique per provider."""
    return new_identification()


def submit(provider, municipality, data: bytes, *, identification: str, today: dt.date) -> Billed:
    """Keeps a JW323 in the provider's outbox and delivers it; returns it with its JW325."""
    message = send(
        "JW323",
        etree.fromstring(data),
        municipality=municipality,
        provider=provider,
        identification=identification,
        dagtekening=today,
    )
    outcomes = exchange(message, today=today)
    answer = next((m for o in outcomes for m in o.produced if m.code == "JW325"), None)
    received = outcomes[0].message if outcomes else None
    message.accepted = bool(received and received.accepted)
    message.save(update_fields=["accepted"])
    return Billed(message, answer)


def bill_month(provider, municipality, month: dt.date, *, today: dt.date) -> Billed:
    """The monthly JW323: every open registration of this municipality up to the month's end."""
    number = declaratie_number()
    with transaction.atomic():
        data = build_jw323(
            provider, municipality, period_begin=month.replace(day=1), period_end=month_end(month),
            number=number, identification=number, dagtekening=today,
        )  # fmt: skip
    if data is None:
        return Billed(None)
    return submit(provider, municipality, data, identification=number, today=today)


def credit_and_rebill(
    delivery: GeleverdeZorg,
    *,
    volume: int | None = None,
    tariff=None,
    today: dt.date,
) -> Billed:
    """One action on a billed line: credit it (VorigReferentieNummer) and bill it again, corrected.

    The credit line and the corrected debit go in one JW323 (credit first: the municipality
    judges credits before debits, so the rebill is not refused as billed twice, TR389).
    """
    if delivery.status not in (GeleverdeZorg.Status.AFGEWEZEN, GeleverdeZorg.Status.TOEGEKEND):
        raise ValueError("Alleen een beoordeelde regel kan worden gecrediteerd en opnieuw gedeclareerd.")
    tw = delivery.toewijzing
    number = declaratie_number()
    with transaction.atomic():
        rebill = GeleverdeZorg.objects.create(
            provider=delivery.provider,
            toewijzing=tw,
            begin=delivery.begin,
            end=delivery.end,
            volume=volume if volume is not None else delivery.volume,
            indirect_volume=delivery.indirect_volume,
            tariff=tariff if tariff is not None else delivery.tariff,
        )
        data = build_jw323(
            delivery.provider, tw.municipality, period_begin=delivery.begin.replace(day=1),
            period_end=month_end(delivery.end), number=number, identification=number, dagtekening=today,
            credits=[delivery], only=[rebill],
        )  # fmt: skip
    return submit(delivery.provider, tw.municipality, data, identification=number, today=today)
