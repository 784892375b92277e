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

from jeugdketen.levering.deadlines import close_tasks, consultation_due, open_task

from .checks import AllocationRefused, Finding, Proposal, check_allocation, refusals, signals
from .models import Referral, Route, Signaal, SupportPlan, Toewijzing

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
    """A referral and the first deadline of its route (Midden-Limburg Oost Bijlage 1), where the
    municipality's contract has one."""
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
    # Via the CJG (route toegang) the first deadline counts from the vaststelling of plan deel 1
    # (MLO Bijlage 1 art. 1.5), so it opens with :func:`record_plan`, not with the referral.
    if is_dyslexia(product):
        open_task("jw301-dyslexie", date, **links)
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
    established_on: dt.date | None = None,
    signed_by_client_on: dt.date | None = None,
    signed_by_provider_on: dt.date | None = None,
    signed_by_gi_on: dt.date | None = None,
    personalised: bool | None = None,
    consent_on: dt.date | None = None,
    sent: bool = True,
) -> SupportPlan:
    """Plan part 1 settled and sent to the provider, or part 2 received from it; moves the deadlines on.

    The CJG's 3 working days for deel 1 count from its vaststelling (`established_on`, MLO
    Bijlage 1 art. 1.5), not from the referral; the provider's 15 from its receipt of deel 1
    (art. 1.8). With `sent=False` deel 1 is settled but not yet sent: its deadline runs.
    `goals`: (description, expected result, evaluation date) per goal. Raises
    :class:`~jeugdketen.toegang.plans.PlanRefused` when a signature or consent is missing.
    """
    from .models import Goal
    from .plans import PlanRecord, check_plan, region_of

    provider = provider or referral.provider
    sent_on = (sent_on or (day if part == 1 else None)) if sent else None
    established_on = established_on or (day if part == 1 else None)
    check_plan(
        PlanRecord(
            part=part,
            route=referral.route,
            region=region_of(referral),
            sent_on=sent_on,
            signed_by_client_on=signed_by_client_on,
            signed_by_provider_on=signed_by_provider_on,
            personalised=personalised,
            consent_on=consent_on,
        )
    )
    plan = SupportPlan.objects.create(
        client=referral.client,
        referral=referral,
        provider=provider,
        part=part,
        sent_on=sent_on,
        received_on=received_on or (day if part in (2, 3) else None),
        subcontractors=subcontractors,
        established_on=established_on,
        signed_by_client_on=signed_by_client_on,
        signed_by_provider_on=signed_by_provider_on,
        signed_by_gi_on=signed_by_gi_on,
        personalised=personalised,
        consent_on=consent_on,
    )
    Goal.objects.bulk_create(
        Goal(plan=plan, description=d, expected_result=r or "", evaluation_date=e) for d, r, e in goals
    )
    links = {"client": referral.client, "municipality": referral.municipality, "provider": provider}
    if part == 1:
        open_task("plan1", established_on, referral=referral, **links)
        if sent_on is not None:
            close_tasks("plan1", sent_on, referral=referral)
            open_task("plan2", sent_on, referral=referral, **links)
    elif part == 2:
        close_tasks("plan2", day, referral=referral)
        if referral.route == Route.TOEGANG:
            open_task("jw301", day, referral=referral, **links)
        elif referral.route in (Route.HUISARTS, Route.JEUGDARTS, Route.SPECIALIST):
            close_tasks("plan-toegang", day, client=referral.client)
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
    expert_advice: str = "",
    comment: str = "",
    reasons: dict[str, str] | None = None,
    recorded_by=None,
    automatic: bool = False,
    today: dt.date | None = None,
    send: bool = True,
) -> Toewijzing:
    """Checks, creates and (with `send`) sends one toewijzing.

    Raises AllocationRefused naming the rules when a rule refuses, or when a rule signals and
    `reasons` (rule id -> the worker's reason) does not say why to go on; the reasons are kept
    as :class:`Signaal` rows with the toewijzing.
    """
    today = today or dt.date.today()
    if referral is not None and not referrer_code:
        referrer_code = referral.referrer_code
    proposal = Proposal(
        municipality=municipality,
        client=client,
        provider=provider,
        product=product,
        begin=begin,
        end=end,
        referrer_code=referrer_code,
        referrer_agb=referral.referrer_agb if referral is not None else "",
        referral_date=referral.date if referral is not None else None,
        bridging=bridging,
        guardianship=guardianship,
        requested_by_provider=bool(request_reference),
        expert_advice=expert_advice,
        volume=volume,
        frequency=frequency if frequency is not None else (product.frequency_code if product else ""),
        unit=unit or "",
    )
    signalled = require_reasons(check_allocation(proposal), reasons)
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
        expert_advice=expert_advice[:64],
        comment=comment[:200],
    )
    record_signals(
        toewijzing, signalled, reasons, region=proposal.region, by=recorded_by, on=today, automatic=automatic
    )
    close_tasks(JW301_TASKS, today, client=client)
    open_task(
        "start", today, client=client, municipality=municipality, provider=provider, toewijzing=toewijzing
    )
    consultation = consultation_due(product, today)
    if consultation is not None:
        open_task(
            "consultatie", today, due=consultation, client=client, municipality=municipality,
            provider=provider, toewijzing=toewijzing,
        )  # fmt: skip
    if send:
        send_jw301(toewijzing, today=today, extra=[toewijzing])
    return toewijzing


