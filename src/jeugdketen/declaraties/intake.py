"""Taking in a JW323: the iJw verdict, then the judgement of every Prestatie, then the JW325.

:func:`process_jw323` is the one entry point, used by the message exchange, the API and
the demo. In one transaction it

1. records the inbound message; a unique constraint (sender, code, BerichtIdentificatie)
   makes a second arrival of the same JW323 return the first answer, judged once;
2. answers a technically rejected message (the ``jeugdketen.ijw`` verdict) with a JW325
   carrying 0001 and the rule retourcodes on the Header, and books nothing;
3. refuses a DeclaratieNummer the provider used before (TR333, 9333) as a whole;
4. judges every Prestatie set-based (:mod:`.engine`), stores the lines, the payment
   obligations (due 30 days after receipt) and the ledger bookings;
5. writes the JW325 with the rejected lines and the totals of TR342.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import IntegrityError, connection, transaction

from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import party
from jeugdketen.ijw.report import Issue, Report, local_name
from jeugdketen.ijw.validate import validate_document
from jeugdketen.ijw.xml import Document, parse
from jeugdketen.levering.invoicing import close_billed

from . import jw325, signals
from .context import chunks, load_context
from .engine import judge
from .jw323 import read
from .ledger import book, cost_entries
from .models import Betaalverplichting, Boeking, Declaratie, Prestatie
from .verdict import Verdict

PAYMENT_TERM_DAYS = 30
MAX_STORED_ISSUES = 1000


@dataclass
class IntakeResult:
    answer_xml: bytes
    accepted: bool  # the message passed the technical verdict and was taken in
    declaratie: Declaratie | None = None
    message: Message | None = None
    answer: Message | None = None
    duplicate: bool = False
    issues: list[dict] = field(default_factory=list)


def _header_values(document: Document) -> dict[str, str]:
    """Afzender, Ontvanger, Identificatie, Dagtekening and XsdVersie, read leniently."""
    values: dict[str, str] = {}
    header = next(
        (c for c in document.root if isinstance(c.tag, str) and local_name(c.tag) == "Header"), None
    )
    if header is not None:
        for node in header.iter():
            if isinstance(node.tag, str) and node.text and node.text.strip():
                values.setdefault(local_name(node.tag), node.text.strip())
    return values


def _date(text: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return default


def answer_identification(message: Message) -> str:
    return f"R{message.pk:011d}"


def process_jw323(
    source: bytes | Document,
    *,
    received_on: dt.date | None = None,
    report: Report | None = None,
    message: Message | None = None,
    progress: Callable[[int], None] | None = None,
) -> IntakeResult:
    """Judge one JW323 and store the JW325. Raises IjwXmlError when the input is not iJw at all.

    ``message``: the inbound Message the exchange already stored; without it, this
    function stores it. ``report``: the ijw verdict when the caller already has it.
    ``progress``: told the number of lines judged so far (a background intake shows it).
    """
    document = source if isinstance(source, Document) else parse(source)
    if document.code != "JW323":
        raise ValueError(f"expected a JW323, got {document.code}")
    today = received_on or dt.date.today()
    report = report if report is not None else validate_document(document)
    values = _header_values(document)
    sender, receiver = values.get("Afzender", ""), values.get("Ontvanger", "")
    identification = values.get("Identificatie", "")
    dagtekening = _date(values.get("Dagtekening"), today)
    with transaction.atomic():
        municipality = party(receiver) if len(receiver) == 4 else None
        provider = party(sender) if len(sender) == 8 else None
        if message is None:
            try:
                with transaction.atomic():
                    message = Message.objects.create(
                        direction=Message.Direction.IN, code="JW323", sender=sender, receiver=receiver,
                        identification=identification, dagtekening=dagtekening,
                        xml=_text(source, document), municipality=municipality, provider=provider,
                    )  # fmt: skip
            except IntegrityError:
                message = Message.objects.get(
                    direction=Message.Direction.IN, code="JW323", sender=sender, identification=identification
                )
                return _already_judged(message)
        elif hasattr(message, "declaratie") or message.replies.filter(code="JW325").exists():
            return _already_judged(message)
        head = jw325.AnswerHeader(
            sender=receiver, receiver=sender, identification=answer_identification(message),
            dagtekening=today, declaratie_identification=identification, declaratie_dagtekening=dagtekening,
            declaratie_xsd_version=(
                values.get("BasisschemaXsdVersie", "1.0.0"), values.get("BerichtXsdVersie", "1.0.0")
            ),
        )  # fmt: skip
        issues: list[Issue] = list(report.issues)
        if report.ok and municipality is None:
            issues.append(Issue("TR378", "S300", ("/Bericht/Header/Ontvanger",), "Gemeentecode is onbekend."))
        if report.ok and provider is None:
            issues.append(
                Issue("AGB", "0001", ("/Bericht/Header/Afzender",), "Aanbieder (AGB-code) is onbekend.")
            )
        if issues:
            codes = [issue.return_code for issue in issues if issue.return_code]
            xml = jw325.technical_rejection(head, codes)
            return _finish(message, xml, municipality, provider, today, issues, accepted=False)
        header, lines = read(document.root)
        base = dict(
            provider=provider, municipality=municipality, number=header.number,
            period_begin=header.period_begin, period_end=header.period_end,
            dagtekening=header.declaratie_dagtekening, received_on=today,
            total_submitted_cents=header.total_cents, lines_total=len(lines), message=message,
        )  # fmt: skip
        if Declaratie.objects.filter(provider=provider, number=header.number, status="beoordeeld").exists():
            finding = {
                "rule": "TR333",
                "retourcode": "9333",
                "text": f"DeclaratieNummer {header.number} is al gebruikt.",
            }
            xml = jw325.declaration_rejection(head, header.number, header.total_cents, ["9333"])
            issue = Issue("TR333", "9333", ("/Bericht/Declaratie/DeclaratieNummer",), finding["text"])
            result = _finish(message, xml, municipality, provider, today, [issue], accepted=True)
            result.declaratie = Declaratie.objects.create(
                **base, status=Declaratie.Status.AFGEKEURD, retourcodes=["9333"], findings=[finding],
                lines_rejected=len(lines), answer=result.answer,
            )  # fmt: skip
            return result
        context = load_context(provider, municipality, lines)
        verdicts = judge(context, lines, received_on=today, progress=progress)
        accepted_cents = sum(v.line.amount_cents for v in verdicts if v.accepted)
        rejected = [v for v in verdicts if not v.accepted]
        xml = jw325.answer(
            head,
            header.number,
            header.total_cents,
            accepted_cents,
            [(v.line, v.retourcodes) for v in rejected],
        )
        result = _finish(message, xml, municipality, provider, today, [], accepted=True)
        declaratie = result.declaratie = Declaratie.objects.create(
            **base, status=Declaratie.Status.BEOORDEELD, total_accepted_cents=accepted_cents,
            lines_rejected=len(rejected), retourcodes=["8001"] if not rejected else ["0200"],
            answer=result.answer,
        )  # fmt: skip
        _store(declaratie, verdicts, today)
        # The invoice for these months is in: the contract's invoicing tasks close (TERMIJN-FACTUUR).
        close_billed(
            [(v.toewijzing_id, v.line.begin) for v in verdicts if v.line.debit_credit == "D"],
            today,
            provider_id=provider.pk,
        )
        transaction.on_commit(
            lambda: signals.declaration_judged.send(sender=Declaratie, declaratie=declaratie)
        )
        return result


def _text(source, document: Document) -> str:
    if isinstance(source, bytes):
        return source.decode("utf-8", errors="replace")
    from jeugdketen.ijw.xml import serialise

    return serialise(document.root).decode()


def _already_judged(message: Message) -> IntakeResult:
    answer = message.replies.filter(code="JW325").order_by("id").first()
    declaratie = Declaratie.objects.filter(message=message).first()
    return IntakeResult(
        answer_xml=answer.xml.encode() if answer else b"",
        accepted=bool(message.accepted),
        declaratie=declaratie,
        message=message,
        answer=answer,
        duplicate=True,
        issues=list(message.verdict or []),
    )


def _finish(message, xml, municipality, provider, today, issues, *, accepted) -> IntakeResult:
    """Stores the JW325 and the inbound message's verdict; the caller adds the Declaratie."""
    answer = Message.objects.create(
        direction=Message.Direction.OUT, code="JW325", sender=message.receiver, receiver=message.sender,
        identification=answer_identification(message), dagtekening=today, xml=xml.decode(),
        municipality=municipality, provider=provider, in_reply_to=message, accepted=None,
    )  # fmt: skip
    message.accepted = accepted
    message.verdict = [issue.as_dict() for issue in issues[:MAX_STORED_ISSUES]]
    message.save(update_fields=["accepted", "verdict"])
    return IntakeResult(
        answer_xml=xml, accepted=accepted, message=message, answer=answer, issues=message.verdict
    )  # fmt: skip


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _store(declaratie: Declaratie, verdicts: list[Verdict], today: dt.date) -> None:
    """Obligations and bookings per product and month, then the lines, then the closed debits."""
    sums: dict[tuple[str, dt.date], dict[str, int]] = defaultdict(lambda: {"D": 0, "C": 0})
    for verdict in verdicts:
        if verdict.accepted:
            line = verdict.line
            sums[(line.product_code, _month(line.begin))][line.debit_credit] += line.amount_cents
    due = today + dt.timedelta(days=PAYMENT_TERM_DAYS)
    keys = sorted(sums)
    obligations = Betaalverplichting.objects.bulk_create(
        Betaalverplichting(
            declaratie=declaratie,
            municipality_id=declaratie.municipality_id,
            provider_id=declaratie.provider_id,
            product_code=code,
            month=month,
            amount_cents=sums[(code, month)]["D"] + sums[(code, month)]["C"],
            due=due,
        )  # fmt: skip
        for code, month in keys
    )
    by_key = dict(zip(keys, obligations, strict=True))
    rows: list[Boeking] = []
    for (code, month), obligation in by_key.items():
        for kind, amount in (
            (Boeking.Kind.DECLARATIE, sums[(code, month)]["D"]),
            (Boeking.Kind.CREDIT, sums[(code, month)]["C"]),
        ):
            if amount:
                rows += book(
                    kind, cost_entries(amount), municipality_id=declaratie.municipality_id,
                    provider_id=declaratie.provider_id, product_code=code, month=month, booked_on=today,
                    description=f"Declaratie {declaratie.number}", declaratie=declaratie,
                    obligation=obligation,
                )  # fmt: skip
    Boeking.objects.bulk_create(rows)
    _insert_prestaties(declaratie, verdicts, by_key)
    closed = [v.closes_debit for v in verdicts if v.closes_debit is not None]
    for ids in chunks(closed):
        Prestatie.objects.filter(pk__in=ids).update(credited=True)


