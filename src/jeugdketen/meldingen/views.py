"""Dutch screens: the provider reports an incident or data breach; the municipality sees them."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render

from jeugdketen.accounts.access import PROVIDER_ROLES, has_perm, provider_id, requires, scope
from jeugdketen.catalogus.models import Provider

from . import services
from .forms import ApForm, MeldingForm
from .models import Melding


@requires("melding.view")
def index(request):
    meldingen = scope(request.user, Melding.objects.select_related("provider", "municipality"))
    rows = [
        {
            "melding": m,
            "late": services.reported_late(m),
            "ap_due": services.ap_due(m) if m.kind == Melding.Kind.DATALEK else None,
            "ap_late": services.ap_late(m),
        }
        for m in meldingen[:500]
    ]
    return render(
        request,
        "meldingen/index.html",
        {
            "rows": rows,
            "continuity": services.continuity_at_risk(meldingen),
            "can_report": has_perm(request.user, "melding.report"),
        },
    )


@requires("melding.report", methods=("GET", "POST"))
def new(request):
    form = MeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.report(
            provider=get_object_or_404(Provider, pk=provider_id(request.user)),
            municipality=data["municipality"], kind=data["kind"], discovered_at=data["discovered_at"],
            summary=data["summary"], measures=data["measures"], persons_affected=data["persons_affected"],
            by=request.user,
        )  # fmt: skip
        return redirect("meldingen:index")
    status = 422 if request.method == "POST" else 200
    return render(request, "meldingen/new.html", {"form": form}, status=status)


@requires("melding.report", methods=("GET", "POST"), model="meldingen.Melding")
def ap(request, pk: int):
    melding = get_object_or_404(scope(request.user, Melding.objects.all()), pk=pk)
    if getattr(request.user, "role", None) not in PROVIDER_ROLES:
        return redirect("meldingen:index")
    form = ApForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_ap(
            melding,
            reported_on=form.cleaned_data["reported_on"],
            not_required=form.cleaned_data["not_required"],
        )
        return redirect("meldingen:index")
    status = 422 if request.method == "POST" else 200
    return render(request, "meldingen/ap.html", {"form": form, "melding": melding}, status=status)
