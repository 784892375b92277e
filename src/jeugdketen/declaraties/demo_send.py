"""How the demo's bills are sent and stored: played through the exchange, or in bulk alike.

:class:`Played` sends every JW323 through the message exchange, as production does: the back
office's registrations with their checks (:func:`.backoffice.register`) and its monthly JW323
(:func:`.backoffice.bill_month`), or the upload of a JW323 from the provider's own software
(:func:`.backoffice.submit`). :class:`Bulk`, the demo's default, stores exactly the same rows
(``tests/demo/test_billing_bulk.py`` compares them field by field): a month's registrations in
one INSERT, the municipality's real intake (:func:`.intake.process_jw323`), the provider's copies
of the JW323 and JW325 in one INSERT per month, and the provider's reading of the JW325s in one
UPDATE per outcome.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from lxml import etree

from jeugdketen.berichten.models import Message
from jeugdketen.core.months import month_end
from jeugdketen.ijw.xml import serialise

from .backoffice import bill_month, register, submit
from .intake import process_jw323
from .jw323 import Line, build
from .models import GeleverdeZorg
from .provider import NS325, NSB, advice, line_for


@dataclass
class Bill:
    """One JW323 to send: a provider's care for one municipality, as drawn."""

    provider: object
    municipality: object
    number: str
    deliveries: list[GeleverdeZorg]
    received: dt.date
    begin: dt.date
    office: bool  # written by the back office from registrations; else by the provider's software


def verdicts(answer_xml: str | bytes) -> dict[str, list[str]] | None:
    """The JW325's retourcodes per rejected ReferentieNummer; None: rejected as a whole."""
    root = etree.fromstring(answer_xml if isinstance(answer_xml, bytes) else answer_xml.encode())
    body = root.find(f"{NS325}DeclaratieAntwoord")
    if body is None:
        return None
    return {
        prestatie.findtext(f"{NS325}ProductReferentie/{NSB}ReferentieNummer"): [
            e.text for e in prestatie.iter(f"{NS325}RetourCode")
        ]
        for prestatie in body.iter(f"{NS325}Prestatie")
    }


def number_lines(bill: Bill) -> None:
    """ReferentieNummers as the back office gives them: per client, period and registration."""
    bill.deliveries.sort(key=lambda d: (d.toewijzing.client.bsn, d.begin))  # stable: registration order
    for index, delivery in enumerate(bill.deliveries, start=1):
        delivery.reference = f"{bill.number}-{index}"[:20]
        delivery.declaratie_number = bill.number
        delivery.status = GeleverdeZorg.Status.GEDECLAREERD


def jw323(bill: Bill, credits: list[Line] = ()) -> bytes:
    """The JW323 of a bill, as the back office or the provider's software writes it."""
    number_lines(bill)
    lines = [*credits, *(line_for(d, d.reference) for d in bill.deliveries)]
    lines.sort(key=lambda line: line.bsn)  # stable: a credit before its debit
    return build(
        sender=bill.provider.agb_code, receiver=bill.municipality.cbs_code, identification=bill.number,
        dagtekening=bill.received, number=bill.number, period_begin=bill.begin.replace(day=1),
        period_end=month_end(bill.begin), lines=lines,
    )  # fmt: skip


class Played:
    """Every registration through the back office's checks, every JW323 through the exchange."""

    def registered(self, deliveries: list[GeleverdeZorg], office: dict, on: dt.date) -> None:
        for delivery in deliveries:
            if office[delivery.provider.pk]:
                register(
                    delivery.toewijzing, begin=delivery.begin, end=delivery.end, volume=delivery.volume,
                    tariff=delivery.tariff, today=on,
                )  # fmt: skip

    def store(self, bills: list[Bill]) -> None:
        pass  # registered when delivered, billed by bill_month

    def send(self, bill: Bill) -> dict[str, list[str]] | None:
        if bill.office:
            number_lines(bill)  # the references the back office gives, for the demo's own bookkeeping
            sent = bill_month(
                bill.provider, bill.municipality, bill.begin, today=bill.received, number=bill.number
            )
        else:
            sent = submit(
                bill.provider, bill.municipality, jw323(bill), identification=bill.number, today=bill.received
            )
        return verdicts(sent.answer.xml)

    def flush(self) -> None:
        pass


