"""Dutch screens of the access team: clients (masked list, the client file) and allocation.

The client file is the only page that shows personal data; every look at it is written
to the audit log once (:func:`jeugdketen.audit.log.client_viewed`). Lists show a client
masked (``templatetags/toegang.py``). Rows are always fetched through
:mod:`jeugdketen.accounts.access`, so another organisation's client is simply not found.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import get_scoped_or_404, has_perm, requires, scope
from jeugdketen.audit.log import Action, changed, client_viewed
from jeugdketen.berichten.models import Message
from jeugdketen.berichten.services import exchange
from jeugdketen.levering.models import Start, Stop, Task

from . import crisis
from .checks import AllocationRefused
from .forms import (
    AllocationForm,
    ChangeForm,
    ClientCompletionForm,
    ClientSearchForm,
    EvaluationForm,
    ExtendForm,
    GoalFormSet,
    PlanForm,
    WithdrawForm,
)
from .models import AllocationRequest, Client, Goal, Referral, SupportPlan, Toewijzing
from .plans import PlanRefused
from .services import allocate, change, complete_client, extend, record_plan, withdraw


@requires("client.view")
def client_list(request):
    form = ClientSearchForm(request.GET or None)
    # The municipality's name is on every row: one join, not a query per row.
    clients = scope(request.user, Client.objects.select_related("municipality")).order_by("pk")
    query = ""
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"].strip()
        if query.isdigit() and len(query) == 9:
            clients = clients.filter(bsn=query)
        elif query.isdigit():
            clients = clients.filter(pk=int(query))
        else:
            clients = clients.filter(last_name__istartswith=query)
    page = Paginator(clients, 50).get_page(request.GET.get("pagina"))
    return render(request, "toegang/client_list.html", {"form": form, "page": page, "query": query})


@requires("client.view", model="toegang.Client", personal_data=True)
def client_file(request, pk: int):
    user = request.user
    client = get_scoped_or_404(user, Client.objects.select_related("municipality"), pk=pk)
    toewijzingen = (
        scope(user, Toewijzing.objects.filter(client=client))
        .select_related("provider", "product", "municipality")
        .prefetch_related(
            Prefetch("starts", queryset=Start.objects.order_by("date")),
            Prefetch("stops", queryset=Stop.objects.order_by("date")),
        )
        .order_by("-begin", "-number")
    )
    requests = list(
        scope(user, AllocationRequest.objects.filter(client=client)).select_related(
            "provider", "municipality"
        )
    )
    context = {
        "client": client,
        "referrals": scope(user, Referral.objects.filter(client=client)).select_related(
            "product", "provider"
        ),
        "plans": scope(user, SupportPlan.objects.filter(client=client))
        .select_related("provider")
        .prefetch_related("goals")
        .order_by("part", "pk"),
        "toewijzingen": toewijzingen,
        "requests": requests,
        "late_crisis_reports": {r.pk for r in requests if crisis.report_late(r)},
        "tasks": scope(user, Task.objects.filter(client=client))
        .select_related("provider")
        .order_by("done_on", "due"),
        "messages_": scope(user, Message.objects.filter(client=client)).order_by("-created", "-pk")[:100],
        "today": dt.date.today(),
        "can_allocate": has_perm(user, "toewijzing.change"),
        "can_plan": has_perm(user, "referral.change"),
        "can_complete": has_perm(user, "client.change"),
        "can_deliver": has_perm(user, "delivery.change"),
        "can_see_messages": has_perm(user, "message.view"),
    }
    client_viewed(request, client)
    return render(request, "toegang/client_file.html", context)


@requires("toewijzing.change", model="toegang.Referral", methods=("GET", "POST"))
def allocate_view(request, pk: int):
    """Referral → toewijzing: the checks, then the JW301, which the provider receives at once."""
    referral = get_scoped_or_404(
        request.user, Referral.objects.select_related("client", "municipality", "product", "provider"), pk=pk
    )
    initial = {"provider": referral.provider, "product": referral.product, "begin": dt.date.today()}
    if referral.product is not None:
        initial.update(unit=referral.product.unit_code, frequency=referral.product.frequency_code)
    form = AllocationForm(request.POST or None, initial=initial, municipality=referral.municipality)
    refusal = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            toewijzing = allocate(
                municipality=referral.municipality,
                client=referral.client,
                provider=data["provider"],
                product=data["product"],
                begin=data["begin"],
                end=data["end"],
                volume=data["volume"],
                unit=data["unit"] if data["volume"] else "",
                frequency=data["frequency"] if data["volume"] else "",
                referral=referral,
                bridging=data["bridging"],
                expert_advice=data["expert_advice"],
                comment=data["comment"],
                reasons=posted_reasons(request.POST),
                recorded_by=request.user,
            )
        except AllocationRefused as refused:
            refusal = refused.findings
        else:
            changed(request, toewijzing, action=Action.CREATE, client=referral.client, detail="JW301")
            toewijzing.refresh_from_db(fields=["message"])  # send_jw301 links it with an update()
            answers = exchange(toewijzing.message) if toewijzing.message else []
            retour = answers[0].produced[0] if answers and answers[0].produced else None
            text = (
                f"Toewijzing {toewijzing.number} is toegewezen en als JW301 "
                f"naar {toewijzing.provider} verstuurd."
            )
            if retour is not None:
                verdict = "geaccepteerd" if answers[0].accepted else "met fouten ontvangen"
                text += f" De aanbieder antwoordde met een {retour.code}: {verdict}."
            flash.success(request, text)
            return redirect("toegang:client", pk=referral.client_id)
    status = 422 if refusal else 200
    reasons = posted_reasons(request.POST) if request.method == "POST" else {}
    return render(
        request,
        "toegang/allocate.html",
        {
            "referral": referral,
            "form": form,
            "refused": [f for f in refusal or [] if not f.is_signal],
            "signalled": [(f, reasons.get(f.rule, "")) for f in refusal or [] if f.is_signal],
        },
        status=status,
    )


def posted_reasons(data) -> dict[str, str]:
    """The worker's reasons per signalling rule, posted as ``reden-<RULE>`` fields."""
    return {
        key.removeprefix("reden-"): value.strip()
        for key, value in data.items()
        if key.startswith("reden-") and value.strip()
    }


