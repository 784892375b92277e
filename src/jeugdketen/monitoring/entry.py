"""Data entry screens (Dutch UI): budgets, accountability documents received, SROI contributions.

For the contract manager: ``monitoring.view`` opens them, and every choice and every save is
limited to the municipalities she works for (:func:`jeugdketen.accounts.access.municipality_ids`);
a user without municipalities (a provider, an auditor) gets 403. Every change writes one audit
entry with the old and the new value.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from jeugdketen.accounts import access
from jeugdketen.audit import log
from jeugdketen.audit.models import AuditEntry

from .forms import BudgetForm, DocumentForm, SroiForm
from .models import AccountabilityDocument, Budget, SroiContribution

PERM = "monitoring.view"


def _municipalities(request) -> list[int]:
    ids = access.municipality_ids(request.user)
    if not ids:
        raise PermissionDenied("Alleen voor medewerkers van een gemeente.")
    return ids


def _audit(request, created: bool, obj, detail: str) -> None:
    action = AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE
    log.record(user=request.user, action=action, obj=obj, route=request.path, detail=detail)


def _page(request, template_context: dict):
    return render(request, "monitoring/entry.html", template_context)


@access.requires(PERM, methods=("GET", "POST"))
def budgets(request):
    ids = _municipalities(request)
    form = BudgetForm(request.POST or None, municipality_ids=ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            budget, created = Budget.objects.select_for_update().get_or_create(
                municipality=data["municipality"],
                year=data["year"],
                lot=data["lot"],
                defaults={"amount": data["amount"]},
            )
            old = None if created else budget.amount
            if not created:
                budget.amount = data["amount"]
                budget.save(update_fields=["amount"])
            _audit(request, created, budget, f"budget {old} -> {data['amount']}")
        messages.success(request, "Het budget is opgeslagen.")
        return redirect("monitoring:entry-budgets")
    rows = [
        [b.municipality.name, b.year, f"{b.lot.region.name} – {b.lot.name}", f"€ {b.amount}"]
        for b in Budget.objects.filter(municipality__in=ids).select_related("municipality", "lot__region")
    ]
    return _page(
        request,
        {
            "title": "Budgetten per gemeente, jaar en perceel",
            "intro": "Een nieuw bedrag voor dezelfde gemeente, hetzelfde jaar en perceel vervangt het oude.",
            "form": form,
            "headers": ["Gemeente", "Jaar", "Perceel", "Budget"],
            "rows": rows,
        },
    )


@access.requires(PERM, methods=("GET", "POST"))
def documents(request):
    ids = _municipalities(request)
    form = DocumentForm(request.POST or None, municipality_ids=ids)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            document, created = AccountabilityDocument.objects.select_for_update().get_or_create(
                provider=data["provider"],
                municipality=data["municipality"],
                year=data["year"],
                kind=data["kind"],
                defaults={"received_on": data["received_on"]},
            )
            old = None if created else document.received_on
            if not created:
                document.received_on = data["received_on"]
                document.save(update_fields=["received_on"])
            _audit(request, "monitoring.document", document, f"ontvangen op {old} -> {data['received_on']}")
        messages.success(request, "De ontvangst is vastgelegd.")
        return redirect("monitoring:entry-documents")
    rows = [
        [
            d.provider.name,
            d.municipality.name,
            d.year,
            d.get_kind_display(),
            d.received_on.strftime("%d-%m-%Y"),
        ]
        for d in AccountabilityDocument.objects.filter(municipality__in=ids).select_related(
            "provider", "municipality"
        )
    ]
    return _page(
        request,
        {
            "title": "Ontvangen verantwoordingsdocumenten",
            "intro": "Productverantwoording vóór 1 maart, verklaring vóór 1 april van het jaar erna "
            "(art. 32).",
            "form": form,
            "headers": ["Aanbieder", "Gemeente", "Jaar", "Document", "Ontvangen op"],
            "rows": rows,
        },
    )


@access.requires(PERM, methods=("GET", "POST"))
def sroi(request):
    ids = _municipalities(request)
    form = SroiForm(request.POST or None, municipality_ids=ids)
    providers = form.fields["provider"].queryset
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        contribution = SroiContribution.objects.create(
            provider=data["provider"],
            year=data["year"],
            category=data["category"],
            amount=data["amount"],
            description=data["description"],
        )
        _audit(request, True, contribution, f"SROI {data['category']} € {data['amount']}")
        messages.success(request, "De SROI-inzet is vastgelegd.")
        return redirect("monitoring:entry-sroi")
    rows = [
        [c.provider.name, c.year, c.get_category_display(), f"€ {c.amount}", c.description]
        for c in SroiContribution.objects.filter(provider__in=providers).select_related("provider")
    ]
    return _page(
        request,
        {
            "title": "SROI-inzet per aanbieder",
            "intro": "Inzet voor social return (art. 17, Bijlage 4 categorie A–E), gewaardeerd in euro's.",
            "form": form,
            "headers": ["Aanbieder", "Jaar", "Categorie", "Waarde", "Omschrijving"],
            "rows": rows,
        },
    )
