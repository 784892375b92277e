"""Inbox and outbox: sending, receiving, judging and routing iJw messages.

An inbound message is parsed and judged by :mod:`jeugdketen.ijw` first. Then, in one
transaction, it is stored (a unique constraint on sender, code and BerichtIdentificatie
stops a second processing: TR056), the rules that need state (berichtoverstijgend TR) are
checked per record by the handler for its message code, the records that pass are
processed, and the retour goes out with the retourcodes per record. Requests (JW315,
JW317) are then answered with a JW301 or a JW319.

The receiving party comes from the header: the Ontvanger of a message, or the Afzender of
a retour (a retour keeps its message's header and adds its own IdentificatieRetour).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.core import batch
from jeugdketen.ijw.report import Issue, local_name
from jeugdketen.ijw.validate import validate
from jeugdketen.ijw.xml import Document, parse, serialise

from . import ijwxml
from .models import Message

#: For retours, the code of the message they answer.
ANSWERS = {retour: code for code, retour in ijwxml.RETOUR_OF.items()}


def new_identification() -> str:
    """A BerichtIdentificatie: 12 characters, unique per sender and message code."""
    return uuid.uuid4().hex[:12]


@dataclass
class Outcome:
    """What processing one inbound message did; `produced` are the messages sent in response."""

    message: Message | None
    code: str
    accepted: bool
    errors: list[dict] = field(default_factory=list)
    produced: list[Message] = field(default_factory=list)
    duplicate: bool = False

    def as_dict(self, file: str = "", produced_files: list[str] | None = None) -> dict:
        files = produced_files or [m.file_name for m in self.produced]
        return {
            "file": file,
            "message": self.code,
            "accepted": self.accepted,
            "errors": self.errors,
            "produced": [{"file": f, "message": m.code} for f, m in zip(files, self.produced, strict=True)],
        }


@dataclass
class Header:
    code: str
    sender: str
    receiver: str
    identification: str
    dagtekening: dt.date
    retour_identification: str = ""

    @property
    def is_retour(self) -> bool:
        return self.code in ijwxml.RETOURS

    @property
    def actual_sender(self) -> str:
        return self.receiver if self.is_retour else self.sender

    @property
    def actual_receiver(self) -> str:
        return self.sender if self.is_retour else self.receiver

    @property
    def stored_identification(self) -> str:
        return self.retour_identification if self.is_retour else self.identification


def read_header(document: Document) -> Header:
    header = next(c for c in document.root if isinstance(c.tag, str) and local_name(c.tag) == "Header")
    values = {local_name(c.tag): c for c in header if isinstance(c.tag, str)}

    def text(name: str) -> str:
        node = values.get(name)
        return (node.text or "").strip() if node is not None else ""

    ident = values.get("BerichtIdentificatie")
    parts = {local_name(c.tag): (c.text or "").strip() for c in ident} if ident is not None else {}
    try:
        day = dt.date.fromisoformat(parts.get("Dagtekening", ""))
    except ValueError:
        day = dt.date.today()
    return Header(
        code=document.code,
        sender=text("Afzender"),
        receiver=text("Ontvanger"),
        identification=parts.get("Identificatie", ""),
        dagtekening=day,
        retour_identification=text("IdentificatieRetour"),
    )


def _find(code: str):
    if len(code) == 4:
        return Municipality.objects.filter(cbs_code=code).first()
    return Provider.objects.filter(agb_code=code).first()


def party(code: str, *, create: bool = False):
    """The municipality (4-digit CBS code) or provider (8-digit AGB code) with this code.

    Inside a batch (:func:`jeugdketen.core.batch.remembered`) a party found is remembered.
    """
    found = batch.rows(("berichten.party", code), lambda: _find(code)) or _find(code)
    if found is None and create and code:
        if len(code) == 4:
            return Municipality.objects.create(cbs_code=code, name=f"Gemeente {code}")
        return Provider.objects.create(agb_code=code, name=f"Aanbieder {code}")
    return found


def parties(header: Header) -> tuple[Municipality | None, Provider | None]:
    codes = (header.sender, header.receiver)
    municipality = next((party(c, create=True) for c in codes if len(c) == 4), None)
    provider = next((party(c, create=True) for c in codes if len(c) == 8), None)
    return municipality, provider


def send(
    code: str,
    root,
    *,
    municipality,
    provider,
    client=None,
    in_reply_to=None,
    identification: str,
    dagtekening: dt.date,
) -> Message:
    """Stores an outbound message (the outbox). Delivery is :func:`deliver` or a file export."""
    header_codes = (municipality.cbs_code, provider.agb_code or "")
    from_municipality = code in ("JW301", "JW319", "JW306", "JW308", "JW316", "JW318")
    sender, receiver = header_codes if from_municipality else header_codes[::-1]
    return Message.objects.create(
        direction=Message.Direction.OUT,
        code=code,
        sender=sender,
        receiver=receiver,
        identification=identification,
        dagtekening=dagtekening,
        xml=serialise(root).decode(),
        municipality=municipality,
        provider=provider,
        client=client,
        in_reply_to=in_reply_to,
        accepted=None,
    )


def deliver(message: Message, *, today: dt.date | None = None) -> Outcome:
    """Routes an outbound message to its receiver inside this system: processes it there, once.

    The receiver's processing and the mark "afgeleverd" are one transaction, under a lock on the
    outbound row: a crash between them leaves the message waiting in the outbox (and nothing
    processed), and a second delivery, by the sender's request and the outbox worker at the same
    moment, or after a retry, finds it delivered and processes nothing again.
    """
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if locked.delivery == Message.Delivery.AFGELEVERD:
            return _delivered_before(locked)
        outcome = process(locked.xml.encode(), today=today)
        locked.delivery = Message.Delivery.AFGELEVERD
        locked.delivered = timezone.now()
        locked.delivery_error = ""
        locked.save(update_fields=["delivery", "delivered", "delivery_error"])
    message.delivery, message.delivered = locked.delivery, locked.delivered
    return outcome


def _delivered_before(message: Message) -> Outcome:
    """What the receiver made of a message delivered earlier; nothing is produced again."""
    received = Message.objects.identified(
        Message.Direction.IN, message.code, message.sender, message.identification
    )
    verdict = list(received.verdict or []) if received is not None else []
    accepted = bool(received.accepted) if received is not None else False
    return Outcome(received, message.code, accepted, verdict, [], duplicate=True)


def process(data: bytes, *, today: dt.date | None = None, auto_decide: bool = True) -> Outcome:
    """Judges and processes one inbound message in one transaction; raises IjwXmlError if unreadable."""
    document = parse(data)
    report = validate(document)
    today = today or dt.date.today()
    if document.code == "JW323":
        return _declaration(document, report, today)
    if document.code == "JW325":
        return _declaration_answer(document, report, data, today)
    header = read_header(document)
    # One transaction; inside deliver's (which holds the lock) no savepoint of its own is needed.
    with transaction.atomic(savepoint=False):
        municipality, provider = parties(header)
        # A retour is stored with what it answers and its verdict (one INSERT, no UPDATE after).
        answered = _retour_fields(header, document) if header.is_retour else {}
        try:
            with transaction.atomic():
                message = Message.objects.create(
                    direction=Message.Direction.IN,
                    code=header.code,
                    sender=header.actual_sender,
                    receiver=header.actual_receiver,
                    identification=header.stored_identification,
                    dagtekening=header.dagtekening,
                    xml=data.decode("utf-8", errors="replace"),
                    municipality=municipality,
                    provider=provider,
                    **answered,
                )
        except IntegrityError:
            return _duplicate(document, header, municipality, provider, today)

        issues: list[Issue] = list(report.issues)
        followups: list = []
        if header.is_retour:
            _retour_received(message, header)
            return Outcome(message, header.code, bool(message.accepted), [], [])
        if report.ok:
            from .handlers import HANDLERS

            handler = HANDLERS.get(header.code)
            if handler is not None:
                result = handler(document, message, municipality=municipality, provider=provider, today=today)
                issues.extend(result.issues)
                if auto_decide:
                    followups.extend(result.followups)
                if result.client is not None:
                    message.client = result.client
        message.accepted = not issues
        message.verdict = [issue.as_dict() for issue in issues]
        message.save(update_fields=["accepted", "verdict", "client"])
        # IV028: a message that is not XSD-valid gets no retour (the sender sees the verdict)
        produced = (
            [_send_retour(document, message, issues, municipality, provider, today)]
            if report.schema_valid
            else []
        )
        for followup in followups:
            produced.extend(followup())
        return Outcome(message, header.code, message.accepted, message.verdict, produced)


def _declaration(document, report, today) -> Outcome:
    """A JW323 is judged per Prestatie by the declaraties app, which stores it and answers with a JW325."""
    from jeugdketen.declaraties.intake import process_jw323

    result = process_jw323(document, received_on=today, report=report)
    produced = [result.answer] if result.answer is not None and not result.duplicate else []
    return Outcome(
        result.message, "JW323", result.accepted and not result.duplicate, result.issues, produced,
        duplicate=result.duplicate,
    )  # fmt: skip


def _declaration_answer(document, report, data, today) -> Outcome:
    """A JW325 answers the provider's JW323: the declaraties app marks its billed care (no retour)."""
    from jeugdketen.declaraties.provider import receive_jw325

    result = receive_jw325(document, data=data, report=report, received_on=today)
    return Outcome(result.message, "JW325", result.accepted, result.issues, [], duplicate=result.duplicate)


