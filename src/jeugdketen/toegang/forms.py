"""Forms of the access team: allocating a product from a referral, finding a client."""

from __future__ import annotations

from django import forms

from jeugdketen.catalogus.models import Product, Provider
from jeugdketen.ijw import codes


def code_choices(code_list, *, blank: str = "—") -> list[tuple[str, str]]:
    return [("", blank), *((code, f"{code} – {text}") for code, text in code_list.codes.items())]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label="Zoek op BSN, cliëntnummer of achternaam",
        required=False,
        max_length=100,
        help_text="Een BSN zoekt alleen op het volledige nummer.",
    )


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.code} – {obj.name} ({obj.region.name})"


class AllocationForm(forms.Form):
    """A toewijzing for one product; the checks run in toegang.services.allocate."""

    provider = forms.ModelChoiceField(
        label="Aanbieder", queryset=Provider.objects.exclude(agb_code=None).order_by("name")
    )
    product = ProductChoiceField(label="Product", queryset=Product.objects.none())
    begin = forms.DateField(label="Ingangsdatum", widget=DateInput())
    end = forms.DateField(
        label="Einddatum",
        required=False,
        widget=DateInput(),
        help_text="Hoogstens 2 jaar na de ingangsdatum.",
    )
    volume = forms.IntegerField(label="Volume", required=False, min_value=1)
    unit = forms.ChoiceField(label="Eenheid (WJ756)", required=False, choices=code_choices(codes.WJ756))
    frequency = forms.ChoiceField(
        label="Frequentie (WMO757)", required=False, choices=code_choices(codes.WMO757)
    )
    bridging = forms.BooleanField(label="Overbruggingszorg (hoogstens 6 weken)", required=False)
    comment = forms.CharField(label="Commentaar voor de aanbieder", required=False, max_length=200)

    def __init__(self, *args, municipality, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            Product.objects.filter(region__municipalities=municipality)
            .exclude(code=None)
            .exclude(category=None)
            .select_related("region")
            .order_by("-region__year", "code")
        )

    def clean(self):
        data = super().clean()
        if data.get("begin") and data.get("end") and data["end"] < data["begin"]:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum.")
        if data.get("volume") and not data.get("frequency"):
            self.add_error("frequency", "Kies een frequentie bij een volume.")
        return data
