"""One contract on screen: its products and tariffs per year, a tariff change, and the history.

A tariff is never written here: :func:`jeugdketen.inrichting.setup.set_tariff` keeps old value,
new value, who, when and from which screen. The history pages show those changes next to the
audit log's entries for the contract.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render

from jeugdketen.accounts.access import has_perm, requires
from jeugdketen.audit import log
from jeugdketen.audit.models import AuditEntry
from jeugdketen.contracten.models import Contract, ContractProduct

from . import forms, scoping, setup
from .kinds import BY_SLUG

KIND = BY_SLUG["contracten"]


def _lines(contract):
    return contract.products.select_related("product").order_by("product__position", "-year")


@requires("setup.view", model="contracten.Contract")
def contract(request, pk):
    obj = scoping.get_or_404(
        request.user, Contract.objects.select_related("provider", "region", "lot"), pk=pk
    )
    context = {
        "kind": KIND,
        "obj": obj,
        "lines": _lines(obj),
        "form": forms.TariffForm(contract=obj),
        "can_change": has_perm(request.user, "setup.change"),
    }
    return render(request, "inrichting/contract.html", context)


@requires("setup.change", model="contracten.Contract", methods=("GET", "POST"))
def tariff(request, pk):
    """Adds a product's tariff for a year, or changes it (with its reason in the history)."""
    obj = scoping.get_or_404(request.user, Contract.objects.select_related("provider", "region"), pk=pk)
    initial = {}
    line_id = request.GET.get("regel", "")
    if line_id.isdigit():
        line = obj.products.filter(pk=int(line_id)).first()
        if line is not None:
            initial = {
                "product": line.product_id,
                "year": line.year,
                "variant": getattr(line, "variant", "regular"),
                "amount": line.tariff,
            }
    form = forms.TariffForm(request.POST or None, contract=obj, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        source = f"scherm {log.route_of(request)}"
        if data["reason"]:
            source = f"{source}: {data['reason']}"
        try:
            with transaction.atomic():
                change = setup.set_tariff(
                    obj,
                    data["product"],
                    data["year"],
                    data["variant"],
                    data["amount"],
                    actor=request.user,
                    source=source[:255],
                )
                log.changed(
                    request,
                    obj,
                    action=log.Action.UPDATE,
                    detail=f"tarief {data['product'].code} {data['year']} {data['variant']}: {change}",
                )
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                f"Tarief {data['product'].code} {data['year']} vastgelegd: € {data['amount']}".replace(
                    ".", ","
                ),
            )
            return redirect("inrichting:contract", obj.pk)
    return render(request, "inrichting/tariff_form.html", {"kind": KIND, "obj": obj, "form": form})


@requires("setup.view", model="contracten.ContractProduct")
def tariff_history(request, pk):
    line = scoping.get_or_404(
        request.user,
        ContractProduct.objects.select_related("contract__provider", "contract__region", "product"),
        pk=pk,
    )
    entries = AuditEntry.objects.filter(
        object_type="contracten.Contract",
        object_id=str(line.contract_id),
        detail__startswith=f"tarief {line.product.code} {line.year} ",
    )
    context = {
        "kind": KIND,
        "line": line,
        "obj": line.contract,
        "changes": setup.tariff_changes(line=line),
        "entries": entries[:200],
        "can_change": has_perm(request.user, "setup.change"),
    }
    return render(request, "inrichting/tariff_history.html", context)


@requires("setup.view", model="contracten.Contract")
def history(request, pk):
    obj = scoping.get_or_404(request.user, Contract.objects.select_related("provider", "region"), pk=pk)
    entries = AuditEntry.objects.filter(object_type="contracten.Contract", object_id=str(obj.pk))
    context = {
        "kind": KIND,
        "obj": obj,
        "changes": setup.tariff_changes(contract=obj),
        "entries": entries[:200],
    }
    return render(request, "inrichting/contract_history.html", context)