def _send_retour(document, message, issues, municipality, provider, today) -> Message:
    identification = new_identification()
    root = ijwxml.retour(
        document.root,
        issues,
        code=document.code,
        identification=identification,
        dagtekening=today,
    )
    retour_code = ijwxml.RETOUR_OF[document.code]
    return Message.objects.create(
        direction=Message.Direction.OUT,
        code=retour_code,
        sender=message.receiver,
        receiver=message.sender,
        identification=identification,
        dagtekening=today,
        xml=serialise(root).decode(),
        municipality=municipality,
        provider=provider,
        client=message.client,
        in_reply_to=message,
        accepted=None,
    )


def _duplicate(document, header, municipality, provider, today) -> Outcome:
    """TR056: the identification was seen before; answer with 9056 and change nothing."""
    original = Message.objects.get(
        direction=Message.Direction.IN,
        code=header.code,
        sender=header.actual_sender,
        identification=header.stored_identification,
    )
    issue = Issue(
        "TR056",
        "9056",
        ("/Bericht/Header/BerichtIdentificatie",),
        "Dit bericht (BerichtIdentificatie) is al eerder ontvangen en verwerkt.",
    )
    produced = []
    if not header.is_retour:
        produced.append(_send_retour(document, original, [issue], municipality, provider, today))
    return Outcome(original, header.code, False, [issue.as_dict()], produced, duplicate=True)


