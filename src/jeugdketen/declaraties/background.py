"""A large JW323 is judged by a worker: the upload is answered at once, with a status to follow.

A JW323 with more Prestaties than ``JEUGDKETEN_INTAKE_AT_ONCE_LINES`` (default 2,000, about
0.2 s of judging) is not judged inside the upload. :func:`take_in` stores it as an
:class:`~.models.Intake` and queues the ``declaraties.intake`` task once the upload has
committed; the API answers ``202 Accepted`` with the intake's status URL and the upload screen
shows the lines judged so far. Smaller messages are judged at once, as before.

Crash safety comes from the transactions, not from the queue:

- the intake row is marked ``bezig`` (and its attempt counted) in a short transaction of its own;
- :func:`~.intake.process_jw323` judges the message in *one* transaction that also marks the
  intake ``klaar``. A worker that dies in the middle leaves no declaration, line, booking or
  obligation behind; the task was not acknowledged (``acks_late``), so the broker hands it to
  the next worker, which judges the message from the start;
- the same message uploaded many times at once is one intake (unique on sender and
  BerichtIdentificatie), and a second run of the task finds it done, under a row lock;
- a message whose intake keeps killing its worker is given up after ``MAX_ATTEMPTS``.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.ijw.xml import Document

from .intake import _header_values, process_jw323
from .models import Intake

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
PROGRESS_SECONDS = 24 * 3600


def at_once_lines() -> int:
    return settings.JEUGDKETEN_INTAKE_AT_ONCE_LINES


def count_lines(document: Document) -> int:
    """The number of Prestaties, counted without reading them (lxml's own loop)."""
    return sum(1 for _ in document.root.iter("{*}Prestatie"))


def in_background(document: Document) -> bool:
    return document.code == "JW323" and count_lines(document) > at_once_lines()


def _progress_key(intake: Intake) -> str:
    return f"intake:{intake.public_id}:judged"


def lines_judged(intake: Intake) -> int:
    if intake.status == Intake.Status.KLAAR:
        return intake.lines_total
    if intake.status == Intake.Status.WACHTRIJ:
        return 0
    return int(caches["voortgang"].get(_progress_key(intake)) or 0)


def take_in(document: Document, data: bytes, *, today: dt.date | None = None) -> tuple[Intake, bool]:
    """Stores the JW323 for a worker and queues it; ``(intake, created)``.

    The same message again (same sender and BerichtIdentificatie) returns the first intake,
    even when both arrive at the same moment: the unique constraint decides, not a lookup.
    """
    from .tasks import intake_task

    values = _header_values(document)
    sender, receiver = values.get("Afzender", "")[:8], values.get("Ontvanger", "")[:8]
    identification = values.get("Identificatie", "")[:20]
    try:
        with transaction.atomic():
            intake = Intake.objects.create(
                sender=sender, receiver=receiver, identification=identification,
                received_on=today or timezone.localdate(), xml=data.decode("utf-8", errors="replace"),
                lines_total=count_lines(document),
                municipality=Municipality.objects.filter(cbs_code=receiver).first(),
                provider=Provider.objects.filter(agb_code=sender).first() if sender else None,
            )  # fmt: skip
            transaction.on_commit(lambda: intake_task.delay(intake.pk))
    except IntegrityError:
        return Intake.objects.get(sender=sender, identification=identification), False
    return intake, True


def judge(pk: int) -> dict:
    """The task's work: judge one intake, once. Safe to run again, and at the same time."""
    with transaction.atomic():
        intake = Intake.objects.select_for_update().get(pk=pk)
        if intake.done:
            return summary(intake)
        if intake.attempts >= MAX_ATTEMPTS:
            _fail(intake, f"Na {intake.attempts} afgebroken pogingen niet verwerkt.")
            return summary(intake)
        intake.status = Intake.Status.BEZIG
        intake.attempts += 1
        intake.save(update_fields=["status", "attempts"])
    key = _progress_key(intake)
    progress = caches["voortgang"]
    progress.set(key, 0, PROGRESS_SECONDS)
    try:
        with transaction.atomic():
            intake = Intake.objects.select_for_update().get(pk=pk)
            if intake.done:  # a second run of the task finished it while this one waited
                return summary(intake)
            result = process_jw323(
                intake.xml.encode(),
                received_on=intake.received_on,
                progress=lambda judged: progress.set(key, judged, PROGRESS_SECONDS),
            )
            intake.message = result.message
            intake.status = Intake.Status.KLAAR
            intake.finished = timezone.now()
            intake.xml = ""  # kept once, in its Message
            intake.save(update_fields=["message", "status", "finished", "xml"])
    except OperationalError:
        raise  # the database is away: the task is retried with backoff
    except Exception as error:  # noqa: BLE001 - any other failure is recorded, not retried forever
        log.exception("intake %s failed", intake.public_id)
        with transaction.atomic():
            _fail(
                Intake.objects.select_for_update().get(pk=pk), f"Verwerking mislukt ({type(error).__name__})."
            )
        return summary(Intake.objects.get(pk=pk))
    if result.answer is not None and not result.duplicate:
        from jeugdketen.berichten.services import exchange

        # The JW325 goes to the provider's administration, as an answer at the upload would.
        exchange(result.answer, today=intake.received_on)
    return summary(intake)


def _fail(intake: Intake, reason: str) -> None:
    intake.status = Intake.Status.MISLUKT
    intake.error = reason[:255]
    intake.finished = timezone.now()
    intake.save(update_fields=["status", "error", "finished"])


def summary(intake: Intake) -> dict:
    return {
        "intake": str(intake.public_id),
        "status": intake.status,
        "lines_total": intake.lines_total,
        "attempts": intake.attempts,
    }