def require_reasons(findings: list[Finding], reasons: dict[str, str] | None) -> list[Finding]:
    """The signals to record; raises AllocationRefused for a refusal or a signal without a reason."""
    refused, signalled = refusals(findings), signals(findings)
    if refused:
        raise AllocationRefused(refused + signalled)
    reasons = reasons or {}
    if any(not reasons.get(finding.rule, "").strip() for finding in signalled):
        raise AllocationRefused(signalled)
    return signalled


def record_signals(toewijzing, signalled, reasons, *, region, by, on, automatic=False) -> None:
    Signaal.objects.bulk_create(
        signal_rows(toewijzing, signalled, reasons, region=region, by=by, on=on, automatic=automatic)
    )


def signal_rows(toewijzing, signalled, reasons, *, region, by, on, automatic=False) -> list[Signaal]:
    """The Signaal rows (unsaved) for these signals and the reasons given per rule."""
    return [
        Signaal(
            municipality=toewijzing.municipality,
            toewijzing=toewijzing,
            rule=finding.rule,
            region=region or "",
            text=finding.text[:255],
            reason=reasons[finding.rule].strip(),
            automatic=automatic,
            recorded_by=by if getattr(by, "pk", None) else None,
            recorded_on=on,
        )
        for finding in signalled
    ]


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
    reasons: dict[str, str] | None = None,
    recorded_by=None,
    guardianship: bool = False,
    today: dt.date | None = None,
):
    """A change of the toewijzing (OP033x1), always by a new JW301 with RedenWijziging.

    The end date changes on the same ToewijzingNummer (intrekken or oprekken, OP257). A new
    volume does too when the frequency is "totaal binnen geldigheidsduur" (6); otherwise
    (OP257) this toewijzing ends the day before `begin` and a new toewijzing with the new
    volume follows from `begin`, both in one JW301. Returns the JW301 message.
    """
    today = today or dt.date.today()
    if end is not None and (toewijzing.end is None or end > toewijzing.end):
        _check_longer(toewijzing, end, reasons, by=recorded_by, guardianship=guardianship, today=today)
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


def extend(
    toewijzing: Toewijzing,
    *,
    end: dt.date,
    reasons: dict[str, str] | None = None,
    recorded_by=None,
    guardianship: bool = False,
    today: dt.date | None = None,
):
    """Verlenging (OP380): stretches the end date of the same toewijzing, RedenWijziging 04.

    The duration rules of the product's region hold for the longer period as they did for the
    first: a verlenging past the contract's maximum is refused, past the book's guideline it
    needs a reason.
    """
    if toewijzing.end is not None and end <= toewijzing.end:
        raise ValueError("Een verlenging moet de einddatum later leggen.")
    return change(
        toewijzing,
        end=end,
        reden="04",
        reasons=reasons,
        recorded_by=recorded_by,
        guardianship=guardianship,
        today=today,
    )


def _check_longer(toewijzing, end, reasons, *, by, guardianship: bool, today) -> None:
    """The duration rules against a later end date; raises AllocationRefused like :func:`allocate`."""
    from .checks import check_bridging
    from .durations import (
        check_crisis_duration,
        check_duration,
        check_dyslexia_duration,
        check_product_duration,
    )

    proposal = Proposal(
        municipality=toewijzing.municipality,
        client=toewijzing.client,
        provider=toewijzing.provider,
        product=toewijzing.product,
        begin=toewijzing.begin,
        end=end,
        bridging=toewijzing.bridging,
        guardianship=guardianship,
        replaces=toewijzing,
    )
    checks = (
        check_duration,
        check_dyslexia_duration,
        check_product_duration,
        check_crisis_duration,
        check_bridging,
    )
    signalled = require_reasons([f for check in checks for f in check(proposal)], reasons)
    known = set(toewijzing.signalen.values_list("rule", flat=True))
    record_signals(
        toewijzing,
        [f for f in signalled if f.rule not in known],
        reasons,
        region=proposal.region,
        by=by,
        on=today,
    )
    for finding in signalled:
        if finding.rule in known:
            toewijzing.signalen.filter(rule=finding.rule).update(
                text=finding.text[:255], reason=reasons[finding.rule].strip(), recorded_on=today
            )


@transaction.atomic
def withdraw(toewijzing: Toewijzing, *, end: dt.date, reden: str = "05", today: dt.date | None = None):
    """Intrekken: the end date moves forward to `end` (the begin date when care never started)."""
    today = today or dt.date.today()
    toewijzing.end = end
    _modify(toewijzing, reden=reden, status=Toewijzing.Status.INGETROKKEN, today=today)
    close_tasks(["start", "consultatie"], today, toewijzing=toewijzing)
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
