"""The provider's side of the exchange: start (JW305), stop (JW307) and requests (JW315, JW317).

Each function builds the message (:mod:`jeugdketen.berichten.ijwxml`), keeps it in the
provider's outbox (:func:`~jeugdketen.berichten.services.send`) and, with ``deliver=True``
(the default), hands it to the municipality inside the system, which processes it and
answers (JW306, JW308, JW316/JW318 and then a JW301 or JW319); those answers are processed
by the provider in turn. The :class:`Sent` result says what the municipality thought of it.

The rows a message creates (Start, Stop, AllocationRequest) are created by the receiving
municipality's processing, not here: both parties share one database, and the message is
the only way a fact crosses from one party to the other.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from jeugdketen.berichten import ijwxml
from jeugdketen.berichten.ijwxml import Requested
from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import Outcome, exchange, new_identification, send

__all__ = [
    "Requested",
    "Sent",
    "correct_start",
    "correct_stop",
    "report_start",
    "report_stop",
    "request_allocation",
    "request_change",
]


@dataclass
class Sent:
    """A message the provider sent and, when delivered, how the municipality received it."""

    message: Message
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def received(self) -> Outcome | None:
        return self.outcomes[0] if self.outcomes else None

    @property
    def accepted(self) -> bool | None:
        return self.received.accepted if self.received else None

    @property
    def errors(self) -> list[dict]:
        return self.received.errors if self.received else []

    @property
    def produced(self) -> list[Message]:
        """Every message sent in answer, by either party, in order (retours, JW301, JW319, ...)."""
        return [m for outcome in self.outcomes for m in outcome.produced]


def _send(code, root, *, municipality, provider, client, identification, today, deliver) -> Sent:
    message = send(
        code,
        root,
        municipality=municipality,
        provider=provider,
        client=client,
        identification=identification,
        dagtekening=today,
    )
    return Sent(message, exchange(message, today=today) if deliver else [])


def _send_about(code, build, toewijzing, *args, today, deliver, **kwargs) -> Sent:
    """Build a message on `toewijzing`'s client from its provider to its municipality and send it."""
    identification = new_identification()
    root = build(
        toewijzing.client,
        *args,
        **kwargs,
        sender=toewijzing.provider.agb_code,
        receiver=toewijzing.municipality.cbs_code,
        identification=identification,
        dagtekening=today,
    )
    return _send(
        code,
        root,
        municipality=toewijzing.municipality,
        provider=toewijzing.provider,
        client=toewijzing.client,
        identification=identification,
        today=today,
        deliver=deliver,
    )


def report_start(toewijzing, begin: dt.date, *, today: dt.date | None = None, deliver: bool = True) -> Sent:
    """JW305: care for this toewijzing started on `begin` (StatusAanlevering 1)."""
    today = today or dt.date.today()
    return _send_about(
        "JW305", ijwxml.jw305, toewijzing, [(toewijzing, begin, "1")], today=today, deliver=deliver
    )


def report_stop(
    toewijzing,
    end: dt.date,
    reason: str,
    *,
    begin: dt.date | None = None,
    today: dt.date | None = None,
    deliver: bool = True,
) -> Sent:
    """JW307: care stopped on `end` with JZ588 `reason`; `begin` is the start it ends (the latest)."""
    today = today or dt.date.today()
    if begin is None:
        start = toewijzing.starts.order_by("-date").first()
        if start is None:
            raise ValueError("Er is geen start om te stoppen: stuur eerst een JW305.")
        begin = start.date
    return _send_about(
        "JW307",
        ijwxml.jw307,
        toewijzing,
        [(toewijzing, begin, reason, end, "1")],
        today=today,
        deliver=deliver,
    )


def correct_start(toewijzing, begin: dt.date, *, today: dt.date | None = None, deliver: bool = True) -> Sent:
    """JW305 with StatusAanlevering 3: the start on `begin` was sent in error and is withdrawn."""
    today = today or dt.date.today()
    return _send_about(
        "JW305", ijwxml.jw305, toewijzing, [(toewijzing, begin, "3")], today=today, deliver=deliver
    )


def correct_stop(
    toewijzing,
    end: dt.date,
    reason: str,
    *,
    begin: dt.date,
    today: dt.date | None = None,
    deliver: bool = True,
) -> Sent:
    """JW307 with StatusAanlevering 3: the stop on `end` was sent in error and is withdrawn."""
    today = today or dt.date.today()
    return _send_about(
        "JW307",
        ijwxml.jw307,
        toewijzing,
        [(toewijzing, begin, reason, end, "3")],
        today=today,
        deliver=deliver,
    )


def request_allocation(
    *,
    provider,
    municipality,
    client,
    items: list[Requested],
    today: dt.date | None = None,
    deliver: bool = True,
) -> Sent:
    """JW315: the provider asks for a toewijzing (GP, GI, dyslexia routes), one item per product.

    `client` needs only the fields a JW315 carries (BSN, birth date, gender, names); an
    unsaved :class:`~jeugdketen.toegang.models.Client` will do for a client the system has
    not met yet: the municipality registers it on receipt.
    """
    today = today or dt.date.today()
    identification = new_identification()
    root = ijwxml.jw315(
        client,
        items,
        sender=provider.agb_code,
        receiver=municipality.cbs_code,
        identification=identification,
        dagtekening=today,
    )
    sent = _send(
        "JW315",
        root,
        municipality=municipality,
        provider=provider,
        client=client if client.pk else None,
        identification=identification,
        today=today,
        deliver=deliver,
    )
    if sent.received and sent.received.message and not sent.message.client_id:
        sent.message.client = sent.received.message.client
        sent.message.save(update_fields=["client"])
    return sent


def request_change(
    toewijzing,
    *,
    reference: str,
    reason: str = "1",
    end: dt.date | None = None,
    volume: int | None = None,
    begin: dt.date | None = None,
    new: list[Requested] = (),
    today: dt.date | None = None,
    deliver: bool = True,
) -> Sent:
    """JW317: change this toewijzing (end date, volume) and/or ask new products (WJ758 `reason`).

    The other current toewijzingen of the client at this provider go along as unchanged
    products, as the message demands the complete picture (TR349/TR350).
    """
    from jeugdketen.toegang.services import current

    today = today or dt.date.today()
    others = [
        t
        for t in current(toewijzing.client, toewijzing.provider, toewijzing.municipality, today)
        if t.pk != toewijzing.pk
    ]
    changed = []
    if end is not None or volume is not None:
        changed = [(toewijzing, begin or today, end or toewijzing.end, volume or toewijzing.volume)]
    else:
        others.append(toewijzing)
    return _send_about(
        "JW317",
        ijwxml.jw317,
        toewijzing,
        reference=reference,
        reason=reason,
        unchanged=sorted(others, key=lambda t: t.number),
        changed=changed,
        new=list(new),
        today=today,
        deliver=deliver,
    )
