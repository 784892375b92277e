"""The set-up screens that are a list, a form and an end date: one table of kinds, one set of views.

Organisations, contracts, client stops, acceptance exemptions and budgets all work alike: list
and search the rows of the user's regions, create one, change one, end one (set its end date).
Nothing here deletes: a row a toewijzing or a declaration refers to must stay, and the others
keep their history by being ended rather than removed. Every change is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse

from jeugdketen.accounts.access import has_perm, requires
from jeugdketen.audit import log
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.contracten import variants
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract
from jeugdketen.monitoring.models import Budget

from . import forms, scoping

PAGE_SIZE = 50


def _date(value) -> str:
    return f"{value:%d-%m-%Y}" if value else "—"


def _euro(value) -> str:
    return (
        ("€ " + f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", "."))
        if value is not None
        else ""
    )


def _always(user, obj) -> bool:
    return True


@dataclass(frozen=True)
class Kind:
    slug: str  # in the URL: /inrichting/<slug>/
    name: str  # URL names: inrichting:<name>-list, -new, -change, -end
    title: str
    singular: str
    model: type
    form: type
    columns: tuple[tuple[str, Callable], ...]
    search: tuple[str, ...]
    ends: bool = False
    editable: Callable = _always
    related: tuple[str, ...] = ()
    detail: str = ""  # URL name of a detail page, if the kind has one
    intro: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        return self.model._meta.label


def _municipality_regions(m) -> str:
    return ", ".join(r.name for r in m.regions.all())


#: A client stop and an acceptance exemption are listed and searched alike.
_STOP_COLUMNS = (
    ("Aanbieder", lambda s: s.provider.name),
    ("Product", lambda s: s.product.code if s.product else "alle"),
    ("Van", lambda s: _date(s.start)),
    ("Tot", lambda s: _date(s.end)),
    ("Reden", lambda s: s.reason),
)
_STOP_SEARCH = ("provider__name", "provider__agb_code", "reason", "product__code")

KINDS = [
    Kind(
        "gemeenten",
        "gemeente",
        "Gemeenten",
        "gemeente",
        Municipality,
        forms.MunicipalityForm,
        (("CBS-code", lambda m: m.cbs_code), ("Naam", lambda m: m.name), ("Regio's", _municipality_regions)),
        ("cbs_code", "name"),
        editable=scoping.municipality_is_own,
        intro="De gemeenten van uw regio's, met hun CBS-code zoals in de iJw-berichten.",
    ),
    Kind(
        "aanbieders",
        "aanbieder",
        "Aanbieders",
        "aanbieder",
        Provider,
        forms.ProviderForm,
        (
            ("AGB-code", lambda p: p.agb_code or "—"),
            ("Naam", lambda p: p.name),
            ("Hoofdaannemer", lambda p: "ja" if p.is_contract_holder else "nee"),
            ("Onderaannemer van", lambda p: p.contract_holder.name if p.contract_holder else ""),
        ),
        ("agb_code", "name"),
        editable=scoping.provider_is_own,
        related=("contract_holder",),
        intro="Aanbieders met een contract in uw regio's en aanbieders die nog geen contract hebben. "
        "Een aanbieder met contracten in een andere regio kunt u niet wijzigen.",
    ),
    Kind(
        "contracten",
        "contract",
        "Contracten",
        "contract",
        Contract,
        forms.ContractForm,
        (
            ("Contractnummer", lambda c: c.reference or "—"),
            ("Aanbieder", lambda c: c.provider.name),
            ("Regio", lambda c: c.region.name),
            ("Perceel", lambda c: c.lot.name if c.lot else ""),
            ("Van", lambda c: _date(c.start)),
            ("Tot", lambda c: _date(c.end)),
        ),
        ("reference", "provider__name", "provider__agb_code"),
        ends=True,
        related=("provider", "region", "lot"),
        detail="inrichting:contract",
        intro="Contracten met hun producten en tarieven per jaar.",
    ),
    Kind(
        "clientenstops",
        "clientenstop",
        "Cliëntenstops",
        "cliëntenstop",
        ClientStop,
        forms.ClientStopForm,
        _STOP_COLUMNS,
        _STOP_SEARCH,
        ends=True,
        related=("provider", "product"),
        intro="Een aanbieder met een cliëntenstop krijgt geen nieuwe toewijzingen in die periode.",
    ),
    Kind(
        "vrijstellingen",
        "vrijstelling",
        "Vrijstellingen van de acceptatieplicht",
        "vrijstelling",
        AcceptanceExemption,
        forms.ExemptionForm,
        _STOP_COLUMNS,
        _STOP_SEARCH,
        ends=True,
        related=("provider", "product"),
        intro="In deze periode hoeft de aanbieder een toewijzing niet te accepteren.",
    ),
    Kind(
        "budgetten",
        "budget",
        "Budgetten",
        "budget",
        Budget,
        forms.BudgetForm,
        (
            ("Gemeente", lambda b: b.municipality.name),
            ("Jaar", lambda b: b.year),
            ("Perceel", lambda b: b.lot.name),
            ("Bedrag", lambda b: _euro(b.amount)),
        ),
        ("municipality__name", "municipality__cbs_code", "lot__name"),
        related=("municipality", "lot"),
        intro="Het budget per gemeente, perceel en jaar, waartegen de monitoring de uitputting toont.",
    ),
]
BY_SLUG = {kind.slug: kind for kind in KINDS}


def _describe(obj) -> str:
    return str(obj)[:120]


def _list_view(kind: Kind):
    @requires("setup.view")
    def view(request):
        query = request.GET.get("q", "").strip()[:100]
        queryset = scoping.rows(request.user, kind.model)
        if kind.related:
            queryset = queryset.select_related(*kind.related)
        if kind.model is Municipality:
            queryset = queryset.prefetch_related("regions")
        if query:
            condition = Q()
            for name in kind.search:
                condition |= Q(**{f"{name}__icontains": query})
            queryset = queryset.filter(condition)
        page = Paginator(queryset.order_by(*kind.model._meta.ordering or ["pk"]), PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
        rows = [
            {
                "obj": obj,
                "cells": [column(obj) for _, column in kind.columns],
                "url": reverse(kind.detail, args=[obj.pk])
                if kind.detail
                else reverse(f"inrichting:{kind.name}-change", args=[obj.pk]),
            }
            for obj in page
        ]
        context = {
            "kind": kind,
            "headers": [header for header, _ in kind.columns],
            "rows": rows,
            "page": page,
            "query": query,
            "can_change": has_perm(request.user, "setup.change"),
        }
        return render(request, "inrichting/list.html", context)

    return view


def _form_view(kind: Kind, *, new: bool):
    def view(request, pk=None):
        obj = None if new else scoping.get_or_404(request.user, kind.model, pk=pk)
        if obj is not None and not kind.editable(request.user, obj):
            messages.error(
                request, f"Deze {kind.singular} hoort ook bij een andere regio; u kunt hem niet wijzigen."
            )
            return redirect(f"inrichting:{kind.name}-list")
        form = kind.form(request.POST or None, instance=obj, user=request.user)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic():
                saved = form.save()
                if new:
                    log.changed(request, saved, action=log.Action.CREATE, detail=_describe(saved))
                else:
                    log.changed(
                        request,
                        saved,
                        action=log.Action.UPDATE,
                        detail=("gewijzigd: " + ", ".join(form.changed_data)),
                    )
            messages.success(
                request, f"{kind.singular.capitalize()} {'aangemaakt' if new else 'gewijzigd'}: {saved}."
            )
            if kind.detail:
                return redirect(kind.detail, saved.pk)
            return redirect(f"inrichting:{kind.name}-list")
        context = {"kind": kind, "form": form, "obj": obj, "new": new}
        return render(request, "inrichting/form.html", context)

    if new:
        return requires("setup.change", methods=("GET", "POST"))(view)
    return requires("setup.change", model=kind.label, methods=("GET", "POST"))(view)


def _end_view(kind: Kind):
    @requires("setup.change", model=kind.label, methods=("GET", "POST"))
    def view(request, pk):
        obj = scoping.get_or_404(request.user, kind.model, pk=pk)
        if not kind.ends:
            raise Http404
        form = forms.EndForm(request.POST or None, initial={"end": obj.end})
        if request.method == "POST" and form.is_valid():
            end = form.cleaned_data["end"]
            if end < obj.start:
                form.add_error("end", "De einddatum ligt voor de ingangsdatum.")
            elif isinstance(obj, Contract) and (
                clashes := variants.conflicts([obj.provider_id], period=(obj, obj.start, end))
            ):
                for message in clashes:  # SGGZ-VARIANT: a later end may overlap the next contract
                    form.add_error("end", message)
            else:
                with transaction.atomic():
                    obj.end = end
                    obj.save(update_fields=["end"])
                    log.changed(
                        request, obj, action=log.Action.UPDATE, detail=f"beëindigd per {end:%d-%m-%Y}"
                    )
                messages.success(request, f"{kind.singular.capitalize()} beëindigd per {end:%d-%m-%Y}.")
                return (
                    redirect(kind.detail, obj.pk) if kind.detail else redirect(f"inrichting:{kind.name}-list")
                )
        return render(request, "inrichting/end.html", {"kind": kind, "obj": obj, "form": form})

    return view


@requires("setup.change", model="catalogus.Provider", methods=("GET", "POST"))
def provider_end(request, pk):
    """A provider leaves the region: its contracts in the user's regions end on a date. The
    provider itself stays (toewijzingen and declarations refer to it)."""
    provider = scoping.get_or_404(request.user, Provider, pk=pk)
    kind = BY_SLUG["aanbieders"]
    running = scoping.rows(request.user, Contract.objects.filter(provider=provider))
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        end = form.cleaned_data["end"]
        ending = [c for c in running if c.start <= end and (c.end is None or c.end > end)]
        with transaction.atomic():
            for contract in ending:
                contract.end = end
                contract.save(update_fields=["end"])
                log.changed(request, contract, detail=f"beëindigd per {end:%d-%m-%Y} (aanbieder beëindigd)")
            log.changed(request, provider, detail=f"{len(ending)} contract(en) beëindigd per {end:%d-%m-%Y}")
        messages.success(
            request, f"{len(ending)} contract(en) van {provider.name} beëindigd per {end:%d-%m-%Y}."
        )
        return redirect("inrichting:aanbieder-list")
    context = {"kind": kind, "obj": provider, "form": form, "contracts": running.select_related("region")}
    return render(request, "inrichting/provider_end.html", context)


def urlpatterns() -> list:
    patterns = []
    for kind in KINDS:
        patterns += [
            path(f"{kind.slug}/", _list_view(kind), name=f"{kind.name}-list"),
            path(f"{kind.slug}/nieuw/", _form_view(kind, new=True), name=f"{kind.name}-new"),
            path(f"{kind.slug}/<int:pk>/wijzigen/", _form_view(kind, new=False), name=f"{kind.name}-change"),
        ]
        if kind.ends:
            patterns.append(
                path(f"{kind.slug}/<int:pk>/beeindigen/", _end_view(kind), name=f"{kind.name}-end")
            )
    patterns.append(path("aanbieders/<int:pk>/beeindigen/", provider_end, name="aanbieder-end"))
    return patterns
