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
from django.db.models import Sum
from lxml import etree

from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import exchange, new_identification, send
from jeugdketen.core.months import month_end

from .models import GeleverdeZorg
from .periods import month_period
from .provider import billed_together, build_jw323, joined, one_message


class RegistrationRefused(ValueError):
    """Delivered care that does not fit the toewijzing; ``findings`` says why, in Dutch."""

    def __init__(self, findings: list[str]) -> None:
        super().__init__("; ".join(findings))
        self.findings = findings


def allowed_volume(toewijzing, begin: dt.date, end: dt.date) -> int | None:
    """The volume the toewijzing allows between begin and end (inclusive); None: no volume set.

    Per dag (1) and per week (2) count the days of the period; per maand (4) counts the
    months it touches; totaal binnen geldigheidsduur (6) is the whole volume.
    """
    volume, frequency = toewijzing.volume, toewijzing.frequency
    if not volume:
        return None
    days = (end - begin).days + 1
    if frequency == "1":
        return volume * days
    if frequency == "2":
        return -(-volume * days // 7)  # weeks begun count whole
    if frequency == "4":
        return volume * ((end.year - begin.year) * 12 + end.month - begin.month + 1)
    return volume


def contract_tariff(toewijzing, year: int):
    from jeugdketen.contracten.models import ContractProduct
    from jeugdketen.contracten.tariffs import applicable

    return (
        ContractProduct.objects.filter(
            applicable(), contract__provider=toewijzing.provider, product=toewijzing.product, year=year
        )
        .order_by("variant")
        .values_list("tariff", flat=True)
        .first()
    )


def check_registration(
    toewijzing,
    *,
    begin: dt.date,
    end: dt.date,
    volume: int,
    tariff=None,
    unit: str | None = None,
    today: dt.date | None = None,
) -> list[str]:
    """What is wrong with registering this care on the toewijzing (empty: it fits).

    Period: within one calendar month, not after the current month, within the toewijzing and
    not wholly before the start of care.
    Volume: positive and, with what is registered already (credited lines aside), within what
    the toewijzing allows for that month. Unit: the toewijzing's. Tariff: the contract's.
    Billed already: a month of a toewijzing is billed as one line (TR387/TR388), so a part
    registered after its month was billed is refused; the provider corrects the billed line
    with :func:`credit_and_rebill` at the whole month's volume instead.
    """
    findings = []
    today = today or dt.date.today()
    if end > month_end(today):
        findings.append("Registreer alleen zorg die is geleverd: de periode ligt na deze maand.")
    if end < begin:
        findings.append("De einddatum ligt vóór de begindatum.")
    elif (begin.year, begin.month) != (end.year, end.month):
        findings.append("Registreer per kalendermaand: begin en einde liggen in verschillende maanden.")
    if begin < toewijzing.begin or (toewijzing.end and end > toewijzing.end):
        findings.append(
            f"De periode valt buiten de toewijzing ({toewijzing.begin:%d-%m-%Y} tot en met "
            f"{toewijzing.end:%d-%m-%Y})."
            if toewijzing.end
            else "De periode ligt vóór de toewijzing."
        )
    first_start = toewijzing.starts.order_by("date").values_list("date", flat=True).first()
    if first_start is None:
        findings.append("De zorg is nog niet gestart (geen JW305).")
    elif end < first_start:
        # The month the care starts in is billed from its first day (or the toewijzing's begin):
        # a ProductPeriode is the whole month, cut only by the toewijzing (TR387).
        findings.append(f"De periode ligt vóór de start van de zorg ({first_start:%d-%m-%Y}).")
    if volume is None or volume <= 0:
        findings.append("Het volume moet groter dan nul zijn.")
    if unit is not None and unit != toewijzing.unit:
        findings.append(f"Registreer in de eenheid van de toewijzing ({toewijzing.unit}).")
    if not findings:
        billed = (
            GeleverdeZorg.objects.filter(
                toewijzing=toewijzing, begin__gte=begin.replace(day=1), begin__lte=month_end(begin)
            )
            .exclude(status__in=[GeleverdeZorg.Status.OPEN, GeleverdeZorg.Status.GECREDITEERD])
            .values_list("reference", flat=True)
            .first()
        )
        if billed is not None:
            findings.append(
                f"Deze maand is al gedeclareerd (regel {billed}). De gemeente neemt per maand één "
                "regel aan: registreer geen deel erbij, maar kies bij die regel 'Crediteren en opnieuw "
                "declareren' met het volume van de hele maand."
            )
    if not findings:
        month_begin, month_end_day = begin.replace(day=1), month_end(begin)
        frame = (
            (toewijzing.begin, toewijzing.end or month_end_day)
            if toewijzing.frequency == "6"
            else (max(month_begin, toewijzing.begin), min(month_end_day, toewijzing.end or month_end_day))
        )
        allowed = allowed_volume(toewijzing, *frame)
        earlier = (
            GeleverdeZorg.objects.filter(toewijzing=toewijzing, begin__gte=frame[0], end__lte=frame[1])
            .exclude(status__in=[GeleverdeZorg.Status.GECREDITEERD, GeleverdeZorg.Status.AFGEWEZEN])
            .aggregate(total=Sum("volume"))["total"]
            or 0
        )
        if allowed is not None and earlier + volume > allowed:
            findings.append(
                f"Het volume ({earlier} geregistreerd + {volume}) gaat boven wat is toegewezen ({allowed})."
            )
    expected = contract_tariff(toewijzing, begin.year)
    if tariff is not None and expected is not None and tariff != expected:
        findings.append(f"Het tarief is niet het contracttarief ({expected}).")
    return findings


def register(
    toewijzing, *, begin: dt.date, end: dt.date, volume: int, tariff=None, today: dt.date | None = None
) -> GeleverdeZorg:
    """Registers delivered care at the contract tariff; RegistrationRefused when it does not fit."""
    tariff = tariff if tariff is not None else contract_tariff(toewijzing, begin.year)
    findings = check_registration(toewijzing, begin=begin, end=end, volume=volume, tariff=tariff, today=today)
    if tariff is None:
        findings.append("Er is geen contracttarief voor dit product in dit jaar.")
    if findings:
        raise RegistrationRefused(findings)
    return GeleverdeZorg.objects.create(
        provider=toewijzing.provider,
        toewijzing=toewijzing,
        begin=begin,
        end=end,
        volume=volume,
        tariff=tariff,
    )


@dataclass
class ReadyLine:
    """One prestatie line :func:`bill_month` will write: a month's registrations joined."""

    registrations: list[GeleverdeZorg]
    begin: dt.date
    end: dt.date
    volume: int
    tariff: object

    @property
    def amount(self):
        return self.volume * self.tariff


def ready_to_bill(provider, *, until: dt.date):
    """The open registrations up to `until` as the lines the next JW323 bills, per municipality:
    (municipality, lines, amount); each line joins a month's registrations (:func:`.provider.joined`).
    A second tariff in one toewijzing's month waits for a later JW323 (:func:`.provider.one_message`)."""
    rows = (
        GeleverdeZorg.objects.filter(provider=provider, status=GeleverdeZorg.Status.OPEN, end__lte=until)
        .select_related("toewijzing__municipality")
        .order_by("toewijzing__municipality__cbs_code", "begin", "pk")
    )
    grouped: dict = {}
    for row in rows:
        grouped.setdefault(row.toewijzing.municipality, []).append(row)
    result = []
    for municipality, registrations in grouped.items():
        lines = []
        for members in one_message(joined(registrations))[0]:
            begin, end = month_period(members[0].toewijzing, members[0].begin)
            volume = sum(d.volume for d in members)
            lines.append(ReadyLine(members, begin, end, volume, members[0].tariff))
        result.append((municipality, lines, sum(line.amount for line in lines)))
    return result


@dataclass
class Billed:
    """One JW323 the back office sent, and the JW325 that answered it (None when nothing to bill)."""

    message: Message | None
    answer: Message | None = None


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


def bill_month(
    provider, municipality, month: dt.date, *, today: dt.date, number: str | None = None
) -> Billed:
    """The monthly JW323: every open registration of this municipality up to the month's end,
    a month's registrations of one toewijzing at one tariff joined into one line over the
    period the municipality accepts (the whole month, cut by the toewijzing: TR387/TR388).
    ``number``: the DeclaratieNummer (default: a new one)."""
    number = number or declaratie_number()
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
    number: str | None = None,
) -> Billed:
    """One action on a billed line: credit it (VorigReferentieNummer) and bill it again, corrected.

    ``delivery`` is any registration of the line: the whole line is credited (every
    registration joined on it) and billed again as one registration over the line's period,
    at ``volume`` (default: the line's volume) and ``tariff`` (default: the line's tariff).
    The credit line and the corrected debit go in one JW323 (credit first: the municipality
    judges credits before debits, so the rebill is not refused as billed twice, TR389).
    """
    if delivery.status not in (GeleverdeZorg.Status.AFGEWEZEN, GeleverdeZorg.Status.TOEGEKEND):
        raise ValueError("Alleen een beoordeelde regel kan worden gecrediteerd en opnieuw gedeclareerd.")
    tw = delivery.toewijzing
    number = number or declaratie_number()
    with transaction.atomic():
        members = [
            delivery if d.pk == delivery.pk else d
            for d in billed_together(delivery)
            if d.status == delivery.status
        ] or [delivery]
        begin, end = month_period(tw, delivery.begin)
        rebill = GeleverdeZorg.objects.create(
            provider=delivery.provider,
            toewijzing=tw,
            begin=begin,
            end=end,
            volume=volume if volume is not None else sum(d.volume for d in members),
            indirect_volume=min(
                sum(d.indirect_volume for d in members),
                volume if volume is not None else sum(d.volume for d in members),
            ),
            tariff=tariff if tariff is not None else delivery.tariff,
        )
        data = build_jw323(
            delivery.provider, tw.municipality, period_begin=begin.replace(day=1),
            period_end=month_end(end), number=number, identification=number, dagtekening=today,
            credits=members, only=[rebill],
        )  # fmt: skip
    return submit(delivery.provider, tw.municipality, data, identification=number, today=today)
