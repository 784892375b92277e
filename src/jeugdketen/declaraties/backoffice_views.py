"""The provider's back office in Dutch: register delivered care with checks as you type, see
what is ready to bill, write the monthly JW323, read the JW325 per line, credit and rebill a
rejected line in one action, and the payments received against what was billed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib import messages as flash
from django.db.models import Q, Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import get_scoped_or_404, provider_id, requires
from jeugdketen.audit.log import Action, record, route_of
from jeugdketen.catalogus.models import Municipality
from jeugdketen.ijw import codes
from jeugdketen.toegang.models import Toewijzing

from . import backoffice
from . import views as screens
from .models import Betaling, Declaratie, GeleverdeZorg
from .provider import billed_together

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(forms.Form):
    toewijzing = forms.ModelChoiceField(
        queryset=Toewijzing.objects.none(), label="Toewijzing", empty_label="— kies een gestarte toewijzing —"
    )
    begin = forms.DateField(label="Van", widget=DATE)
    end = forms.DateField(label="Tot en met", widget=DATE)
    volume = forms.IntegerField(label="Geleverd volume (in de eenheid van de toewijzing)", min_value=1)

    def __init__(self, *args, provider, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["toewijzing"]
        field.queryset = _toewijzingen(provider)
        field.label_from_instance = lambda t: (
            f"{t.number} · {t.product_code} · {t.client.last_name} · {t.volume or '-'} "
            f"{codes.WJ756.codes.get(t.unit, t.unit).lower()} "
            f"{codes.WMO757.codes.get(t.frequency, '').lower()} · "
            f"{t.begin:%d-%m-%Y} tot {t.end:%d-%m-%Y}"
            if t.end
            else f"{t.number} · {t.product_code} · {t.client.last_name}"
        )

    def clean(self):
        data = super().clean()
        t = data.get("toewijzing")
        if t and data.get("begin") and data.get("end") and data.get("volume"):
            for finding in backoffice.check_registration(
                t, begin=data["begin"], end=data["end"], volume=data["volume"]
            ):
                self.add_error(None, finding)
        return data


class RebillForm(forms.Form):
    volume = forms.IntegerField(label="Volume", min_value=1)
    tariff = forms.DecimalField(label="Tarief (euro)", min_value=Decimal("0.01"), decimal_places=2)


def _toewijzingen(provider):
    return (
        Toewijzing.objects.filter(provider_id=provider, starts__isnull=False, unit__gt="")
        .select_related("client", "municipality")
        .distinct()
        .order_by("number")
    )


@requires("declaratie.submit", methods=("GET", "POST"))
def backoffice_view(request):
    own = provider_id(request.user)
    form = RegisterForm(request.POST or None, provider=own)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            delivery = backoffice.register(
                data["toewijzing"], begin=data["begin"], end=data["end"], volume=data["volume"]
            )
        except backoffice.RegistrationRefused as refused:
            for finding in refused.findings:
                form.add_error(None, finding)
        else:
            record(
                user=request.user, action=Action.CREATE, obj=delivery, route=route_of(request),
                detail=f"zorg geregistreerd op toewijzing {delivery.toewijzing.number}",
            )  # fmt: skip
            flash.success(
                request, f"Geregistreerd: {delivery.volume} op toewijzing {delivery.toewijzing.number}."
            )
            return redirect("declaraties:backoffice")
    until = backoffice.month_end(screens.today().replace(day=1) - dt.timedelta(days=1))
    deliveries = (
        GeleverdeZorg.objects.filter(provider_id=own)
        .exclude(status=GeleverdeZorg.Status.OPEN)
        .select_related("toewijzing__municipality")
        .order_by("-pk")[:200]
    )
    context = {
        "form": form,
        "until": until,
        "ready": backoffice.ready_to_bill(own, until=until),
        "open_later": GeleverdeZorg.objects.filter(provider_id=own, status="open", end__gt=until).count(),
        "deliveries": deliveries,
        "payments": _payments(own),
    }
    return render(request, "declaraties/backoffice.html", context, status=400 if form.errors else 200)


def _payments(provider) -> list[dict]:
    rows = []
    for municipality in (
        Municipality.objects.filter(Q(declaraties__provider_id=provider) | Q(betaling__provider_id=provider))
        .distinct()
        .order_by("cbs_code")
    ):
        judged = Declaratie.objects.filter(provider_id=provider, municipality=municipality)
        sums = judged.aggregate(billed=Sum("total_submitted_cents"), granted=Sum("total_accepted_cents"))
        paid = Betaling.objects.filter(provider_id=provider, municipality=municipality).aggregate(
            total=Sum("amount_cents")
        )["total"]
        billed, granted, paid = sums["billed"] or 0, sums["granted"] or 0, paid or 0
        rows.append(
            {
                "municipality": municipality,
                "billed": billed,
                "granted": granted,
                "paid": paid,
                "open": granted - paid,
            }
        )
    return rows


@requires("declaratie.submit")
def check_view(request):
    """The checks as you type: JSON findings for a registration that is not stored."""
    own = provider_id(request.user)
    toewijzing = _toewijzingen(own).filter(pk=request.GET.get("toewijzing") or 0).first()
    try:
        begin = dt.date.fromisoformat(request.GET.get("begin", ""))
        end = dt.date.fromisoformat(request.GET.get("end", ""))
        volume = int(request.GET.get("volume", ""))
    except ValueError:
        return JsonResponse({"complete": False, "findings": []})
    if toewijzing is None:
        return JsonResponse({"complete": False, "findings": ["Kies een eigen, gestarte toewijzing."]})
    findings = backoffice.check_registration(toewijzing, begin=begin, end=end, volume=volume)
    tariff = backoffice.contract_tariff(toewijzing, begin.year)
    return JsonResponse(
        {
            "complete": True,
            "findings": findings,
            "unit": toewijzing.unit,
            "tariff": str(tariff) if tariff is not None else None,
            "amount": str(tariff * volume) if tariff is not None and not findings else None,
        }
    )


@requires("declaratie.submit", methods=("POST",))
def bill_view(request):
    """The monthly JW323 for one municipality: every open registration up to the month's end."""
    own = provider_id(request.user)
    municipality = Municipality.objects.filter(pk=request.POST.get("gemeente") or 0).first()
    try:
        month = dt.date.fromisoformat(request.POST.get("maand", ""))
    except ValueError:
        month = None
    if month is not None and not 2000 <= month.year <= screens.today().year:
        month = None
    if municipality is None or month is None:
        flash.error(request, "Kies een gemeente en een maand.")
        return redirect("declaraties:backoffice")
    billed = backoffice.bill_month(request.user.provider, municipality, month, today=screens.today())
    if billed.message is None:
        flash.info(request, "Er was niets te declareren.")
        return redirect("declaraties:backoffice")
    record(
        user=request.user, action=Action.MESSAGE, obj=billed.message, route=route_of(request),
        detail=f"JW323 gemaakt uit registraties voor {municipality.cbs_code}",
    )  # fmt: skip
    declaratie = Declaratie.objects.filter(provider_id=own, number=billed.message.identification).first()
    flash.success(
        request, f"JW323 {billed.message.identification} verstuurd; het JW325-antwoord is verwerkt."
    )
    if declaratie is not None:
        return redirect("declaraties:detail", pk=declaratie.pk)
    return redirect("declaraties:backoffice")


