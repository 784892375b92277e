"""The Midden-Limburg Oost deadlines (Bijlage 1) and the iJw answer times, as worklist tasks.

Every deadline is a :class:`~jeugdketen.levering.models.Task` row: it counts a number of
Dutch working days (:mod:`jeugdketen.core.werkdagen`) from an event, lands on the worklist
of the party that must act, and is closed by the event that fulfils it. An open task past
its due date is overdue; an open ``start`` task past due puts the toewijzing on the
waiting list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jeugdketen.core.werkdagen import add_working_days

from .models import Task

GEMEENTE = Task.Party.GEMEENTE
AANBIEDER = Task.Party.AANBIEDER


@dataclass(frozen=True)
class Deadline:
    kind: str
    working_days: int
    party: str
    title: str
    source: str


DEADLINES: dict[str, Deadline] = {
    d.kind: d
    for d in [
        Deadline(
            "plan1", 3, GEMEENTE, "Ondersteuningsplan deel 1 naar de aanbieder", "MLO Bijlage 1 art. 1.5"
        ),
        Deadline("plan2", 15, AANBIEDER, "Ondersteuningsplan deel 2 naar het toegangsteam", "MLO art. 1.8"),
        Deadline("jw301", 12, GEMEENTE, "Toewijzing (JW301) sturen na plan deel 2", "MLO art. 1.11"),
        Deadline("jw301-verzoek", 3, GEMEENTE, "Toewijzing (JW301) of afwijzing na JW315", "MLO art. 2.6"),
        Deadline("jw301-dyslexie", 5, GEMEENTE, "Toewijzing (JW301) dyslexie", "MLO art. 4.6"),
        Deadline(
            "jw315-huisarts", 15, AANBIEDER, "Verzoek om toewijzing (JW315) na verwijzing", "MLO art. 2.5"
        ),
        Deadline("jw315-gi", 5, AANBIEDER, "Verzoek om toewijzing (JW315) na GI-besluit", "MLO art. 3.10"),
        Deadline("antwoord-jw315", 5, GEMEENTE, "Antwoord op verzoek om toewijzing", "iJw OP: 5 werkdagen"),
        Deadline(
            "client-aanvullen",
            5,
            GEMEENTE,
            "Cliënt aanvullen (adres) na verzoek in onderzoek",
            "iJw 2.5.3: JW319 VerzoekAntwoord 2",
        ),
        Deadline("start", 10, AANBIEDER, "Start zorg (JW305); daarna wachtlijst", "MLO art. 1.12 / def. 21"),
        Deadline(
            "plan-toegang", 30, AANBIEDER, "Ondersteuningsplan naar toegang (zwaar/verblijf)", "MLO art. 2.9"
        ),
        Deadline("retour", 3, AANBIEDER, "Retourbericht binnen 3 werkdagen", "iJw: retour ≤ 3 werkdagen"),
    ]
}


def open_task(kind: str, start: dt.date, *, party: str | None = None, save: bool = True, **links) -> Task:
    """A task for deadline `kind`, due `working_days` after `start`; links: client, toewijzing, ..."""
    deadline = DEADLINES[kind]
    task = Task(
        kind=kind,
        party=party or deadline.party,
        title=deadline.title,
        start=start,
        working_days=deadline.working_days,
        due=add_working_days(start, deadline.working_days),
        **links,
    )
    if save:
        task.save()
    return task


def close_tasks(kind: str | list[str], done_on: dt.date, **links) -> int:
    """Closes the open tasks of this kind for these links; returns how many."""
    kinds = [kind] if isinstance(kind, str) else kind
    return Task.objects.filter(kind__in=kinds, done_on__isnull=True, **links).update(done_on=done_on)


def worklist(party: str, today: dt.date | None = None):
    """Open tasks of one party, most urgent first (overdue at the top)."""
    return Task.objects.filter(party=party, done_on__isnull=True).select_related(
        "client", "toewijzing", "municipality", "provider"
    )


def waiting_list(today: dt.date | None = None):
    """Toewijzingen without a start more than 10 working days after the JW301 (MLO def. 21)."""
    from jeugdketen.toegang.models import Toewijzing

    today = today or dt.date.today()
    late = Task.objects.filter(kind="start", done_on__isnull=True, due__lt=today).values("toewijzing_id")
    return Toewijzing.objects.filter(pk__in=late, status=Toewijzing.Status.ACTIEF)
