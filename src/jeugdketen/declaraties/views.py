"""Dutch screens: the declarations with totals and reasons, each line with its rule, open to pay."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Sum
from django.shortcuts import render

from jeugdketen.accounts.access import get_scoped_or_404, require, scope
from jeugdketen.ijw.codes import WJ001

from .models import Betaalverplichting, Declaratie, Prestatie
from .rules import RULES


@login_required
def declaration_list(request):
    require(request.user, "declaratie.view")
    declaraties = scope(request.user, Declaratie.objects.select_related("provider", "municipality"))
    ids = declaraties.values("pk")
    totals = Declaratie.objects.filter(pk__in=ids).aggregate(
        submitted=Sum("total_submitted_cents"), accepted=Sum("total_accepted_cents")
    )
    reasons = (
        Prestatie.objects.filter(declaratie__in=ids, accepted=False)
        .values("retourcodes")
        .annotate(n=Count("id"), cents=Sum("amount_cents"))
        .order_by("-n")[:20]
    )
    reasons = [
        {**r, "meaning": "; ".join(WJ001.meaning(c) for c in r["retourcodes"].split(","))} for r in reasons
    ]
    page = Paginator(declaraties, 50).get_page(request.GET.get("pagina"))
    return render(request, "declaraties/list.html", {"page": page, "totals": totals, "reasons": reasons})


@login_required
def declaration_detail(request, pk: int):
    require(request.user, "declaratie.view")
    declaratie = get_scoped_or_404(
        request.user, Declaratie.objects.select_related("provider", "municipality"), pk=pk
    )
    lines = declaratie.prestaties.order_by("position")
    if request.GET.get("afgewezen"):
        lines = lines.filter(accepted=False)
    page = Paginator(lines, 100).get_page(request.GET.get("pagina"))
    return render(
        request,
        "declaraties/detail.html",
        {"declaratie": declaratie, "page": page, "only_rejected": bool(request.GET.get("afgewezen"))},
    )


@login_required
def line_detail(request, pk: int):
    require(request.user, "declaratie.view")
    prestatie = get_scoped_or_404(
        request.user, Prestatie.objects.select_related("declaratie", "toewijzing"), pk=pk
    )
    findings = [
        {
            **f,
            "title": RULES[f["rule"]].title if f["rule"] in RULES else "",
            "meaning": WJ001.meaning(f["retourcode"]),
        }
        for f in prestatie.findings or []
    ]
    return render(request, "declaraties/line.html", {"p": prestatie, "findings": findings})


@login_required
def open_to_pay(request):
    require(request.user, "declaratie.view")
    obligations = scope(request.user, Betaalverplichting.objects.all()).exclude(amount_cents=F("paid_cents"))
    by_due = (
        Betaalverplichting.objects.filter(pk__in=obligations.values("pk"))
        .values("due", "provider__name", "municipality__name")
        .annotate(open=Sum(F("amount_cents") - F("paid_cents")), n=Count("id"))
        .order_by("due", "provider__name")
    )
    total = sum(row["open"] for row in by_due)
    return render(request, "declaraties/open.html", {"rows": by_due, "total": total})
