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


def record_plan(*, referral: Referral, part: int, day: dt.date, provider=None) -> SupportPlan:
    """Plan part 1 sent to the provider, or part 2 received from it; moves the deadlines on."""
    provider = provider or referral.provider
    plan = SupportPlan.objects.create(
        client=referral.client,
        referral=referral,
        provider=provider,
        part=part,
        sent_on=day if part == 1 else None,
        received_on=day if part == 2 else None,
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


@transaction.atomic
def change(
    toewijzing: Toewijzing,
    *,
    end: dt.date | None = None,
    volume: int | None = None,
    reden: str = "05",
    today: dt.date | None = None,
):
    """Changes period or volume (OP033x1): the same ToewijzingNummer with RedenWijziging."""
    today = today or dt.date.today()
    if end is not None:
        toewijzing.end = end
    if volume is not None:
        toewijzing.volume = volume
    toewijzing.reden_wijziging = reden
    toewijzing.status = Toewijzing.Status.GEWIJZIGD
    toewijzing.toewijzing_date = today
    toewijzing.save()
    return send_jw301(toewijzing, today=today, extra=[toewijzing])


def extend(toewijzing: Toewijzing, *, end: dt.date, today: dt.date | None = None):
    """Verlenging (OP380): stretches the end date of the same toewijzing, RedenWijziging 04."""
    if toewijzing.end is not None and end <= toewijzing.end:
        raise ValueError("Een verlenging moet de einddatum later leggen.")
    return change(toewijzing, end=end, reden="04", today=today)


@transaction.atomic
def withdraw(toewijzing: Toewijzing, *, end: dt.date, reden: str = "05", today: dt.date | None = None):
    """Intrekken: the end date moves to `end` (before the begin date when care never started)."""
    today = today or dt.date.today()
    toewijzing.end = end
    toewijzing.reden_wijziging = reden
    toewijzing.status = Toewijzing.Status.INGETROKKEN
    toewijzing.toewijzing_date = today
    toewijzing.save()
    close_tasks("start", today, toewijzing=toewijzing)
    return send_jw301(toewijzing, today=today, extra=[toewijzing])


__all__ = [
    "AllocationRefused",
    "allocate",
    "change",
    "extend",
    "next_number",
    "record_plan",
    "register_referral",
    "send_jw301",
    "withdraw",
]
