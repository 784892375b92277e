from __future__ import annotations

from decimal import Decimal

from django import forms

from .models import ScaleAmount


def _percent(label: str, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("-50"),
        max_value=Decimal("200"),
        help_text=help_text,
        localize=True,
    )


class WhatIfForm(forms.Form):
    """A scenario; an empty field keeps the document's value."""

    cao_raise = _percent("Cao-verhoging (%)", "Verhoging van alle salarisschalen, bijvoorbeeld 3,5.")
    overhead = _percent("Overhead (%)", "Het document: 35 %.")
    overhead_micro = _percent("Overhead micro-onderneming (%)", "Het document: 11,5 %.")
    risk = _percent("Risico-opslag (%)", "Het document: 2 %.")
    social_charges = _percent("Sociale lasten (%)", "Het document: 32 %.")
    productive_hours_change = forms.DecimalField(
        label="Productieve uren per fte (verschil)",
        required=False,
        max_digits=6,
        decimal_places=0,
        min_value=Decimal("-500"),
        max_value=Decimal("500"),
        help_text="Bijvoorbeeld −30: dertig cliëntgebonden uren per fte per jaar minder.",
        localize=True,
    )
    ova = _percent("OVA (%)", "Loonindex; weegt 85 % (ambulant) of 70 % (verblijf).")
    material = _percent("Materieelprijsindex (%)", "Weegt 15 % (ambulant) of 30 % (verblijf).")
    scales_from = forms.IntegerField(
        label="Schaalbedragen van jaar",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="Vergelijk twee jaren vastgelegde schaalbedragen (een nieuwe cao-tabel met de oude).",
    )
    scales_to = forms.IntegerField(label="naar jaar", required=False, min_value=2000, max_value=2100)

    def clean(self):
        data = super().clean()
        if (data.get("scales_from") is None) != (data.get("scales_to") is None):
            self.add_error("scales_to", "Vul beide jaren in, of geen van beide.")
        return data

    def scenario(self, region: str):
        from jeugdketen.kostprijs.whatif import Scenario

        from .services import salary_factors

        data = {key: value for key, value in self.cleaned_data.items() if value is not None}
        first, second = data.pop("scales_from", None), data.pop("scales_to", None)
        for key in ("cao_raise", "productive_hours_change", "ova", "material"):
            data.setdefault(key, Decimal(0))
        if first is not None and second is not None:
            data["salary_factors"], self.missing_scales = salary_factors(region, first, second)
            data["scale_years"] = (first, second)
        return Scenario(**data)

    missing_scales: list[str] = []


class ProposalForm(forms.Form):
    ova = _percent("OVA (%)")
    material = _percent("Materieelprijsindex (%)")

    def clean(self):
        data = super().clean()
        for key in ("ova", "material"):
            if data.get(key) is None:
                self.add_error(key, "Vul het indexcijfer in.")
        return data


class ScaleAmountForm(forms.ModelForm):
    class Meta:
        model = ScaleAmount
        fields = ["cao", "scale", "year", "amount", "source"]
        labels = {
            "cao": "Cao",
            "scale": "Schaal",
            "year": "Jaar",
            "amount": "Bedrag per maand, hoogste trede (€)",
            "source": "Bron",
        }

    def clean_scale(self):
        from .scales import known_scales

        scale = self.cleaned_data["scale"].strip()
        cao = self.cleaned_data.get("cao")
        if cao and scale not in known_scales().get(cao, set()):
            raise forms.ValidationError("Deze schaal komt in het kostprijsmodel niet voor bij deze cao.")
        return scale

    def validate_unique(self):
        # A second amount for the same cao, scale and year replaces the first (see the view).
        pass


class ScaleUploadForm(forms.Form):
    file = forms.FileField(label="Bestand (CSV of XLSX)")