PRESTATIE_COLUMNS = (
    "declaratie_id", "municipality_id", "provider_id", "position", "bsn", "client_id", "toewijzing_id",
    "product_id", "reference", "previous_reference", "toewijzing_number", "product_category",
    "product_code", "begin", "end", "volume", "unit", "tariff_cents", "amount_cents", "debit_credit",
    "accepted", "retourcodes", "findings", "credited", "counts_as_billed", "obligation_id",
)  # fmt: skip


def _insert_prestaties(declaratie: Declaratie, verdicts: list[Verdict], obligations: dict) -> None:
    """All lines in batches of plain INSERTs: the ORM's per-object work would dominate at 100,000 lines."""
    ops = connection.ops
    table = ops.quote_name(Prestatie._meta.db_table)
    columns = ", ".join(ops.quote_name(column) for column in PRESTATIE_COLUMNS)
    json_param = "%s::jsonb" if connection.vendor == "postgresql" else "%s"
    params = ", ".join(json_param if column == "findings" else "%s" for column in PRESTATIE_COLUMNS)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({params})"
    date = ops.adapt_datefield_value
    head = (declaratie.pk, declaratie.municipality_id, declaratie.provider_id)
    rows = []
    for v in verdicts:
        line = v.line
        obligation = obligations.get((line.product_code, _month(line.begin))) if v.accepted else None
        findings = json.dumps([f.as_dict() for f in v.findings]) if v.findings else None
        rows.append(
            (
                *head,
                line.position,
                line.bsn,
                v.client_id,
                v.toewijzing_id,
                v.product_id,
                line.reference,
                line.previous_reference,
                line.toewijzing_number,
                line.product_category,
                line.product_code,
                date(line.begin),
                date(line.end),
                line.volume,
                line.unit,
                line.tariff_cents,
                line.amount_cents,
                line.debit_credit,
                v.accepted,
                ",".join(v.retourcodes),
                findings,
                False,
                v.counts_as_billed,
                obligation.pk if obligation else None,
            )  # fmt: skip
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY streams the rows in one statement; executemany would pay a round trip per row.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for batch in chunks(rows, 5000):
            cursor.executemany(sql, batch)
