"""The municipality's side of allocation: referrals, plans, toewijzingen and their changes.

Other apps call these functions rather than creating rows by hand, so the deadlines on the
worklists and the JW301 messages always follow. Every change goes through :func:`allocate`,
:func:`change`, :func:`extend` or :func:`withdraw`, each sending a JW301 that holds all the
client's current toewijzingen at that provider (OP033x1).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import IntegerField, Max, Q
from django.db.models.functions import Cast

from jeugdketen.levering.deadlines import close_tasks, open_task

from .checks import AllocationRefused, Proposal, check_allocation
from .models import Referral, Route, SupportPlan, Toewijzing

FIRST_NUMBER = 100001
JW301_TASKS = ["jw301", "jw301-verzoek", "jw301-dyslexie", "antwoord-jw315"]


def is_dyslexia(product) -> bool:
    return product is not None and "dyslexie" in product.name.lower()


def next_number(municipality) -> str:
    """The next ToewijzingNummer of this municipality (unique per municipality, TR332)."""
    highest = (
        Toewijzing.objects.filter(municipality=municipality)
        .annotate(n=Cast("number", IntegerField()))
        .aggregate(m=Max("n"))["m"]
    )
    return str(max(highest or 0, FIRST_NUMBER - 1) + 1)


def register_referral(
    *,
    client,
    municipality,
    route: str,
    date: dt.date,
    product=None,
    provider=None,
    referrer_name="",
    referrer_agb="",
    notes="",
) -> Referral:
    """A referral and the first deadline of its route (Midden-Limburg Oost Bijlage 1)."""
    referral = Referral.objects.create(
        client=client,
        municipality=municipality,
        route=route,
        referrer_code=Route(route).referrer_code,
        referrer_name=referrer_name,
        referrer_agb=referrer_agb,
        date=date,
        product=product,
        provider=provider,
        notes=notes,
    )
    links = {"client": client, "municipality": municipality, "provider": provider, "referral": referral}
    if is_dyslexia(product):
        open_task("jw301-dyslexie", date, **links)
    elif route == Route.TOEGANG:
        open_task("plan1", date, **links)
    elif route == Route.GI:
        open_task("jw315-gi", date, **links)
    elif route in (Route.HUISARTS, Route.JEUGDARTS, Route.SPECIALIST):
        open_task("jw315-huisarts", date, **links)
    return referral


def record_plan(
    *,
    referral: Referral,
    part: int,
    day: dt.date,
    provider=None,
    sent_on: dt.date | None = None,
    received_on: dt.date | None = None,
    subcontractors: str = "",
    goals=(),
) -> SupportPlan:
    """Plan part 1 sent to the provider, or part 2 received from it; moves the deadlines on.

    `goals`: (description, expected result, evaluation date) per goal.
    """
    from .models import Goal

    provider = provider or referral.provider
    plan = SupportPlan.objects.create(
        client=referral.client,
        referral=referral,
        provider=provider,
        part=part,
        sent_on=sent_on or (day if part == 1 else None),
        received_on=received_on or (day if part in (2, 3) else None),
        subcontractors=subcontractors,
    )
    Goal.objects.bulk_create(
        Goal(plan=plan, description=d, expected_result=r or "", evaluation_date=e) for d, r, e in goals
    )
    links = {"client": referral.client, "municipality": referral.municipality, "provider": provider}
    if part == 1:
        close_tasks("plan1", day, referral=referral)
        open_task("plan2", day, referral=referral, **links)
    elif part == 2:
        close_tasks("plan2", day, referral=referral)
        if referral.route == Route.TOEGANG:
            open_task("jw301", day, referral=referral, **links)
    else:
        close_tasks("plan-toegang", day, client=referral.client)
    return plan


def current(client, provider, municipality, on: dt.date):
    return Toewijzing.objects.filter(
        Q(end__isnull=True) | Q(end__gte=on),
        client=client,
        provider=provider,
        municipality=municipality,
        status__in=["actief", "gewijzigd"],
    ).order_by("number")


@transaction.atomic
def allocate(
    *,
    municipality,
    client,
    provider,
    product,
    begin: dt.date,
    end: dt.date | None = None,
    volume: int | None = None,
    unit: str | None = None,
    frequency: str | None = None,
    budget_cents: int | None = None,
    referral=None,
    referrer_code: str = "",
    request_reference: str = "",
    bridging: bool = False,
    guardianship: bool = False,
    comment: str = "",
    today: dt.date | None = None,
    send: bool = True,
) -> Toewijzing:
    """Checks, creates and (with `send`) sends one toewijzing; raises AllocationRefused naming the rule."""
    today = today or dt.date.today()
    if referral is not None and not referrer_code:
        referrer_code = referral.referrer_code
    findings = check_allocation(
        Proposal(
            municipality=municipality,
            client=client,
            provider=provider,
            product=product,
            begin=begin,
            end=end,
            referrer_code=referrer_code,
            bridging=bridging,
            guardianship=guardianship,
            requested_by_provider=bool(request_reference),
        )
    )
    if findings:
        raise AllocationRefused(findings)
    toewijzing = Toewijzing.objects.create(
        municipality=municipality,
        number=next_number(municipality),
        client=client,
        provider=provider,
        product=product,
        product_category=product.category or "",
        product_code=product.code or "",
        begin=begin,
        end=end,
        volume=volume,
        unit=unit if unit is not None else (product.unit_code if volume is not None else ""),
        frequency=frequency if frequency is not None else (product.frequency_code or "2" if volume else ""),
        budget_cents=budget_cents,
        toewijzing_date=today,
        referral=referral,
        request_reference=request_reference,
        bridging=bridging,
        comment=comment[:200],
    )
    close_tasks(JW301_TASKS, today, client=client)
    open_task(
        "start", today, client=client, municipality=municipality, provider=provider, toewijzing=toewijzing
    )
    if send:
        send_jw301(toewijzing, today=today, extra=[toewijzing])
    return toewijzing


def send_jw301(toewijzing: Toewijzing, *, today: dt.date, extra=()):
    """A JW301 with every current toewijzing of the client at the provider, plus `extra`."""
    from jeugdketen.berichten import ijwxml
    from jeugdketen.berichten.services import new_identification, send

    items = {t.pk: t for t in current(toewijzing.client, toewijzing.provider, toewijzing.municipality, today)}
    for t in extra:
        items[t.pk] = t
    identification = new_identification()
    root = ijwxml.jw301(
        toewijzing.client,
        sorted(items.values(), key=lambda t: int(t.number)),
        sender=toewijzing.municipality.cbs_code,
        receiver=toewijzing.provider.agb_code,
        identification=identification,
        dagtekening=today,
    )
    message = send(
        "JW301",
        root,
        municipality=toewijzing.municipality,
        provider=toewijzing.provider,
        client=toewijzing.client,
        identification=identification,
        dagtekening=today,
    )
    Toewijzing.objects.filter(pk__in=list(items)).update(message=message)
    return message


def _modify(toewijzing: Toewijzing, *, reden: str, status: str, today: dt.date) -> None:
    toewijzing.reden_wijziging = reden
    toewijzing.status = status
    toewijzing.toewijzing_date = today
    toewijzing.save()


@transaction.atomic
def change(
    toewijzing: Toewijzing,
    *,
    end: dt.date | None = None,
    volume: int | None = None,
    begin: dt.date | None = None,
    reden: str = "05",
    today: dt.date | None = None,
):
    """A change of the toewijzing (OP033x1), always by a new JW301 with RedenWijziging.

    The end date changes on the same ToewijzingNummer (intrekken or oprekken, OP257). A new
    volume does too when the frequency is "totaal binnen geldigheidsduur" (6); otherwise
    (OP257) this toewijzing ends the day before `begin` and a new toewijzing with the new
    volume follows from `begin`, both in one JW301. Returns the JW301 message.
    """
    today = today or dt.date.today()
    new = None
    if volume is not None and volume != toewijzing.volume and toewijzing.frequency != "6":
        begin = begin or today
        if begin <= toewijzing.begin:
            raise ValueError("Het nieuwe volume moet na de ingangsdatum van de toewijzing ingaan.")
        new = Toewijzing.objects.create(
            municipality=toewijzing.municipality,
            number=next_number(toewijzing.municipality),
            client=toewijzing.client,
            provider=toewijzing.provider,
            product=toewijzing.product,
            product_category=toewijzing.product_category,
            product_code=toewijzing.product_code,
            begin=begin,
            end=end or toewijzing.end,
            volume=volume,
            unit=toewijzing.unit,
            frequency=toewijzing.frequency,
            budget_cents=toewijzing.budget_cents,
            toewijzing_date=today,
            referral=toewijzing.referral,
            beschikking=toewijzing.beschikking,
        )
        open_task(
            "start",
            today,
            client=new.client,
            municipality=new.municipality,
            provider=new.provider,
            toewijzing=new,
        )
        toewijzing.end = begin - dt.timedelta(days=1)
        _modify(toewijzing, reden=reden, status=Toewijzing.Status.BEEINDIGD, today=today)
        return send_jw301(toewijzing, today=today, extra=[toewijzing, new])
    if end is not None:
        toewijzing.end = end
    if volume is not None:
        toewijzing.volume = volume
    _modify(toewijzing, reden=reden, status=Toewijzing.Status.GEWIJZIGD, today=today)
    return send_jw301(toewijzing, today=today, extra=[toewijzing])


def extend(toewijzing: Toewijzing, *, end: dt.date, today: dt.date | None = None):
    """Verlenging (OP380): stretches the end date of the same toewijzing, RedenWijziging 04."""
    if toewijzing.end is not None and end <= toewijzing.end:
        raise ValueError("Een verlenging moet de einddatum later leggen.")
    return change(toewijzing, end=end, reden="04", today=today)


@transaction.atomic
def withdraw(toewijzing: Toewijzing, *, end: dt.date, reden: str = "05", today: dt.date | None = None):
    """Intrekken: the end date moves forward to `end` (the begin date when care never started)."""
    today = today or dt.date.today()
    toewijzing.end = end
    _modify(toewijzing, reden=reden, status=Toewijzing.Status.INGETROKKEN, today=today)
    close_tasks("start", today, toewijzing=toewijzing)
    return send_jw301(toewijzing, today=today, extra=[toewijzing])


@transaction.atomic
def complete_client(client, *, today: dt.date | None = None, **fields) -> list:
    """The access team completes a client (address from the BRP) and decides the requests in onderzoek.

    Returns the messages the decisions produced (a JW301 or JW319 per request), not yet
    delivered: the caller hands them to :func:`jeugdketen.berichten.services.exchange`.
    """
    from jeugdketen.berichten.handlers import decide

    from .models import AllocationRequest

    today = today or dt.date.today()
    for name, value in fields.items():
        setattr(client, name, value)
    client.full_clean()
    client.save()
    close_tasks("client-aanvullen", today, client=client)
    produced = []
    waiting = AllocationRequest.objects.filter(
        client=client, kind="JW315", status=AllocationRequest.Status.IN_ONDERZOEK
    ).select_related("municipality", "provider", "client")
    for request in waiting.order_by("pk"):
        produced.extend(decide(request, today=today))
    return produced


def record_evaluation(plan: SupportPlan, *, realisations: dict, satisfaction: int | None) -> SupportPlan:
    """The end evaluation: the realisation of each goal and the client's satisfaction (1-10)."""
    for goal in plan.goals.all():
        if goal.pk in realisations:
            goal.realisation = realisations[goal.pk]
            goal.save(update_fields=["realisation"])
    plan.satisfaction = satisfaction
    plan.save(update_fields=["satisfaction"])
    return plan


__all__ = [
    "AllocationRefused",
    "allocate",
    "change",
    "complete_client",
    "extend",
    "next_number",
    "record_plan",
    "register_referral",
    "send_jw301",
    "withdraw",
]
