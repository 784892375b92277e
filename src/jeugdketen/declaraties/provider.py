"""The provider's side: bill delivered care with a JW323, and read the JW325 that answers it.

Delivered care is registered per toewijzing, per day or per month, as :class:`GeleverdeZorg`.
:func:`build_jw323` bills the open registrations of one municipality, a month's registrations
of one toewijzing at one tariff joined into one line (:func:`joined`) over the period the
municipality accepts (TR387/TR388, :func:`.periods.month_period`). Every registration keeps
the ReferentieNummer of the line it was billed on, so registrations of one line share it;
:func:`process_jw325` marks the lines of that declaration accepted or
rejected and says, per rejected line, what to do next:

- ``crediteren``: an earlier line for the same period is still standing (9389); credit it first;
- ``vervallen``: billed too late or billed twice (9319, 8021); do not bill again;
- ``corrigeren``: anything else; fix the registration and bill it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from jeugdketen.berichten.models import Message
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.ijw.xml import Document, parse

from .jw323 import Line, build
from .models import GeleverdeZorg
from .periods import month_period

NS325 = "{http://www.istandaarden.nl/ijw/3_2/jw325/schema}"
NSB = "{http://www.istandaarden.nl/ijw/3_2/basisschema/schema}"
DROP = {"9319", "8021", "0233"}  # 0233: VERVAL before it answered 9319
ADVICE_CREDIT = "crediteren: eerdere prestatie voor deze periode eerst crediteren"
ADVICE_DROP = "vervallen: niet opnieuw declareren"
ADVICE_CORRECT = "corrigeren: registratie herstellen en opnieuw declareren (na creditering)"


@dataclass
class Jw325Summary:
    declaratie_number: str
    submitted_cents: int
    accepted_cents: int
    accepted: list[GeleverdeZorg] = field(default_factory=list)
    to_credit: list[GeleverdeZorg] = field(default_factory=list)
    to_correct: list[GeleverdeZorg] = field(default_factory=list)
    dropped: list[GeleverdeZorg] = field(default_factory=list)
    header_codes: list[str] = field(default_factory=list)


def line_for(delivery: GeleverdeZorg, reference: str) -> Line:
    tw = delivery.toewijzing
    tariff_cents = int(delivery.tariff * 100)
    return Line(
        position=0, bsn=tw.client.bsn, reference=reference, previous_reference="",
        toewijzing_number=tw.number, product_category=tw.product_category,
        product_code=tw.product_code or (tw.product.code if tw.product else "") or "00000",
        begin=delivery.begin, end=delivery.end, volume=delivery.volume, unit=tw.unit,
        tariff_cents=tariff_cents, amount_cents=delivery.volume * tariff_cents, debit_credit="D",
    )  # fmt: skip


def credit_line(delivery: GeleverdeZorg, reference: str) -> Line:
    line = line_for(delivery, reference)
    line.previous_reference = delivery.reference
    line.amount_cents = -line.amount_cents
    line.debit_credit = "C"
    return line


def joined(deliveries) -> list[list[GeleverdeZorg]]:
    """The registrations grouped into prestatie lines, in order of their first registration.

    One line per toewijzing (so per product and unit), calendar month and tariff: the
    municipality accepts one ProductPeriode per month, the whole month cut only by the
    toewijzing (TR387/TR388), so a month registered in parts is billed as one line.
    """
    groups: dict[tuple, list[GeleverdeZorg]] = {}
    for delivery in deliveries:
        key = (delivery.toewijzing_id, delivery.begin.year, delivery.begin.month, delivery.tariff)
        groups.setdefault(key, []).append(delivery)
    return list(groups.values())


def one_message(groups: list[list[GeleverdeZorg]]) -> tuple[list, list]:
    """The lines that may go in one JW323, and those held for a later one.

    TR416: one message holds at most one debit line per ToewijzingNummer, product and
    ProductPeriode. A month of one toewijzing registered at two tariffs (only possible for care
    registered outside the back office's checks) is not joined; its first line goes now, the
    others stay open for the next JW323, where the municipality judges them on their own.
    """
    now, later, seen = [], [], set()
    for members in groups:
        first = members[0]
        key = (first.toewijzing_id, first.begin.year, first.begin.month)
        (later if key in seen else now).append(members)
        seen.add(key)
    return now, later


def joined_line(deliveries: list[GeleverdeZorg], reference: str) -> Line:
    """One debit line for registrations of one toewijzing, month and tariff: their volumes
    together over the month as the municipality accepts it (:func:`.periods.month_period`)."""
    first = deliveries[0]
    line = line_for(first, reference)
    line.begin, line.end = month_period(first.toewijzing, first.begin)
    line.volume = sum(d.volume for d in deliveries)
    line.amount_cents = line.volume * line.tariff_cents
    return line


def billed_together(delivery: GeleverdeZorg) -> list[GeleverdeZorg]:
    """The registrations billed on the same line as ``delivery`` (itself included)."""
    if not delivery.reference:
        return [delivery]
    return list(
        GeleverdeZorg.objects.filter(
            provider_id=delivery.provider_id,
            declaratie_number=delivery.declaratie_number,
            reference=delivery.reference,
        )
        .select_related("toewijzing__client", "toewijzing__product")
        .order_by("begin", "id")
    )


@transaction.atomic
def build_jw323(
    provider, municipality, *, period_begin: dt.date, period_end: dt.date, number: str, identification: str,
    dagtekening: dt.date, credits: list[GeleverdeZorg] = (), reference_prefix: str = "",
    only: list[GeleverdeZorg] | None = None,
) -> bytes | None:  # fmt: skip
    """A JW323 of the open delivered care up to ``period_end`` plus credits; None when nothing to bill.

    The open care is billed joined (:func:`joined`): registrations of one line share its
    ReferentieNummer. ``credits``: billed registrations to credit; the registrations of one
    billed line give one credit line over that line's period and volume (VorigReferentieNummer).
    ``only``: bill just these open registrations (a rebill), not all open care of the period.
    """
    rows = GeleverdeZorg.objects.select_related("toewijzing__client", "toewijzing__product")
    if only is not None:
        rows = rows.filter(pk__in=[d.pk for d in only])
    open_care = list(
        rows.filter(
            provider=provider,
            toewijzing__municipality=municipality,
            status=GeleverdeZorg.Status.OPEN,
            end__lte=period_end,
        ).order_by("toewijzing__client__bsn", "begin", "id")  # fmt: skip
    )
    lines = []
    prefix = reference_prefix or number
    credited: dict[tuple[str, str], list[GeleverdeZorg]] = {}
    for delivery in credits:
        credited.setdefault((delivery.declaratie_number, delivery.reference), []).append(delivery)
    for index, members in enumerate(credited.values(), start=1):
        reference = f"{prefix}C{index}"[:20]
        line = joined_line(members, reference)
        line.previous_reference = members[0].reference
        line.amount_cents = -line.amount_cents
        line.debit_credit = "C"
        lines.append(line)
        for delivery in members:
            delivery.credit_reference = reference
            delivery.status = GeleverdeZorg.Status.GECREDITEERD
    GeleverdeZorg.objects.bulk_update(list(credits), ["credit_reference", "status"])
    now, _later = one_message(joined(open_care))
    open_care = [d for members in now for d in members]
    for index, members in enumerate(now, start=1):
        reference = f"{prefix}-{index}"[:20]
        lines.append(joined_line(members, reference))
        for delivery in members:
            delivery.reference = reference
            delivery.declaratie_number = number
            delivery.status = GeleverdeZorg.Status.GEDECLAREERD
    GeleverdeZorg.objects.bulk_update(open_care, ["reference", "declaratie_number", "status"])
    if not lines:
        return None
    lines.sort(key=lambda line: line.bsn)
    return build(
        sender=provider.agb_code, receiver=municipality.cbs_code, identification=identification,
        dagtekening=dagtekening, number=number, period_begin=period_begin, period_end=period_end, lines=lines,
    )  # fmt: skip


def _signed(total) -> int:
    cents = int(total.findtext(f"{NSB}TotaalBedrag"))
    return -cents if total.findtext(f"{NSB}DebetCredit") == "C" else cents


def advice(codes) -> str:
    """What the provider does with a rejected line, from its retourcodes (also for lines not
    registered as GeleverdeZorg, e.g. a JW323 uploaded from the provider's own system)."""
    codes = set(codes)
    if "9389" in codes:
        return ADVICE_CREDIT
    if DROP & codes:
        return ADVICE_DROP
    return ADVICE_CORRECT


@transaction.atomic
def process_jw325(provider, data: bytes | Document) -> Jw325Summary:
    """Mark the billed care accepted or rejected, with the advice for each rejected line."""
    root = (data if isinstance(data, Document) else parse(data)).root
    header_codes = [e.text for e in root.find(f"{NS325}Header").iter(f"{NS325}RetourCode")]
    body = root.find(f"{NS325}DeclaratieAntwoord")
    if body is None:  # technically rejected: nothing was taken in, every line is open again
        number = ""
        summary = Jw325Summary(number, 0, 0, header_codes=header_codes)
        return summary
    number = body.findtext(f"{NS325}DeclaratieNummer")
    summary = Jw325Summary(
        number,
        _signed(body.find(f"{NS325}TotaalIngediendBedrag")),
        _signed(body.find(f"{NS325}TotaalToegekendBedrag")),
        header_codes=header_codes,
    )
    billed: dict[str, list[GeleverdeZorg]] = {}  # per line: the registrations joined on it
    for d in GeleverdeZorg.objects.filter(
        provider=provider, declaratie_number=number, status=GeleverdeZorg.Status.GEDECLAREERD
    ).order_by("begin", "id"):
        billed.setdefault(d.reference, []).append(d)
    declaration_codes = [e.text for e in body.findall(f"{NS325}RetourCodes/{NS325}RetourCode")]
    if "9333" in declaration_codes:
        everything = [d for members in billed.values() for d in members]
        for delivery in everything:
            delivery.status, delivery.reference, delivery.declaratie_number = (
                GeleverdeZorg.Status.OPEN,
                "",
                "",
            )
        GeleverdeZorg.objects.bulk_update(everything, ["status", "reference", "declaratie_number"])
        return summary
    rejected = []
    for prestatie in body.iter(f"{NS325}Prestatie"):
        reference = prestatie.findtext(f"{NS325}ProductReferentie/{NSB}ReferentieNummer")
        codes = [e.text for e in prestatie.iter(f"{NS325}RetourCode")]
        for delivery in billed.pop(reference, []):
            delivery.status = GeleverdeZorg.Status.AFGEWEZEN
            delivery.retourcodes = ",".join(codes)
            delivery.advice = advice(codes)
            {ADVICE_CREDIT: summary.to_credit, ADVICE_DROP: summary.dropped}.get(
                delivery.advice, summary.to_correct
            ).append(delivery)
            rejected.append(delivery)
    GeleverdeZorg.objects.bulk_update(rejected, ["status", "retourcodes", "advice"])
    accepted = [d for members in billed.values() for d in members]
    for delivery in accepted:
        delivery.status = GeleverdeZorg.Status.TOEGEKEND
        summary.accepted.append(delivery)
    GeleverdeZorg.objects.bulk_update(accepted, ["status"])
    return summary


def open_items(provider) -> dict[str, int]:
    """Counts per status: what is still to bill, awaiting an answer, granted, rejected."""
    from django.db.models import Count

    return dict(
        GeleverdeZorg.objects.filter(provider=provider)
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )


@dataclass
class Jw325Receipt:
    """What receiving one JW325 did on the provider's side (see :func:`receive_jw325`)."""

    message: Message
    accepted: bool
    summary: Jw325Summary | None = None
    issues: list[dict] = field(default_factory=list)
    duplicate: bool = False


def receive_jw325(document: Document, *, data: bytes, report, received_on: dt.date) -> Jw325Receipt:
    """A JW325 arriving at the provider through the message exchange, processed once.

    The message is stored (the unique identification makes a second arrival return the
    first, processed once), linked to the JW323 it answers, and, when the ijw verdict is
    clean and the provider is known, handed to :func:`process_jw325`. A JW325 has no retour.
    """
    values = _header(document)
    sender, receiver = values.get("Afzender", ""), values.get("Ontvanger", "")
    identification = values.get("Identificatie", "")
    try:
        dagtekening = dt.date.fromisoformat(values.get("Dagtekening", ""))
    except ValueError:
        dagtekening = received_on
    with transaction.atomic():
        provider = Provider.objects.filter(agb_code=receiver).first() if receiver else None
        municipality = Municipality.objects.filter(cbs_code=sender).first() if sender else None
        question = Message.objects.identified(
            Message.Direction.IN, "JW323", receiver, values.get("DeclaratieIdentificatie", "")
        )
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    direction=Message.Direction.IN, code="JW325", sender=sender, receiver=receiver,
                    identification=identification, dagtekening=dagtekening,
                    xml=data.decode("utf-8", errors="replace"), municipality=municipality, provider=provider,
                    in_reply_to=question,
                )  # fmt: skip
        except IntegrityError:
            first = Message.objects.get(
                direction=Message.Direction.IN, code="JW325", sender=sender, identification=identification
            )
            return Jw325Receipt(first, bool(first.accepted), issues=list(first.verdict or []), duplicate=True)
        issues = [issue.as_dict() for issue in report.issues]
        if report.ok and provider is None:
            issues.append(
                {"code": "AGB", "return_code": "0001", "locations": ["/Bericht/Header/Ontvanger"],
                 "text": "Aanbieder (AGB-code) is onbekend."}
            )  # fmt: skip
        summary = process_jw325(provider, document) if not issues else None
        message.accepted = not issues
        message.verdict = issues
        message.save(update_fields=["accepted", "verdict"])
        return Jw325Receipt(message, message.accepted, summary, issues)


def _header(document: Document) -> dict[str, str]:
    """Header values by local name; DeclaratieIdentificatie/Identificatie as DeclaratieIdentificatie."""
    values: dict[str, str] = {}
    header = document.root.find(f"{NS325}Header")
    if header is None:
        return values
    for node in header.iter():
        if not isinstance(node.tag, str) or not (node.text and node.text.strip()):
            continue
        name = node.tag.rsplit("}", 1)[-1]
        parent = node.getparent().tag.rsplit("}", 1)[-1]
        if parent == "DeclaratieIdentificatie" and name == "Identificatie":
            name = "DeclaratieIdentificatie"
        values.setdefault(name, node.text.strip())
    return values