def open_referrals(user):
    """Referrals of the access team that have no toewijzing yet."""
    return (
        scope(user, Referral.objects.all())
        .filter(~Q(pk__in=Toewijzing.objects.exclude(referral=None).values("referral_id")))
        .select_related("client", "product", "provider")
        .order_by("date", "pk")
    )


def _delivered(request, message, what: str) -> None:
    """Hands a JW301/JW319 to the provider at once and tells the access worker the answer."""
    answers = exchange(message) if message is not None else []
    received = answers[0] if answers else None
    text = f"{what} is als {message.code} naar de aanbieder verstuurd."
    if received is not None and received.produced:
        verdict = "geaccepteerd" if received.accepted else "met fouten ontvangen"
        text += f" De aanbieder antwoordde met een {received.produced[0].code}: {verdict}."
    flash.success(request, text)


def toewijzing_or_404(request, pk: int) -> Toewijzing:
    """The toewijzing `pk` of the user's own organisation (404 otherwise), with what its screens show."""
    return get_scoped_or_404(
        request.user,
        Toewijzing.objects.select_related("client", "provider", "municipality", "product"),
        pk=pk,
    )


@requires("referral.change", model="toegang.Referral", methods=("GET", "POST"))
def plan_view(request, pk: int):
    """Ondersteuningsplan deel 1 or 2: goals, expected results, evaluation moments, subcontractors."""
    referral = get_scoped_or_404(
        request.user, Referral.objects.select_related("client", "municipality", "provider"), pk=pk
    )
    has_part1 = referral.plans.filter(part=1).exists()
    form = PlanForm(request.POST or None, initial={"part": 2 if has_part1 else 1, "sent_on": dt.date.today()})
    goals = GoalFormSet(request.POST or None, prefix="doel")
    if request.method == "POST" and form.is_valid() and goals.is_valid():
        data = form.cleaned_data
        part = data["part"]
        try:
            plan = record_plan(
                referral=referral,
                part=part,
                day=data["sent_on"] if part == 1 else data["received_on"],
                sent_on=data["sent_on"],
                received_on=data["received_on"],
                subcontractors=data["subcontractors"],
                established_on=data["established_on"],
                signed_by_client_on=data["signed_by_client_on"],
                signed_by_provider_on=data["signed_by_provider_on"],
                signed_by_gi_on=data["signed_by_gi_on"],
                personalised=data["personalised"],
                consent_on=data["consent_on"],
                goals=[
                    (g["description"], g["expected_result"], g["evaluation_date"])
                    for g in goals.cleaned_data
                    if g.get("description")
                ],
            )
        except PlanRefused as refused:
            form.add_error(None, f"Regel {refused.rule}: {refused.text}")
        else:
            changed(request, plan, action=Action.CREATE, client=referral.client, detail=f"plan deel {part}")
            flash.success(request, f"Ondersteuningsplan deel {part} is vastgelegd.")
            return redirect("toegang:client", pk=referral.client_id)
    return render(request, "toegang/plan.html", {"referral": referral, "form": form, "goals": goals})


