"""The message log: every iJw message sent or received, its rendered content and its verdict.

The log lists envelopes only (code, parties, identification, verdict). One message's page
shows its content, personal data included, so it counts as a look at the client file and is
written to the audit log once, like the client file itself.
"""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render

from jeugdketen.accounts.access import get_scoped_or_404, requires, scope
from jeugdketen.audit.log import Action, client_viewed, record, route_of

from .models import Message
from .render import MESSAGE_NAMES, verdict_rows
from .render import render as render_xml


class MessageFilter(forms.Form):
    code = forms.ChoiceField(
        label="Bericht", required=False, choices=[("", "Alle berichten"), *MESSAGE_NAMES.items()]
    )
    direction = forms.ChoiceField(
        label="Richting", required=False, choices=[("", "Beide"), *Message.Direction.choices]
    )
    accepted = forms.ChoiceField(
        label="Oordeel",
        required=False,
        choices=[("", "Alle"), ("ja", "Geaccepteerd"), ("nee", "Afgekeurd"), ("open", "Nog geen oordeel")],
    )


@requires("message.view")
def message_log(request):
    form = MessageFilter(request.GET or None)
    found = scope(request.user, Message.objects.all()).order_by("-created", "-pk")
    if form.is_valid():
        data = form.cleaned_data
        if data["code"]:
            found = found.filter(code=data["code"])
        if data["direction"]:
            found = found.filter(direction=data["direction"])
        if data["accepted"]:
            found = found.filter(
                accepted={"ja": True, "nee": False}.get(data["accepted"])
                if data["accepted"] != "open"
                else None
            )
    page = Paginator(found.defer("xml"), 50).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "berichten/log.html",
        {"form": form, "page": page, "names": MESSAGE_NAMES, "query": query.urlencode()},
    )


@requires("message.view", model="berichten.Message", personal_data=True)
def message_detail(request, pk: int):
    message = get_scoped_or_404(request.user, Message.objects.select_related("in_reply_to"), pk=pk)
    replies = scope(request.user, message.replies.all()).order_by("created")
    context = {
        "m": message,
        "name": MESSAGE_NAMES.get(message.code, message.code),
        "tree": render_xml(message.xml),
        "verdict": verdict_rows(message.verdict),
        "replies": replies,
    }
    if message.client_id:
        client_viewed(request, message.client, detail=f"bericht {message.code} {message.identification}")
    else:
        record(user=request.user, action=Action.VIEW, obj=message, route=route_of(request))
    return render(request, "berichten/detail.html", context)
