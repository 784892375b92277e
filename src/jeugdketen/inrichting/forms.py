"""Forms of the set-up screens. Every choice of a related row is limited to the user's regions."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import RegexValidator

from jeugdketen.accounts.models import Role, User
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten import variants
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract
from jeugdketen.monitoring.models import Budget

from . import scoping

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CBS = RegexValidator(r"^\d{4}$", "Een CBS-code heeft vier cijfers.")
AGB = RegexValidator(r"^\d{8}$", "Een AGB-code heeft acht cijfers.")


def _region_label(obj) -> str:
    return f"{obj.name} {obj.year} ({obj.slug})"


def dutch_empty_choices(form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            field.empty_label = "— kies —" if field.required else "— geen —"


class ScopedForm(forms.ModelForm):
    """A ModelForm that knows the user, to limit the choices to her regions."""

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.limit()
        dutch_empty_choices(self)

    def limit(self) -> None:
        pass


class MunicipalityForm(ScopedForm):
    cbs_code = forms.CharField(label="CBS-code", max_length=4, validators=[CBS])

    class Meta:
        model = Municipality
        fields = ["cbs_code", "name", "regions"]
        labels = {"name": "Naam", "regions": "Regio's"}
        widgets = {"regions": forms.CheckboxSelectMultiple}

    def limit(self) -> None:
        field = self.fields["regions"]
        field.queryset = scoping.regions(self.user)
        field.label_from_instance = _region_label
        field.required = True
        field.help_text = "De regio('s) waarvan de gemeente inkoopt."
        if self.instance.pk:
            self.fields["cbs_code"].disabled = True
            self.fields["cbs_code"].help_text = "De CBS-code is de sleutel en wijzigt niet."


class ProviderForm(ScopedForm):
    agb_code = forms.CharField(label="AGB-code", max_length=8, validators=[AGB])

    class Meta:
        model = Provider
        fields = ["agb_code", "name", "is_contract_holder", "contract_holder"]
        labels = {
            "name": "Naam",
            "is_contract_holder": "Hoofdaannemer (houdt zelf een contract)",
            "contract_holder": "Onderaannemer van",
        }

    def limit(self) -> None:
        self.fields["contract_holder"].queryset = scoping.rows(self.user, Provider).filter(
            is_contract_holder=True
        )
        self.fields["contract_holder"].required = False
        if self.instance.pk and self.instance.agb_code:
            self.fields["agb_code"].disabled = True
            self.fields["agb_code"].help_text = "De AGB-code is de sleutel en wijzigt niet."


class ContractForm(ScopedForm):
    class Meta:
        model = Contract
        fields = ["reference", "provider", "region", "lot", "start", "end", "indirect_time_allowed"]
        labels = {
            "reference": "Contractnummer",
            "provider": "Aanbieder",
            "region": "Regio",
            "lot": "Perceel",
            "start": "Ingangsdatum",
            "end": "Einddatum",
            "indirect_time_allowed": "Indirecte tijd mag gedeclareerd worden",
        }
        widgets = {"start": DATE, "end": DATE}

    def limit(self) -> None:
        self.fields["reference"].required = True
        self.fields["provider"].queryset = scoping.rows(self.user, Provider)
        self.fields["region"].queryset = scoping.regions(self.user)
        self.fields["region"].label_from_instance = _region_label
        self.fields["lot"].queryset = scoping.rows(self.user, Lot).select_related("region")
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.name} ({lot.region.name})"
        if self.instance.pk:
            for name in ("provider", "region", "reference"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        lot, region = data.get("lot"), data.get("region")
        if lot and region and lot.region_id != region.pk:
            self.add_error("lot", "Dit perceel hoort niet bij de gekozen regio.")
        if data.get("end") and data.get("start") and data["end"] < data["start"]:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum.")
        reference = data.get("reference")
        if reference and not self.instance.pk and Contract.objects.filter(reference=reference).exists():
            self.add_error("reference", "Er is al een contract met dit nummer.")
        if self.instance.pk and data.get("start") and not self.errors:
            period = (self.instance, data["start"], data.get("end"))
            for message in variants.conflicts([self.instance.provider_id], period=period):
                self.add_error(None, message)
        return data


class TariffForm(forms.Form):
    """A tariff of a contract product for one year: a new line, or a change with its reason."""

    product = forms.ModelChoiceField(label="Product", queryset=Product.objects.none())
    year = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)
    variant = forms.ChoiceField(
        label="Variant", choices=[("regular", "Regulier"), ("micro", "Micro-onderneming")]
    )
    amount = forms.DecimalField(
        label="Tarief (euro)", min_value=Decimal("0.01"), max_digits=10, decimal_places=2, localize=True
    )
    reason = forms.CharField(label="Reden van de wijziging", max_length=200, required=False)

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        products = Product.objects.filter(region=contract.region).exclude(code=None)
        if contract.lot_id:
            products = products.filter(lot=contract.lot_id)
        self.fields["product"].queryset = products.order_by("position")
        self.fields["product"].label_from_instance = lambda p: f"{p.code} {p.name}"
        dutch_empty_choices(self)


class PeriodForm(ScopedForm):
    """Client stops and acceptance exemptions: a provider (and product) for a period."""

    class Meta:
        fields = ["provider", "product", "start", "end", "reason"]
        labels = {
            "provider": "Aanbieder",
            "product": "Product (leeg: alle producten)",
            "start": "Ingangsdatum",
            "end": "Einddatum",
            "reason": "Reden",
        }
        widgets = {"start": DATE, "end": DATE}

    def limit(self) -> None:
        self.fields["provider"].queryset = scoping.rows(self.user, Provider)
        products = scoping.rows(self.user, Product).exclude(code=None).select_related("region")
        self.fields["product"].queryset = products.order_by("region", "position")
        self.fields["product"].label_from_instance = lambda p: f"{p.code} {p.name} ({p.region.name})"
        self.fields["product"].required = False
        if self.instance.pk:
            self.fields["provider"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("end") and data.get("start") and data["end"] < data["start"]:
            self.add_error("end", "De einddatum ligt voor de ingangsdatum.")
        return data


class ClientStopForm(PeriodForm):
    class Meta(PeriodForm.Meta):
        model = ClientStop


class ExemptionForm(PeriodForm):
    class Meta(PeriodForm.Meta):
        model = AcceptanceExemption


class BudgetForm(ScopedForm):
    class Meta:
        model = Budget
        fields = ["municipality", "year", "lot", "amount"]
        labels = {"municipality": "Gemeente", "year": "Jaar", "lot": "Perceel", "amount": "Bedrag (euro)"}

    def limit(self) -> None:
        self.fields["municipality"].queryset = scoping.rows(self.user, Municipality)
        self.fields["lot"].queryset = scoping.rows(self.user, Lot).select_related("region")
        self.fields["lot"].label_from_instance = lambda lot: f"{lot.name} ({lot.region.name})"
        self.fields["amount"].localize = True
        self.fields["amount"].widget.is_localized = True
        if self.instance.pk:
            for name in ("municipality", "year", "lot"):
                self.fields[name].disabled = True

    def clean(self):
        data = super().clean()
        municipality, lot = data.get("municipality"), data.get("lot")
        if municipality and lot and not municipality.regions.filter(pk=lot.region_id).exists():
            self.add_error("lot", "Dit perceel hoort niet bij een regio van deze gemeente.")
        return data


class EndForm(forms.Form):
    end = forms.DateField(label="Einddatum", widget=DATE)


#: The roles a regional functional administrator may hand out. An auditor reads the log of
#: every region, so only the system's owner creates one (``createsuperuser``/the workbook).
INVITABLE_ROLES = [(r.value, r.label) for r in Role if r != Role.AUDITOR]


class UserForm(ScopedForm):
    role = forms.ChoiceField(label="Rol", choices=INVITABLE_ROLES)
    municipalities = forms.ModelMultipleChoiceField(
        label="Gemeente(n)",
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Toegangsmedewerker: precies één; contractmanager: één of meer.",
    )
    provider = forms.ModelChoiceField(label="Aanbieder", queryset=Provider.objects.none(), required=False)
    regions = forms.ModelMultipleChoiceField(
        label="Regio's (beheerder)",
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "role"]
        labels = {
            "username": "Gebruikersnaam",
            "first_name": "Voornaam",
            "last_name": "Achternaam",
            "email": "E-mailadres",
        }

    def limit(self) -> None:
        self.fields["municipalities"].queryset = scoping.rows(self.user, Municipality)
        self.fields["provider"].queryset = scoping.rows(self.user, Provider)
        self.fields["regions"].queryset = scoping.regions(self.user)
        self.fields["regions"].label_from_instance = _region_label
        self.fields["email"].required = True
        self.fields["username"].help_text = "Letters, cijfers en @ . + - _"
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.initial["municipalities"] = list(self.instance.municipalities.all())
            self.initial["regions"] = list(self.instance.regions.all())

    def clean(self):
        data = super().clean()
        role = data.get("role")
        municipalities = list(data.get("municipalities") or [])
        provider, regions = data.get("provider"), list(data.get("regions") or [])
        if role == Role.TOEGANG and len(municipalities) != 1:
            self.add_error("municipalities", "Een toegangsmedewerker werkt voor precies één gemeente.")
        if role == Role.CONTRACT and not municipalities:
            self.add_error("municipalities", "Kies ten minste één gemeente.")
        if role == Role.AANBIEDER and provider is None:
            self.add_error("provider", "Kies de aanbieder waarvoor deze medewerker werkt.")
        if role == Role.BEHEER and not regions:
            self.add_error("regions", "Kies ten minste één regio.")
        # One organisation per user: clear what does not belong to the role.
        data["municipalities"] = municipalities if role in (Role.TOEGANG, Role.CONTRACT) else []
        data["provider"] = provider if role == Role.AANBIEDER else None
        data["regions"] = regions if role == Role.BEHEER else []
        return data

    def save(self, commit=True):
        user = super().save(commit=False)
        user.provider = self.cleaned_data["provider"]
        if not user.pk:
            user.set_unusable_password()
        user.save()
        user.municipalities.set(self.cleaned_data["municipalities"])
        user.regions.set(self.cleaned_data["regions"])
        return user


class TokenForm(forms.Form):
    label = forms.CharField(
        label="Omschrijving", max_length=100, help_text="Bijvoorbeeld: koppeling Suite4Jeugd"
    )
    municipality = forms.ModelChoiceField(
        label="Gemeente", queryset=Municipality.objects.none(), required=False
    )
    provider = forms.ModelChoiceField(label="Aanbieder", queryset=Provider.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = scoping.rows(user, Municipality)
        self.fields["provider"].queryset = scoping.rows(user, Provider).exclude(agb_code=None)
        dutch_empty_choices(self)

    def clean(self):
        data = super().clean()
        if bool(data.get("municipality")) == bool(data.get("provider")):
            raise forms.ValidationError(
                "Kies een gemeente óf een aanbieder: een token hoort bij één organisatie."
            )
        return data


class IndexForm(forms.Form):
    """Index the tariffs of one year by a percentage, into the next year."""

    year = forms.IntegerField(label="Van jaar", min_value=2000, max_value=2100)
    new_year = forms.IntegerField(label="Naar jaar", min_value=2000, max_value=2100)
    percentage = forms.DecimalField(
        label="Indexatie (%)",
        max_digits=6,
        decimal_places=3,
        min_value=Decimal("-50"),
        max_value=Decimal("100"),
        localize=True,
    )

    def clean(self):
        data = super().clean()
        if data.get("year") and data.get("new_year") and data["new_year"] <= data["year"]:
            self.add_error("new_year", "Het nieuwe jaar ligt na het jaar waarvan wordt geïndexeerd.")
        return data


class WorkbookForm(forms.Form):
    workbook = forms.FileField(
        label="Inrichtingswerkmap (.xlsx)",
        help_text="Het formaat van `jeugdketen setup template`; eerst ziet u wat er verandert.",
    )

    def clean_workbook(self):
        upload = self.cleaned_data["workbook"]
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError("Het bestand is groter dan 10 MB.")
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError("Upload een Excel-werkmap (.xlsx).")
        return upload
