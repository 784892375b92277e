"""Data entry for what only monitoring stores: budgets, accountability documents, SROI efforts.

Each form narrows its choices to the municipalities the user works for (the contract
manager's), so a value for another municipality cannot even be chosen, and the view checks
again on save.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q

from jeugdketen.catalogus.models import Lot, Municipality, Provider

from .models import AccountabilityDocument, SroiContribution


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def year_field(label: str = "Jaar") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=2000, max_value=2100)


def money_field(label: str) -> forms.DecimalField:
    return forms.DecimalField(label=label, max_digits=14, decimal_places=2, min_value=Decimal("0"))


def providers_for(municipality_ids) -> forms.ModelChoiceField:
    """Providers with a contract or a toewijzing in these municipalities."""
    queryset = (
        Provider.objects.filter(
            Q(toewijzingen__municipality__in=municipality_ids)
            | Q(contracts__region__municipalities__in=municipality_ids)
        )
        .distinct()
        .order_by("name")
    )
    return forms.ModelChoiceField(label="Aanbieder", queryset=queryset)


class ScopedForm(forms.Form):
    def __init__(self, *args, municipality_ids, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.municipality_ids = list(municipality_ids)
        if "municipality" in self.fields:
            self.fields["municipality"].queryset = Municipality.objects.filter(
                pk__in=self.municipality_ids
            ).order_by("name")
        if "provider" in self.fields:
            self.fields["provider"] = providers_for(self.municipality_ids)


class BudgetForm(ScopedForm):
    municipality = forms.ModelChoiceField(label="Gemeente", queryset=Municipality.objects.none())
    year = year_field()
    lot = forms.ModelChoiceField(
        label="Perceel", queryset=Lot.objects.select_related("region").order_by("region__name", "position")
    )
    amount = money_field("Budget in euro's")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.region.name} – {lot.name}"


class DocumentForm(ScopedForm):
    provider = forms.ModelChoiceField(label="Aanbieder", queryset=Provider.objects.none())
    municipality = forms.ModelChoiceField(label="Gemeente", queryset=Municipality.objects.none())
    year = year_field("Verantwoordingsjaar")
    kind = forms.ChoiceField(label="Soort document", choices=AccountabilityDocument.Kind.choices)
    received_on = forms.DateField(label="Ontvangen op", widget=DateInput())


class SroiForm(ScopedForm):
    provider = forms.ModelChoiceField(label="Aanbieder", queryset=Provider.objects.none())
    year = year_field()
    category = forms.ChoiceField(label="Categorie (Bijlage 4)", choices=SroiContribution.Category.choices)
    amount = money_field("Waarde in euro's")
    description = forms.CharField(label="Omschrijving", max_length=255, required=False)