@requires("declaratie.submit", model="declaraties.GeleverdeZorg", methods=("GET", "POST"))
def rebill_view(request, pk: int):
    """Credit a judged line and bill it again, corrected, in one JW323."""
    delivery = get_scoped_or_404(request.user, GeleverdeZorg.objects.select_related("toewijzing"), pk=pk)
    tariff = backoffice.contract_tariff(delivery.toewijzing, delivery.begin.year) or delivery.tariff
    line = [d for d in billed_together(delivery) if d.status == delivery.status] or [delivery]
    volume = sum(d.volume for d in line)  # the billed line joins a month's registrations
    form = RebillForm(request.POST or None, initial={"volume": volume, "tariff": tariff})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            billed = backoffice.credit_and_rebill(
                delivery, volume=data["volume"], tariff=data["tariff"], today=screens.today()
            )
        except (ValueError, InvalidOperation) as error:
            form.add_error(None, str(error))
        else:
            record(
                user=request.user, action=Action.MESSAGE, obj=billed.message, route=route_of(request),
                detail=f"JW323 creditering en herdeclaratie van {delivery.reference}",
            )  # fmt: skip
            flash.success(
                request,
                f"Regel {delivery.reference} gecrediteerd en opnieuw gedeclareerd "
                f"(JW323 {billed.message.identification}).",
            )
            return redirect("declaraties:backoffice")
    return render(
        request,
        "declaraties/rebill.html",
        {"delivery": delivery, "form": form, "line": line, "volume": volume},
        status=400 if form.errors else 200,
    )
