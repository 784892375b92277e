"""Dutch forms: the controller pays and corrects obligations, the provider uploads a JW323."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings

from .models import Betaalverplichting


class PayForm(forms.Form):
    """Pay the chosen obligations, or every open obligation due on or before a date."""

    verplichtingen = forms.ModelMultipleChoiceField(
        queryset=Betaalverplichting.objects.none(),
        required=False,
        label="Te betalen verplichtingen",
        widget=forms.CheckboxSelectMultiple,
    )
    vervallen_tot = forms.DateField(
        required=False,
        label="Of: alles wat vervalt tot en met",
        help_text="Betaalt alle open verplichtingen met deze vervaldatum of eerder.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    betaaldatum = forms.DateField(
        label="Betaaldatum",
        initial=dt.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    kenmerk = forms.CharField(
        required=False, max_length=64, label="Betalingskenmerk", help_text="Bijvoorbeeld het batchnummer."
    )

    def __init__(self, *args, obligations, **kwargs):
        super().__init__(*args, **kwargs)
        self.open_obligations = obligations
        self.fields["verplichtingen"].queryset = obligations

    def clean(self):
        data = super().clean()
        if not data.get("verplichtingen") and not data.get("vervallen_tot"):
            raise forms.ValidationError("Kies verplichtingen of vul een vervaldatum in.")
        return data

    def chosen(self) -> list[Betaalverplichting]:
        data = self.cleaned_data
        if data.get("verplichtingen"):
            return list(data["verplichtingen"])
        return list(self.open_obligations.filter(due__lte=data["vervallen_tot"]))


class CorrectionForm(forms.Form):
    bedrag = forms.DecimalField(
        label="Correctiebedrag in euro",
        help_text="Positief verhoogt wat de gemeente verschuldigd is, negatief verlaagt het.",
        max_digits=12,
        decimal_places=2,
    )
    reden = forms.CharField(max_length=255, label="Reden van de correctie")
    datum = forms.DateField(
        label="Boekdatum",
        initial=dt.date.today,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean_bedrag(self) -> Decimal:
        amount = self.cleaned_data["bedrag"]
        if amount == 0:
            raise forms.ValidationError("Een correctie van € 0,00 verandert niets.")
        return amount

    def cents(self) -> int:
        return int(self.cleaned_data["bedrag"] * 100)


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="JW323-bestand (XML)",
        help_text="Een declaratiebericht JW323 uit uw eigen systeem.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xml,application/xml,text/xml"}),
    )

    def clean_bestand(self):
        upload = self.cleaned_data["bestand"]
        limit = settings.IJW_MAX_MESSAGE_BYTES
        if upload.size > limit:
            raise forms.ValidationError(f"Het bestand is groter dan {limit // 1_000_000} MB.")
        return upload
