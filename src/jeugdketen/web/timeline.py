"""One timeline per client: referral, plans, requests, toewijzingen, every message with its
retour, starts, stops, bill lines and payments, in date order, each linked to its detail.

Every row is taken through :func:`jeugdketen.accounts.access.scope`, so a provider sees only
what concerns its own care and a municipality only its own; the page is personal data and is
audited like the client file (``personal_data=True``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse

from jeugdketen.accounts.access import get_scoped_or_404, requires, scope
from jeugdketen.audit.log import client_viewed
from jeugdketen.berichten.models import Message
from jeugdketen.declaraties.models import Prestatie
from jeugdketen.levering.models import Start, Stop
from jeugdketen.toegang.models import AllocationRequest, Client, Referral, SupportPlan, Toewijzing

SHOWN = 1000


@dataclass
class Event:
    day: dt.date
    kind: str
    text: str
    url: str = ""
    retour: str = ""
    retour_url: str = ""
    order: int = 0


def events(user, client: Client) -> list[Event]:
    file = reverse("toegang:client", args=[client.pk])
    found: list[Event] = []
    for r in scope(user, Referral.objects.filter(client=client)).select_related("provider"):
        found.append(
            Event(
                r.date,
                "Verwijzing",
                f"Verwijzing via {r.get_route_display()}",
                file,
                order=0,
            )
        )
    for p in scope(user, SupportPlan.objects.filter(client=client)).select_related("provider"):
        day = p.received_on or p.sent_on
        if day:
            found.append(Event(day, "Plan", f"Ondersteuningsplan deel {p.part}", file, order=1))
    for q in scope(user, AllocationRequest.objects.filter(client=client)).select_related("provider"):
        found.append(
            Event(
                q.received_on,
                "Verzoek",
                f"{q.kind} van {q.provider.name}: {q.get_status_display()}",
                file,
                order=2,
            )
        )
    for t in scope(user, Toewijzing.objects.filter(client=client)).select_related("provider"):
        until = f" tot {t.end:%d-%m-%Y}" if t.end else ""
        found.append(
            Event(
                t.toewijzing_date,
                "Toewijzing",
                f"Toewijzing {t.number} ({t.product_code or t.product_category}) bij {t.provider.name}, "
                f"vanaf {t.begin:%d-%m-%Y}{until}: {t.get_status_display()}",
                file,
                order=3,
            )  # fmt: skip
        )
    for s in scope(user, Start.objects.filter(toewijzing__client=client)).select_related("toewijzing"):
        found.append(
            Event(
                s.date,
                "Start",
                f"Start van toewijzing {s.toewijzing.number}",
                file,
                order=4,
            )
        )
    for s in scope(user, Stop.objects.filter(toewijzing__client=client)).select_related("toewijzing"):
        found.append(
            Event(
                s.date,
                "Stop",
                f"Stop van toewijzing {s.toewijzing.number} (reden {s.reason})",
                file,
                order=5,
            )
        )
    messages = scope(user, Message.objects.filter(client=client)).order_by("dagtekening", "pk")[:SHOWN]
    retours = {}
    for m in scope(user, Message.objects.filter(in_reply_to__in=[m.pk for m in messages])):
        retours.setdefault(m.in_reply_to_id, m)
    for m in messages:
        direction = "verstuurd" if m.direction == "out" else "ontvangen"
        retour = retours.get(m.pk)
        found.append(
            Event(
                m.dagtekening,
                "Bericht",
                f"{m.code} {direction} ({m.sender} → {m.receiver})",
                reverse("berichten:detail", args=[m.pk]),
                retour=f"{retour.code}{'' if retour.accepted is not False else ' (afgekeurd)'}"
                if retour
                else "",
                retour_url=reverse("berichten:detail", args=[retour.pk]) if retour else "",
                order=6,
            )  # fmt: skip
        )
    lines = scope(user, Prestatie.objects.filter(client=client)).select_related("declaratie", "obligation")
    for p in lines.order_by("begin", "pk")[:SHOWN]:
        verdict = "toegekend" if p.accepted else f"afgewezen ({p.retourcodes})"
        euro = f"€ {abs(p.amount_cents) / 100:.2f}".replace(".", ",")
        found.append(
            Event(
                p.declaratie.received_on,
                "Declaratieregel",
                f"{'Credit' if p.debit_credit == 'C' else 'Debet'} {p.reference} over {p.begin:%d-%m-%Y} – "
                f"{p.end:%d-%m-%Y}, {euro}: {verdict}",
                reverse("declaraties:line", args=[p.pk]),
                order=7,
            )  # fmt: skip
        )
        if p.obligation is not None and p.obligation.paid_on:
            found.append(
                Event(
                    p.obligation.paid_on,
                    "Betaling",
                    f"Betaald: regel {p.reference} (verplichting {p.obligation.month:%m-%Y})",
                    reverse("declaraties:line", args=[p.pk]),
                    order=8,
                )  # fmt: skip
            )
    found.sort(key=lambda e: (e.day, e.order, e.text))
    return found


@requires("client.view", model="toegang.Client", personal_data=True)
def client_timeline(request, pk: int):
    client = get_scoped_or_404(request.user, Client.objects.select_related("municipality"), pk=pk)
    found = events(request.user, client)
    client_viewed(request, client, detail="tijdlijn")
    return render(request, "web/timeline.html", {"client": client, "events": found})
