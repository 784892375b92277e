"""The demo's common story, told two ways that store the same rows: played, or written in bulk.

A plain story is what most clients of the demo live through: the access team allocates from
its own referral (JW301, JW302 back), or the provider asks (JW315, JW316 back) and the
municipality decides with the allocation checks (JW301 or JW319, each answered); care starts
(JW305/JW306) or never does, and may stop (JW307/JW308).

:func:`play` tells a story through the real services and message handling, one message at a
time, the way production does. :func:`write` stores the rows that playing would store, for
thousands of stories in a few statements: the same checks decide (``check_allocation``),
the same builders write every message (:mod:`jeugdketen.berichten.ijwxml`), each exchange is
the four rows the real delivery leaves (the sender's message, the receiver's copy, the retour
sent and the retour received), and the deadlines open and close as the handlers do. The test
``tests/demo/test_plain.py`` tells the same stories both ways and compares every field of
every row they store; only what the moment decides (keys, BerichtIdentificatie, timestamps)
differs. Every client of a plain story is new (the demo draws one story per client), so the
checks are told the client holds no toewijzing yet (``Proposal.known``) instead of asking.

The stories with turns (corrections, requests to change, temporary stops, refusals by the
wrong municipality, an unknown address) are only played: :mod:`jeugdketen.demo.chain`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from jeugdketen.berichten import ijwxml
from jeugdketen.berichten.handlers import is_heavy
from jeugdketen.berichten.ijwxml import Requested
from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import exchange
from jeugdketen.levering import services as levering
from jeugdketen.levering.deadlines import consultation_due, holds, open_task
from jeugdketen.levering.models import Start, Stop, Task
from jeugdketen.toegang import services as toegang
from jeugdketen.toegang.checks import (
    AllocationRefused,
    Proposal,
    check_allocation,
    find_product,
    refusals,
    signals,
)
from jeugdketen.toegang.models import AllocationRequest, Signaal, Toewijzing
from jeugdketen.toegang.remembered import remembered

#: Routes where the access team allocates from its own referral; the others start with a JW315.
DIRECT = ("toegang", "dyslexie")
#: The reason the demo's access worker records for a signal it weighed (the worker goes on).
WEIGHED = "Afgewogen met gezin en aanbieder (demo)."
#: What the municipality records for a signal on a provider's request nobody weighed.
AUTOMATIC = "Toegewezen op verzoek van de aanbieder (JW315), zonder beoordeling door de toegang."


@dataclass
class Plain:
    """One plain story: who, what is asked or allocated (`item`), and when care starts and stops."""

    client: object
    referral: object
    provider: object
    product: object
    route: str
    item: Requested
    begin: dt.date | None = None  # the start of care (JW305); None: never started
    stop: tuple[dt.date, str] | None = None  # (Einddatum, RedenBeeindiging)

    @property
    def day(self) -> dt.date:
        return self.item.begin

    @property
    def municipality(self):
        return self.client.municipality


def order(plains: list[Plain]) -> list[Plain]:
    """The order both ways tell the stories in: by decision day, then client."""
    return sorted(plains, key=lambda p: (p.day, p.client.pk))


# --- played through the real chain -----------------------------------------------------------


def allocate(plain: Plain, product=None) -> Toewijzing | None:
    """The access team allocates from its referral (JW301, JW302 back); None where a check refuses.

    A signal is advice: the demo's access worker goes on and writes down why.
    """
    item = plain.item
    allocation = {
        "municipality": plain.municipality,
        "client": plain.client,
        "provider": plain.provider,
        "product": product or plain.product,
        "begin": item.begin,
        "end": item.end,
        "volume": item.volume,
        "unit": item.unit,
        "frequency": item.frequency,
        "referral": plain.referral,
        "today": item.begin,
    }
    try:
        t = toegang.allocate(**allocation)
    except AllocationRefused as refused:
        if not refused.only_signals:
            return None  # the access team does not allocate what the checks refuse: no message goes out
        t = toegang.allocate(**allocation, reasons={f.rule: WEIGHED for f in refused.findings})
    t.refresh_from_db()
    exchange(t.message, today=item.begin)
    return t


def play(plain: Plain) -> None:
    """Tells one plain story through the services and message handling production uses."""
    if plain.route in DIRECT:
        t = allocate(plain)
    else:
        levering.request_allocation(
            provider=plain.provider,
            municipality=plain.municipality,
            client=plain.client,
            items=[plain.item],
            today=plain.day,
        )
        asked = {"provider": plain.provider, "reference": plain.item.reference}
        request = AllocationRequest.objects.filter(**asked).first()
        t = request.toewijzing if request is not None else None
    if t is None or plain.begin is None:
        return
    levering.report_start(t, plain.begin, today=plain.begin)
    if plain.stop is not None:
        end, reason = plain.stop
        levering.report_stop(t, end, reason, begin=plain.begin, today=end)


# --- written in bulk -----------------------------------------------------------------------


class Writer:
    """Collects the rows of many plain stories and stores them in a few bulk statements."""

    def __init__(self, ids) -> None:
        self.ids = ids  # BerichtIdentificatie values: the caller's sequence
        self.originals: list[Message] = []  # the sender's message and the receiver's copy
        self.retours: list[tuple[Message, Message, Message, Message]] = []  # (out, in, retour out, retour in)
        self.toewijzingen: list[Toewijzing] = []
        self.requests: list[AllocationRequest] = []
        self.signals: list[Signaal] = []
        self.starts: list[Start] = []
        self.stops: list[Stop] = []
        self.tasks: list[Task] = []
        self.numbers: dict[int, int] = {}
        self.products: dict[tuple, object] = {}
        self.bound: dict[tuple[str, int], bool] = {}

    # Messages -------------------------------------------------------------------------------

    def exchange(self, code: str, root, *, municipality, provider, client, day, in_reply_to=None):
        """The four rows one delivered message leaves; returns (sent, received)."""
        from_municipality = code in ("JW301", "JW319")
        sender, receiver = municipality.cbs_code, provider.agb_code
        if not from_municipality:
            sender, receiver = receiver, sender
        xml = _xml(root)
        links = {"municipality": municipality, "provider": provider, "client": client}
        common = {"code": code, "sender": sender, "receiver": receiver, "dagtekening": day, "xml": xml}
        identification = _identification(root)
        sent = Message(
            direction=Message.Direction.OUT,
            identification=identification,
            accepted=True,
            delivery=Message.Delivery.AFGELEVERD,
            delivered=timezone.now(),
            in_reply_to=in_reply_to,
            **common,
            **links,
        )
        received = Message(
            direction=Message.Direction.IN, identification=identification, accepted=True, **common, **links
        )
        rid = self.ids()
        retour = _xml(ijwxml.retour(root, [], code=code, identification=rid, dagtekening=day))
        answer = {
            "code": ijwxml.RETOUR_OF[code],
            "sender": receiver,
            "receiver": sender,
            "identification": rid,
            "dagtekening": day,
            "xml": retour,
        }
        retour_sent = Message(
            direction=Message.Direction.OUT,
            accepted=None,
            delivery=Message.Delivery.AFGELEVERD,
            delivered=timezone.now(),
            **answer,
            **links,
        )
        retour_received = Message(direction=Message.Direction.IN, accepted=True, **answer, **links)
        self.originals += [sent, received]
        self.retours.append((sent, received, retour_sent, retour_received))
        return sent, received

    # Deadlines ------------------------------------------------------------------------------

    def task(self, kind: str, start: dt.date, done_on: dt.date | None, *, due=None, **links) -> None:
        key = (kind, links["municipality"].pk)
        if key not in self.bound:
            self.bound[key] = holds_for(kind, links["municipality"])
        task = open_task(kind, start, save=False, bound=self.bound[key], due=due, **links)
        if task is not None:
            task.done_on = done_on
            self.tasks.append(task)

    # Stories --------------------------------------------------------------------------------

    def number(self, municipality) -> str:
        if municipality.pk not in self.numbers:
            self.numbers[municipality.pk] = int(toegang.next_number(municipality)) - 1
        self.numbers[municipality.pk] += 1
        return str(self.numbers[municipality.pk])

    def product(self, municipality, category: str, code: str):
        key = (municipality.pk, category, code)
        if key not in self.products:
            self.products[key] = find_product(municipality, category, code)
        return self.products[key]

    def add(self, plain: Plain) -> None:
        t = self.allocated(plain) if plain.route in DIRECT else self.requested(plain)
        if t is None:
            return
        links = {"client": plain.client, "municipality": plain.municipality, "provider": plain.provider}
        self.task("start", t.toewijzing_date, plain.begin, toewijzing=t, **links)
        consultation = consultation_due(t.product, t.toewijzing_date)
        if consultation is not None:
            self.task("consultatie", t.toewijzing_date, plain.begin, due=consultation, toewijzing=t, **links)
        if plain.begin is None:
            return
        root = ijwxml.jw305(
            plain.client,
            [(t, plain.begin, "1")],
            sender=plain.provider.agb_code,
            receiver=plain.municipality.cbs_code,
            identification=self.ids(),
            dagtekening=plain.begin,
        )
        _, received = self.exchange("JW305", root, day=plain.begin, **links)
        self.starts.append(Start(toewijzing=t, date=plain.begin, message=received))
        if is_heavy(t):
            self.task("plan-toegang", plain.begin, None, toewijzing=t, **links)
        if plain.stop is None:
            return
        end, reason = plain.stop
        root = ijwxml.jw307(
            plain.client,
            [(t, plain.begin, reason, end, "1")],
            sender=plain.provider.agb_code,
            receiver=plain.municipality.cbs_code,
            identification=self.ids(),
            dagtekening=end,
        )
        _, received = self.exchange("JW307", root, day=end, **links)
        self.stops.append(Stop(toewijzing=t, date=end, reason=reason, message=received))

    def allocated(self, plain: Plain) -> Toewijzing | None:
        """The access team's allocation: refused (nothing stored) or a toewijzing and its JW301."""
        product = plain.product
        # toegang.allocate keeps a given frequency, even an empty one.
        frequency = (
            plain.item.frequency if plain.item.frequency is not None else (product.frequency_code or "")
        )
        referrer = plain.referral.referrer_code
        proposal = _proposal(plain, product, referrer_code=referrer, requested=False, frequency=frequency)
        findings = check_allocation(proposal)
        if refusals(findings):
            return None
        t = self.toewijzing(plain, product, referral=plain.referral)
        self.signal(t, signals(findings), WEIGHED, region=proposal.region, automatic=False)
        self.jw301(plain, t)
        return t

    def requested(self, plain: Plain) -> Toewijzing | None:
        """The provider's JW315, decided by the municipality: a JW301 or a JW319 (refused)."""
        item, municipality = plain.item, plain.municipality
        links = {"client": plain.client, "municipality": municipality, "provider": plain.provider}
        root = ijwxml.jw315(
            plain.client,
            [item],
            sender=plain.provider.agb_code,
            receiver=municipality.cbs_code,
            identification=self.ids(),
            dagtekening=plain.day,
        )
        _, received = self.exchange("JW315", root, day=plain.day, **links)
        product = self.product(municipality, item.category, item.code or "")
        referrer_name = _referrer_name(root)
        request = AllocationRequest(
            kind="JW315",
            reference=item.reference,
            product_category=item.category,
            product_code=item.code or "",
            begin=item.begin,
            end=item.end,
            volume=item.volume,
            unit=item.unit or "",
            frequency=item.frequency or "",
            referrer_code=item.referrer_code or "",
            referrer_agb=item.referrer_agb or "",
            referrer_name=referrer_name,
            received_on=plain.day,
            message=received,
            **links,
        )
        self.requests.append(request)
        kind = "jw301-dyslexie" if toegang.is_dyslexia(product) else "jw301-verzoek"
        self.task(kind, plain.day, plain.day, request=request, **links)
        # The municipality's decision and its allocation weigh the same proposal (handlers.decide).
        frequency = item.frequency or (product.frequency_code if product else "")
        proposal = _proposal(
            plain, product, referrer_code=item.referrer_code or "", requested=True, frequency=frequency
        )
        findings = check_allocation(proposal)
        refused = refusals(findings)
        if refused:
            first = refused[0]
            request.status = AllocationRequest.Status.AFGEWEZEN
            request.refusal_reason, request.refusal_rule = first.refusal_reason, first.rule
            request.refusal_text = first.text[:255]
            answer = ijwxml.jw319(
                reference=item.reference,
                answer="1",
                reason=first.refusal_reason,
                sender=municipality.cbs_code,
                receiver=plain.provider.agb_code,
                identification=self.ids(),
                dagtekening=plain.day,
            )
            self.exchange("JW319", answer, day=plain.day, in_reply_to=received, **links)
            return None
        t = self.toewijzing(plain, product, referral=None, request_reference=item.reference)
        self.signal(t, signals(findings), AUTOMATIC, region=proposal.region, automatic=True)
        request.status, request.toewijzing = AllocationRequest.Status.TOEGEWEZEN, t
        self.jw301(plain, t)
        return t

    def toewijzing(self, plain: Plain, product, *, referral, request_reference: str = "") -> Toewijzing:
        item = plain.item
        t = Toewijzing(
            municipality=plain.municipality,
            number=self.number(plain.municipality),
            client=plain.client,
            provider=plain.provider,
            product=product,
            product_category=item.category or "",
            product_code=item.code or "",
            begin=item.begin,
            end=item.end,
            volume=item.volume,
            unit=item.unit or "" if item.volume is not None else "",
            frequency=item.frequency or "" if item.volume is not None else "",
            toewijzing_date=item.begin,
            referral=referral,
            request_reference=request_reference,
        )
        self.toewijzingen.append(t)
        return t

    def jw301(self, plain: Plain, t: Toewijzing) -> None:
        root = ijwxml.jw301(
            plain.client,
            [t],
            sender=plain.municipality.cbs_code,
            receiver=plain.provider.agb_code,
            identification=self.ids(),
            dagtekening=t.toewijzing_date,
        )
        t.message, _ = self.exchange(
            "JW301",
            root,
            day=t.toewijzing_date,
            client=plain.client,
            municipality=plain.municipality,
            provider=plain.provider,
        )

    def signal(self, t: Toewijzing, findings, reason: str, *, region, automatic: bool) -> None:
        reasons = {finding.rule: reason for finding in findings}
        self.signals += toegang.signal_rows(
            t, findings, reasons, region=region, by=None, on=t.toewijzing_date, automatic=automatic
        )

    # Storing --------------------------------------------------------------------------------

    def save(self) -> None:
        """Stores every row in dependency order: messages, toewijzingen, the rest, the retours."""
        replies = [(m, m.in_reply_to) for m in self.originals if m.in_reply_to is not None]
        for message, _ in replies:
            message.in_reply_to = None  # its target is stored in the same statement
        Message.objects.bulk_create(self.originals, batch_size=1000)
        for message, target in replies:
            message.in_reply_to = target
        Message.objects.bulk_update([m for m, _ in replies], ["in_reply_to"], batch_size=1000)
        # Related rows saved after they were assigned: bulk_create takes their keys now.
        Toewijzing.objects.bulk_create(self.toewijzingen, batch_size=2000)
        AllocationRequest.objects.bulk_create(self.requests, batch_size=2000)
        Signaal.objects.bulk_create(self.signals, batch_size=2000)
        Start.objects.bulk_create(self.starts, batch_size=2000)
        Stop.objects.bulk_create(self.stops, batch_size=2000)
        Task.objects.bulk_create(self.tasks, batch_size=2000)
        answers = []
        for sent, received, retour_sent, retour_received in self.retours:
            retour_sent.in_reply_to, retour_received.in_reply_to = received, sent
            answers += [retour_sent, retour_received]
        Message.objects.bulk_create(answers, batch_size=1000)


