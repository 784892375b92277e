"""Dutch screens: "vandaag te doen" for the access team and the provider's back office, and the
provider's forms for a start (JW305), a stop (JW307) and a request for a toewijzing (JW315).

Each form sends its message through :mod:`jeugdketen.levering.services`, so the municipality
receives and judges it at once; the page then shows the municipality's verdict.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages as flash
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import (
    MUNICIPALITY_ROLES,
    has_perm,
    provider_id,
    requires,
    scope,
)
from jeugdketen.audit.log import Action, changed
from jeugdketen.berichten.services import new_identification
from jeugdketen.catalogus.models import Provider
from jeugdketen.core.werkdagen import add_working_days
from jeugdketen.toegang.models import AllocationRequest, Client
from jeugdketen.toegang.views import toewijzing_or_404

from . import services
from .deadlines import DEADLINES, overdue, waiting_list
from .forms import ChangeRequestForm, RequestForm, StartForm, StopForm
from .models import Task

SECTION_LIMIT = 100


def party_of(user) -> str:
    return Task.Party.GEMEENTE if getattr(user, "role", None) in MUNICIPALITY_ROLES else Task.Party.AANBIEDER


@requires("worklist.view")
def today_view(request):
    """Vandaag te doen: overdue, due today and soon, the waiting list and open requests."""
    user = request.user
    today = dt.date.today()
    party = party_of(user)
    soon = add_working_days(today, 5)
    tasks = scope(user, Task.objects.filter(party=party, done_on=None)).select_related(
        "client", "toewijzing", "provider", "municipality"
    )
    sections = []
    for title, queryset in (
        ("Te laat", overdue(tasks, today)),
        ("Vandaag", tasks.filter(due=today)),
        ("Binnenkort (5 werkdagen)", tasks.filter(due__gt=today, due__lte=soon)),
    ):
        sections.append(
            {
                "title": title,
                "count": queryset.count(),
                "tasks": list(queryset.order_by("due", "pk")[:SECTION_LIMIT]),
            }
        )
    waiting = scope(user, waiting_list(today)).select_related("client", "provider", "product")
    requests = scope(user, AllocationRequest.objects.filter(status=AllocationRequest.Status.ONTVANGEN))
    context = {
        "party": Task.Party(party).label,
        "sections": sections,
        "waiting_count": waiting.count(),
        "waiting": waiting.order_by("toewijzing_date", "pk")[:SECTION_LIMIT],
        "requests": requests.select_related("client", "provider")[:SECTION_LIMIT],
        "deadlines": [d for d in DEADLINES.values() if d.party == party],
        "today": today,
        "limit": SECTION_LIMIT,
        "can_open_file": has_perm(user, "client.view"),
        "can_complete": has_perm(user, "client.change"),
        "can_deliver": has_perm(user, "delivery.change"),
    }
    return render(request, "levering/today.html", context)


def _verdict(request, sent, what: str) -> None:
    received = sent.received
    if received is None:
        flash.success(request, f"{what} staat klaar in de uitbox ({sent.message.code}).")
        return
    retour = received.produced[0].code if received.produced else "retour"
    if received.accepted:
        flash.success(
            request, f"{what} is verstuurd ({sent.message.code}); de gemeente accepteerde het ({retour})."
        )
    else:
        reasons = "; ".join(f"{e['code']} ({e['return_code']}): {e['text']}" for e in received.errors)
        flash.error(
            request, f"{what} is verstuurd ({sent.message.code}) maar afgekeurd ({retour}): {reasons}"
        )


@requires("delivery.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def start_view(request, pk: int):
    toewijzing = toewijzing_or_404(request, pk)
    form = StartForm(
        request.POST or None, toewijzing=toewijzing, initial={"begin": max(dt.date.today(), toewijzing.begin)}
    )
    if request.method == "POST" and form.is_valid():
        sent = services.report_start(toewijzing, form.cleaned_data["begin"])
        changed(request, toewijzing, action=Action.CREATE, client=toewijzing.client, detail="JW305 start")
        _verdict(request, sent, f"De start van toewijzing {toewijzing.number}")
        return redirect("levering:today")
    return render(
        request, "levering/start.html", {"t": toewijzing, "form": form, "starts": toewijzing.starts.all()}
    )


@requires("delivery.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def stop_view(request, pk: int):
    toewijzing = toewijzing_or_404(request, pk)
    start = toewijzing.starts.order_by("-date").first()
    form = StopForm(request.POST or None, start=start)
    if request.method == "POST" and start is None:
        form.add_error(None, "Deze toewijzing is nog niet gestart: meld eerst de start (JW305).")
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sent = services.report_stop(toewijzing, data["end"], data["reason"], begin=start.date)
        changed(request, toewijzing, action=Action.UPDATE, client=toewijzing.client, detail="JW307 stop")
        _verdict(request, sent, f"De stop van toewijzing {toewijzing.number}")
        return redirect("levering:today")
    return render(request, "levering/stop.html", {"t": toewijzing, "form": form, "start": start})


@requires("delivery.change", methods=("GET", "POST"))
def request_view(request):
    """A JW315 for a client referred by a GP, youth doctor, specialist or GI, or for dyslexia care."""
    provider = Provider.objects.filter(pk=provider_id(request.user)).first()
    form = RequestForm(request.POST or None, initial={"begin": dt.date.today(), "referrer_code": "02"})
    if provider is None:
        form.add_error(None, "Uw account hoort bij geen aanbieder.")
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        client = Client(
            bsn=data["bsn"],
            birth_date=data["birth_date"],
            initials=data["initials"],
            prefix=data["prefix"],
            last_name=data["last_name"],
            gender=data["gender"],
        )
        product = data["product"]
        reference = new_identification()[:12]
        item = services.Requested(
            reference=reference,
            category=product.category,
            code=product.code,
            begin=data["begin"],
            end=data["end"],
            volume=data["volume"],
            unit=data["unit"] if data["volume"] else "",
            frequency=data["frequency"] if data["volume"] else "",
            referrer_code=data["referrer_code"],
            referrer_agb=data["referrer_agb"],
            referrer_name=data["referrer_name"],
        )
        sent = services.request_allocation(
            provider=provider, municipality=data["municipality"], client=client, items=[item]
        )
        answer = next((m for m in sent.produced if m.code in ("JW301", "JW319")), None)
        outcome = "in behandeling"
        if answer is not None and answer.code == "JW301":
            outcome = "toegewezen (JW301)"
        elif answer is not None:
            # VerzoekAntwoord 2: in onderzoek (e.g. a client the municipality does not know yet).
            in_onderzoek = "<jw319:VerzoekAntwoord>2<" in answer.xml
            outcome = "in onderzoek (JW319)" if in_onderzoek else "afgewezen (JW319)"
        _verdict(request, sent, f"Verzoek {reference}")
        flash.info(request, f"Antwoord van de gemeente op verzoek {reference}: {outcome}.")
        return redirect("levering:today")
    return render(request, "levering/request.html", {"form": form, "provider": provider})


@requires("delivery.change", model="toegang.Toewijzing", methods=("GET", "POST"))
def change_request_view(request, pk: int):
    """Verzoek om wijziging (JW317): the municipality answers with a JW318, then a JW301 or JW319."""
    toewijzing = toewijzing_or_404(request, pk)
    form = ChangeRequestForm(
        request.POST or None,
        toewijzing=toewijzing,
        initial={"end": toewijzing.end, "volume": toewijzing.volume, "reason": "1"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        reference = new_identification()[:12]
        sent = services.request_change(
            toewijzing, reference=reference, reason=data["reason"], end=data["end"], volume=data["volume"]
        )
        changed(request, toewijzing, client=toewijzing.client, detail=f"JW317 verzoek {reference}")
        _verdict(request, sent, f"Verzoek om wijziging {reference}")
        answer = next((m for m in sent.produced if m.code in ("JW301", "JW319")), None)
        if answer is None:
            flash.info(request, f"De gemeente heeft verzoek {reference} nog niet beantwoord.")
        elif answer.code == "JW301":
            flash.info(request, f"Antwoord van de gemeente op verzoek {reference}: gewijzigd (JW301).")
        else:
            asked = AllocationRequest.objects.filter(
                provider=toewijzing.provider, reference=reference
            ).first()
            why = f" (regel {asked.refusal_rule})" if asked and asked.refusal_rule else ""
            flash.info(request, f"Antwoord van de gemeente op verzoek {reference}: afgewezen (JW319){why}.")
        return redirect("levering:today")
    return render(request, "levering/change_request.html", {"t": toewijzing, "form": form})