class Bulk:
    """Stores what :class:`Played` stores, without the per-line and per-message ORM work."""

    def __init__(self) -> None:
        self.accepted: list[int] = []
        self.rejected: dict[tuple[str, str], list[int]] = defaultdict(list)
        self.copies: list[Message] = []  # the provider's JW323 (sent) and JW325 (received)
        self.answered: list[int] = []  # the municipality's JW325s, delivered

    def registered(self, deliveries, office, on) -> None:
        pass  # stored when billed, in one INSERT per month

    def store(self, bills: list[Bill]) -> None:
        """The registrations of a month's back-office bills, already billed, in one INSERT."""
        rows = []
        for bill in bills:
            if bill.office:
                number_lines(bill)
                rows.extend(bill.deliveries)
        GeleverdeZorg.objects.bulk_create(rows, batch_size=2000)

    def send(self, bill: Bill) -> dict[str, list[str]] | None:
        data = serialise(etree.fromstring(jw323(bill)))  # the provider's outbox keeps it canonical
        result = process_jw323(data, received_on=bill.received)
        now = timezone.now()
        links = {"municipality": bill.municipality, "provider": bill.provider}
        self.copies.append(
            Message(
                direction=Message.Direction.OUT,
                code="JW323",
                sender=bill.provider.agb_code,
                receiver=bill.municipality.cbs_code,
                identification=bill.number,
                dagtekening=bill.received,
                xml=data.decode(),
                accepted=result.accepted,
                delivery=Message.Delivery.AFGELEVERD,
                delivered=now,
                **links,
            )  # fmt: skip
        )
        answer = result.answer
        self.answered.append(answer.pk)
        self.copies.append(
            Message(
                direction=Message.Direction.IN,
                code="JW325",
                sender=answer.sender,
                receiver=answer.receiver,
                identification=answer.identification,
                dagtekening=answer.dagtekening,
                xml=answer.xml,
                accepted=True,
                verdict=[],
                in_reply_to=result.message,
                **links,
            )  # fmt: skip
        )
        found = verdicts(answer.xml)
        if bill.office and found is not None:
            for delivery in bill.deliveries:
                codes = found.get(delivery.reference)
                if codes is None:
                    delivery.status = GeleverdeZorg.Status.TOEGEKEND
                    self.accepted.append(delivery.pk)
                else:
                    delivery.status = GeleverdeZorg.Status.AFGEWEZEN
                    self.rejected[(",".join(codes), advice(codes))].append(delivery.pk)
        return found

    def flush(self) -> None:
        """The provider's side of the month: its message copies, and its reading of the JW325s."""
        Message.objects.bulk_create(self.copies, batch_size=1000)
        for chunk in _chunks(self.answered):
            Message.objects.filter(pk__in=chunk).update(
                delivery=Message.Delivery.AFGELEVERD, delivered=timezone.now(), delivery_error=""
            )
        rows = GeleverdeZorg.objects
        for chunk in _chunks(self.accepted):
            rows.filter(pk__in=chunk).update(status=GeleverdeZorg.Status.TOEGEKEND)
        for (codes, what), ids in self.rejected.items():
            for chunk in _chunks(ids):
                rows.filter(pk__in=chunk).update(
                    status=GeleverdeZorg.Status.AFGEWEZEN, retourcodes=codes, advice=what
                )
        self.accepted, self.rejected, self.copies, self.answered = [], defaultdict(list), [], []


def _chunks(ids: list[int], size: int = 5000):
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
