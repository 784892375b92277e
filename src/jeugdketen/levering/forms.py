"""Forms of the provider's back office: start, stop, and a request for a toewijzing (JW315)."""

from __future__ import annotations

from django import forms

from jeugdketen.catalogus.models import Municipality, Product
from jeugdketen.core.privacy import is_valid_bsn
from jeugdketen.ijw import codes
from jeugdketen.toegang.forms import DateInput, ProductChoiceField, ToewijzingForm, code_choices


class StartForm(ToewijzingForm):
    begin = forms.DateField(label="Begindatum van de zorg", widget=DateInput())

    def clean_begin(self):
        begin = self.cleaned_data["begin"]
        t = self.toewijzing
        if begin < t.begin or (t.end and begin > t.end):
            raise forms.ValidationError("De begindatum ligt buiten de periode van de toewijzing.")
        return begin


class StopForm(forms.Form):
    end = forms.DateField(label="Einddatum van de zorg", widget=DateInput())
    reason = forms.ChoiceField(label="Reden beëindiging (JZ588)", choices=code_choices(codes.JZ588)[1:])

    def __init__(self, *args, start, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.start = start

    def clean_end(self):
        end = self.cleaned_data["end"]
        if self.start is not None and end < self.start.date:
            raise forms.ValidationError("De einddatum ligt voor de start van de zorg.")
        return end


class RequestForm(forms.Form):
    """A JW315: the client's identity as the referral gives it, and one requested product."""

    municipality = forms.ModelChoiceField(
        label="Gemeente (woonplaats van de cliënt)",
        queryset=Municipality.objects.exclude(regions=None).order_by("name"),
    )
    bsn = forms.CharField(label="BSN", min_length=9, max_length=9)
    birth_date = forms.DateField(label="Geboortedatum", widget=DateInput())
    initials = forms.CharField(label="Voorletters", max_length=6, required=False)
    prefix = forms.CharField(label="Voorvoegsel", max_length=10, required=False)
    last_name = forms.CharField(label="Achternaam", max_length=200)
    gender = forms.ChoiceField(label="Geslacht (COD046)", choices=code_choices(codes.COD046)[1:])
    product = ProductChoiceField(
        label="Product",
        queryset=Product.objects.exclude(code=None)
        .exclude(category=None)
        .exclude(region__municipalities=None)
        .select_related("region")
        .order_by("-region__year", "code"),
    )
    begin = forms.DateField(label="Gewenste ingangsdatum", widget=DateInput())
    end = forms.DateField(label="Einddatum", widget=DateInput(), required=False)
    volume = forms.IntegerField(label="Volume", min_value=1, required=False)
    unit = forms.ChoiceField(label="Eenheid (WJ756)", required=False, choices=code_choices(codes.WJ756))
    frequency = forms.ChoiceField(
        label="Frequentie (WMO757)", required=False, choices=code_choices(codes.WMO757)
    )
    referrer_code = forms.ChoiceField(label="Verwijzer (COD327)", choices=code_choices(codes.COD327)[1:])
    referrer_agb = forms.CharField(
        label="AGB-code van de verwijzer",
        max_length=8,
        required=False,
        help_text=(
            "De AGB-code van de behandelaar zelf, niet van de praktijk (huisarts, jeugdarts, GI, specialist)."
        ),
    )
    referrer_name = forms.CharField(label="Naam van de verwijzer", max_length=255, required=False)

    def clean_bsn(self):
        value = self.cleaned_data["bsn"]
        if not is_valid_bsn(value):
            raise forms.ValidationError("Dit is geen geldig BSN (elfproef).")
        return value

    def clean(self):
        data = super().clean()
        if data.get("volume") and not (data.get("unit") and data.get("frequency")):
            self.add_error("volume", "Geef bij een volume ook de eenheid en de frequentie.")
        if data.get("referrer_code") in ("02", "03", "04", "05") and not data.get("referrer_agb"):
            self.add_error("referrer_agb", "Deze verwijzer heeft een AGB-code nodig.")
        return data


class ChangeRequestForm(ToewijzingForm):
    """A JW317 (verzoek om wijziging): a new end date and/or volume for one toewijzing."""

    end = forms.DateField(label="Gewenste einddatum", required=False, widget=DateInput())
    volume = forms.IntegerField(label="Gewenst volume", required=False, min_value=1)
    reason = forms.ChoiceField(label="Reden verzoek (WJ758)", choices=code_choices(codes.WJ758)[1:])

    def clean(self):
        data = super().clean()
        t = self.toewijzing
        end, volume = data.get("end"), data.get("volume")
        if (end is None or end == t.end) and (volume is None or volume == t.volume):
            raise forms.ValidationError("Vraag een andere einddatum of een ander volume.")
        if end is not None and end < t.begin:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum van de toewijzing.")
        return data