@requires("referral.change", model="toegang.Referral", methods=("GET", "POST"))
def evaluation_view(request, pk: int):
    """Eindevaluatie: per goal of the referral's plans how far it was reached, and satisfaction."""
    referral = get_scoped_or_404(
        request.user, Referral.objects.select_related("client", "municipality", "provider"), pk=pk
    )
    goals = Goal.objects.filter(plan__referral=referral).exclude(plan__part=3).order_by("plan__part", "pk")
    form = EvaluationForm(request.POST or None, goals=goals, initial={"evaluated_on": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plan = record_plan(referral=referral, part=3, day=data["evaluated_on"])
        realisations = form.realisations()
        for goal in form.goals:
            goal.realisation = realisations[goal.pk]
        Goal.objects.bulk_update(form.goals, ["realisation"])
        plan.satisfaction = data["satisfaction"]
        plan.save(update_fields=["satisfaction"])
        changed(request, plan, action=Action.CREATE, client=referral.client, detail="eindevaluatie")
        flash.success(request, "De eindevaluatie is vastgelegd.")
        return redirect("toegang:client", pk=referral.client_id)
    return render(request, "toegang/evaluation.html", {"referral": referral, "form": form})


@requires("toewijzing.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def change_view(request, pk: int):
    """Wijzigen (OP033x1/OP257): a new end date or volume, sent as a new JW301 with RedenWijziging."""
    toewijzing = toewijzing_or_404(request, pk)
    form = ChangeForm(
        request.POST or None,
        toewijzing=toewijzing,
        initial={"end": toewijzing.end, "volume": toewijzing.volume, "begin": dt.date.today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        volume = data["volume"] if data["volume"] != toewijzing.volume else None
        try:
            message = change(
                toewijzing,
                end=data["end"],
                volume=volume,
                begin=data["begin"],
                reden=data["reden"],
                reasons=posted_reasons(request.POST),
                recorded_by=request.user,
            )
        except AllocationRefused as refused:
            return _refused_change(request, toewijzing, form, "wijzigen", refused)
        changed(request, toewijzing, client=toewijzing.client, detail=f"JW301 wijziging {data['reden']}")
        _delivered(request, message, f"De wijziging van toewijzing {toewijzing.number}")
        return redirect("toegang:client", pk=toewijzing.client_id)
    return render(
        request, "toegang/toewijzing_form.html", {"t": toewijzing, "form": form, "what": "wijzigen"}
    )


def _refused_change(request, toewijzing, form, what: str, refused: AllocationRefused):
    """The change form again, with the rules that refused it or the signals that need a reason."""
    reasons = posted_reasons(request.POST)
    context = {
        "t": toewijzing,
        "form": form,
        "what": what,
        "refused": [f for f in refused.findings if not f.is_signal],
        "signalled": [(f, reasons.get(f.rule, "")) for f in refused.findings if f.is_signal],
    }
    return render(request, "toegang/toewijzing_form.html", context, status=422)


@requires("toewijzing.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def extend_view(request, pk: int):
    """Verlengen (OP380): the end date of the same toewijzing stretches, RedenWijziging 04."""
    toewijzing = toewijzing_or_404(request, pk)
    form = ExtendForm(request.POST or None, toewijzing=toewijzing)
    if request.method == "POST" and form.is_valid():
        try:
            message = extend(
                toewijzing,
                end=form.cleaned_data["end"],
                reasons=posted_reasons(request.POST),
                recorded_by=request.user,
            )
        except AllocationRefused as refused:
            return _refused_change(request, toewijzing, form, "verlengen", refused)
        changed(request, toewijzing, client=toewijzing.client, detail="JW301 verlenging 04")
        _delivered(request, message, f"De verlenging van toewijzing {toewijzing.number}")
        return redirect("toegang:client", pk=toewijzing.client_id)
    return render(
        request, "toegang/toewijzing_form.html", {"t": toewijzing, "form": form, "what": "verlengen"}
    )


@requires("toewijzing.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def withdraw_view(request, pk: int):
    """Intrekken: the toewijzing ends earlier (or never starts), with a JZ002 reason."""
    toewijzing = toewijzing_or_404(request, pk)
    form = WithdrawForm(request.POST or None, toewijzing=toewijzing, initial={"end": dt.date.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        message = withdraw(toewijzing, end=data["end"], reden=data["reden"])
        changed(request, toewijzing, client=toewijzing.client, detail=f"JW301 intrekking {data['reden']}")
        _delivered(request, message, f"De intrekking van toewijzing {toewijzing.number}")
        return redirect("toegang:client", pk=toewijzing.client_id)
    return render(
        request, "toegang/toewijzing_form.html", {"t": toewijzing, "form": form, "what": "intrekken"}
    )


@requires("client.change", model="toegang.Client", personal_data=True, methods=("GET", "POST"))
def complete_view(request, pk: int):
    """Cliënt aanvullen: the address of a client known only from a JW315; the requests in onderzoek
    are then decided (JW301 or JW319) and delivered at once."""
    client = get_scoped_or_404(request.user, Client.objects.select_related("municipality"), pk=pk)
    form = ClientCompletionForm(
        request.POST or None,
        initial={f: getattr(client, f) for f in ("street", "house_number", "postcode", "city", "initials")},
    )
    if request.method == "POST" and form.is_valid():
        produced = complete_client(client, **{k: v for k, v in form.cleaned_data.items() if v})
        changed(request, client, detail="adres aangevuld")
        flash.success(request, "De cliëntgegevens zijn aangevuld.")
        for message in produced:
            _delivered(request, message, "Het antwoord op het verzoek in onderzoek")
        return redirect("toegang:client", pk=client.pk)
    client_viewed(request, client)
    return render(request, "toegang/complete.html", {"client": client, "form": form})