def _retour_fields(header: Header, document: Document) -> dict:
    """A retour's link to the message it answers, its client, and its retourcodes as the verdict."""
    codes = [
        (node.text or "").strip()
        for node in document.root.iter()
        if isinstance(node.tag, str) and local_name(node.tag) == "RetourCode"
    ]
    original = Message.objects.identified(
        Message.Direction.OUT, ANSWERS[header.code], header.sender, header.identification
    )
    return {
        "in_reply_to": original,
        "client_id": original.client_id if original else None,
        "accepted": all(code == ijwxml.OK for code in codes),
        "verdict": [
            {"code": "", "return_code": code, "locations": [], "text": ""} for code in dict.fromkeys(codes)
        ],
    }


def _retour_received(message: Message, header: Header) -> None:
    """The answered message takes the retour's verdict; its wait for a retour ends."""
    original = message.in_reply_to
    if original is not None:
        original.accepted = message.accepted
        original.save(update_fields=["accepted"])
        from jeugdketen.levering.deadlines import close_tasks

        close_tasks("retour", header.dagtekening, client_id=original.client_id)


def exchange(message: Message, *, today: dt.date | None = None, depth: int = 4) -> list[Outcome]:
    """Delivers a message inside the system and, in turn, everything sent in response.

    The screens and the API use this so the other party receives what one party sends at
    once: a JW301 is processed by the provider (JW302 back), a JW305 by the municipality
    (JW306 back), a JW315 by the municipality (JW316, then JW301 or JW319, each answered).
    """
    outcomes = [deliver(message, today=today)]
    if depth > 0:
        for produced in outcomes[0].produced:
            outcomes.extend(exchange(produced, today=today, depth=depth - 1))
    return outcomes


def receive_upload(*, document, data: bytes, principal=None, route: str = "") -> tuple[Message, bool]:
    """An inbound message from the API upload: judged, processed, answered; (message, created).

    A message seen before (TR056) returns the first one, unchanged, with ``created`` False.
    What the system sends in response is delivered inside the system too, and waits in the
    sender's list of messages (``GET /api/v1/berichten``) for its own system to fetch.
    """
    outcome = process(data)
    if outcome.duplicate:
        return outcome.message, False
    for produced in outcome.produced:
        exchange(produced)
    return outcome.message, True
