"""The Midden-Limburg Oost deadlines (Bijlage 1) and the iJw answer times, as worklist tasks.

A contract deadline holds only for municipalities that buy from the region whose contract
sets it (:func:`holds` asks the rule register); the iJw answer times hold everywhere.

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
from jeugdketen.regels import regel

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
    rule: str = ""  # id in the rule register; empty for a deadline of the iJw standard itself


#: The iJw standard's own answer times hold in every region; they are not contract rules, so
#: they are not in the rule register (the register holds the four documents' rules).
IJW = "iJw"

DEADLINES: dict[str, Deadline] = {
    d.kind: d
    for d in [
        Deadline(
            "plan1",
            3,
            GEMEENTE,
            "Ondersteuningsplan deel 1 naar de aanbieder (na vaststelling)",
            "MLO Bijlage 1 art. 1.5",
            "TERMIJN-PLAN1",
        ),
        Deadline(
            "plan2",
            15,
            AANBIEDER,
            "Ondersteuningsplan deel 2 naar het CJG",
            "MLO Bijlage 1 art. 1.8",
            "TERMIJN-PLAN2",
        ),
        Deadline(
            "jw301",
            12,
            GEMEENTE,
            "Toewijzing (JW301) sturen na plan deel 2",
            "MLO Bijlage 1 art. 1.11",
            "TERMIJN-JW301",
        ),
        Deadline(
            "jw301-verzoek",
            3,
            GEMEENTE,
            "Toewijzing (JW301) na verzoek om toewijzing (JW315)",
            "MLO Bijlage 1 art. 2.7 en 3.11",
            "TERMIJN-JW301-VERZOEK",
        ),
        Deadline(
            "jw301-dyslexie",
            5,
            GEMEENTE,
            "Toewijzing (JW301) dyslexie na de uitslag van de diagnostiek",
            "MLO Bijlage 1 art. 4.5",
            "TERMIJN-JW301-DYSLEXIE",
        ),
        Deadline(
            "jw315-huisarts",
            15,
            AANBIEDER,
            "Verzoek om toewijzing (JW315) na verwijzing",
            "MLO Bijlage 1 art. 2.5",
            "TERMIJN-JW315-VERWIJZING",
        ),
        Deadline(
            "jw315-gi",
            5,
            AANBIEDER,
            "Verzoek om toewijzing (JW315) na de bepaling van de GI",
            "MLO Bijlage 1 art. 3.10",
            "TERMIJN-JW315-GI",
        ),
        Deadline("antwoord-jw315", 5, GEMEENTE, "Antwoord op verzoek om toewijzing", f"{IJW}: 5 werkdagen"),
        Deadline(
            "client-aanvullen",
            5,
            GEMEENTE,
            "Cliënt aanvullen (adres) na verzoek in onderzoek",
            f"{IJW} 2.5.3: JW319 VerzoekAntwoord 2",
        ),
        Deadline(
            "start",
            10,
            AANBIEDER,
            "Start zorg (JW305); daarna wachtlijst",
            "MLO Bijlage 1 art. 1.12, 2.8, 3.12; art. 1 Wachtlijst",
            "TERMIJN-START",
        ),
        Deadline(
            "plan-toegang",
            30,
            AANBIEDER,
            "Ondersteuningsplan naar het CJG (behandeling zwaar > 50 uur of verblijf)",
            "MLO Bijlage 1 art. 2.10",
            "TERMIJN-PLAN-CJG",
        ),
        Deadline(
            "factuur",
            0,
            AANBIEDER,
            "Factuur (JW323) over de maand van zorg, uiterlijk de laatste dag van de volgende maand",
            "MLO art. 20.3",
            "TERMIJN-FACTUUR",
        ),
        Deadline(
            "datalek-ap",
            0,
            AANBIEDER,
            "Datalek melden bij de Autoriteit Persoonsgegevens, binnen 72 uur na ontdekking",
            "MLO art. 27.1 en 27.3; AVG art. 33",
            "TERMIJN-DATALEK-AP",
        ),
        Deadline(
            "consultatie",
            0,
            AANBIEDER,
            "Consultatie en advies binnen een week na het verzoek (start zorg, JW305)",
            "NOB productenboek, Consultatie en advies",
            "TERMIJN-CONSULTATIE",
        ),
        Deadline("retour", 3, AANBIEDER, "Retourbericht binnen 3 werkdagen", f"{IJW}: retour ≤ 3 werkdagen"),
    ]
}


#: Noordoost-Brabant: the provider answers a request for consultation "tenminste binnen 1 week"
CONSULTATION_WAIT = dt.timedelta(weeks=1)
CONSULTATION_LOT = "consultatie"


def consultation_due(product, toewijzing_date: dt.date) -> dt.date | None:
    """The last day to start consultation and advice after its toewijzing, where a book sets one.

    The request for consultation reaches the provider as a toewijzing (no beschikking, the book
    says): a week of calendar days from its date, closed by the start of care (JW305).
    """
    from jeugdketen.regels.register import applies

    if product is None or product.lot is None or product.lot.code != CONSULTATION_LOT:
        return None
    if not applies("TERMIJN-CONSULTATIE", product.region.slug):
        return None
    return toewijzing_date + CONSULTATION_WAIT


def holds(deadline: Deadline, municipality) -> bool:
    """Whether the deadline is the municipality's: iJw deadlines always, contract deadlines only
    where the municipality buys from a region whose contract has them (the rule register says
    which regions). Without a municipality to judge by, the deadline holds."""
    if not deadline.rule or municipality is None:
        return True
    from jeugdketen.regels.contract import holds_for

    return holds_for(deadline.rule, municipality)


@regel(*(d.rule for d in DEADLINES.values() if d.rule))
def open_task(
    kind: str,
    start: dt.date,
    *,
    party: str | None = None,
    save: bool = True,
    due: dt.date | None = None,
    bound: bool | None = None,
    **links,
) -> Task | None:
    """A task for deadline `kind`, due `working_days` after `start`; links: client, toewijzing, ...

    A deadline in calendar terms (the invoice by the end of the next month) passes its `due`.
    Returns None, and opens nothing, where the deadline is not the municipality's contract's;
    `bound` says so for a caller that already asked, once for many tasks.
    """
    deadline = DEADLINES[kind]
    if not (holds(deadline, links.get("municipality")) if bound is None else bound):
        return None
    task = Task(
        kind=kind,
        party=party or deadline.party,
        title=deadline.title,
        start=start,
        working_days=deadline.working_days,
        due=due or add_working_days(start, deadline.working_days),
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


def overdue(tasks, today: dt.date):
    """The open tasks past their due date on `today`: due today is still on time."""
    return tasks.filter(done_on__isnull=True, due__lt=today)


def missed(task: Task) -> bool:
    """Whether a task closed after its due date: the deadline was not met."""
    return task.done_on is not None and task.done_on > task.due


def waiting_list(today: dt.date | None = None):
    """Toewijzingen without a start more than 10 working days after the JW301 (MLO def. 21)."""
    from jeugdketen.toegang.models import Toewijzing

    today = today or dt.date.today()
    late = Task.objects.filter(kind="start", done_on__isnull=True, due__lt=today).values("toewijzing_id")
    return Toewijzing.objects.filter(pk__in=late, status=Toewijzing.Status.ACTIEF)
