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

from .checks import AllocationRefused
from .forms import AllocationForm, ClientSearchForm
from .models import AllocationRequest, Client, Referral, SupportPlan, Toewijzing
from .services import allocate


@requires("client.view")
def client_list(request):
    form = ClientSearchForm(request.GET or None)
    clients = scope(request.user, Client.objects.all()).order_by("pk")
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
        "requests": scope(user, AllocationRequest.objects.filter(client=client)).select_related("provider"),
        "tasks": scope(user, Task.objects.filter(client=client))
        .select_related("provider")
        .order_by("done_on", "due"),
        "messages_": scope(user, Message.objects.filter(client=client)).order_by("-created", "-pk")[:100],
        "today": dt.date.today(),
        "can_allocate": has_perm(user, "toewijzing.change"),
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
                comment=data["comment"],
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
    return render(
        request,
        "toegang/allocate.html",
        {"referral": referral, "form": form, "refusal": refusal},
        status=status,
    )


def open_referrals(user):
    """Referrals of the access team that have no toewijzing yet."""
    return (
        scope(user, Referral.objects.all())
        .filter(~Q(pk__in=Toewijzing.objects.exclude(referral=None).values("referral_id")))
        .select_related("client", "product", "provider")
        .order_by("date", "pk")
    )