def write(plains: list[Plain], ids) -> Writer:
    """Stores, in bulk, exactly the rows :func:`play` would store for these stories."""
    writer = Writer(ids)
    with remembered():  # the batch changes no contract, client stop or exemption
        for plain in order(plains):
            writer.add(plain)
    writer.save()
    return writer


def _proposal(plain: Plain, product, *, referrer_code: str, requested: bool, frequency: str) -> Proposal:
    """What the checks weigh; the client is new, so it holds no toewijzing yet (``known``)."""
    item = plain.item
    return Proposal(
        municipality=plain.municipality,
        client=plain.client,
        provider=plain.provider,
        product=product,
        begin=item.begin,
        end=item.end,
        referrer_code=referrer_code,
        requested_by_provider=requested,
        known=[],
        volume=item.volume,
        frequency=frequency,
        unit=item.unit or "",
    )


def holds_for(kind: str, municipality) -> bool:
    from jeugdketen.levering.deadlines import DEADLINES

    return holds(DEADLINES[kind], municipality)


def _xml(root) -> str:
    from jeugdketen.ijw.xml import serialise

    return serialise(root).decode()


def _identification(root) -> str:
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.endswith("}Identificatie"):
            return node.text
    raise ValueError("message without BerichtIdentificatie")


def _referrer_name(root) -> str:
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.endswith("}Verwijzer"):
            for child in node:
                if isinstance(child.tag, str) and child.tag.endswith("}Naam"):
                    return (child.text or "").strip()
    return ""
