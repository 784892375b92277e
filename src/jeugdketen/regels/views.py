"""The register page: every rule with its source, for the functioneel beheerder and the contractmanager."""

from __future__ import annotations

from django import forms
from django.shortcuts import render

from jeugdketen.accounts.access import requires

from .register import KINDS, REGION_NAMES, entries


class RegisterFilterForm(forms.Form):
    regio = forms.ChoiceField(
        label="Regio", required=False, choices=[("", "Alle regio's"), *REGION_NAMES.items()]
    )
    soort = forms.ChoiceField(
        label="Soort", required=False, choices=[("", "Alle soorten"), *((k, k) for k in KINDS)]
    )
    zoek = forms.CharField(label="Zoek in regel of code", required=False, max_length=100)

    def filter(self, rules):
        if not self.is_valid():
            return list(rules)
        data = self.cleaned_data
        found = []
        for entry in rules:
            if data["regio"] and not entry.applies_to(data["regio"]):
                continue
            if data["soort"] and entry.kind != data["soort"]:
                continue
            needle = data["zoek"].strip().lower()
            if needle and needle not in entry.id.lower() and needle not in entry.rule.lower():
                continue
            found.append(entry)
        return found


@requires("contract.view")
def index(request):
    form = RegisterFilterForm(request.GET or None)
    rules = form.filter(entries()) if form.is_bound else list(entries())
    counts = {kind: sum(1 for entry in rules if entry.kind == kind) for kind in KINDS}
    return render(
        request,
        "regels/index.html",
        {"form": form, "rules": rules, "kinds": KINDS, "counts": counts, "total": len(entries())},
    )
