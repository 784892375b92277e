"""The set-up over the REST API: readable and writable for a functional administrator's session.

Same rules as the screens: rows of the administrator's regions only (another region's row is
404), no deletes (a contract, stop or exemption ends with ``PATCH {"end": ...}``), tariffs
only through :func:`jeugdketen.inrichting.setup.set_tariff` with their history, and every
change in the audit log. Organisation tokens hold no set-up permission: 403.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdketen.accounts.models import Role, User
from jeugdketen.api.permissions import HasPermission
from jeugdketen.api.problems import ProblemSerializer, problem
from jeugdketen.audit import log
from jeugdketen.catalogus.models import Lot, Municipality, Product, Provider, Region
from jeugdketen.contracten import variants
from jeugdketen.contracten.models import AcceptanceExemption, ClientStop, Contract, ContractProduct
from jeugdketen.monitoring.models import Budget

from . import scoping, setup
from .forms import INVITABLE_ROLES

READ = "setup.view"
WRITE = "setup.change"
PERMISSIONS = {
    "list": READ,
    "retrieve": READ,
    "create": WRITE,
    "update": WRITE,
    "partial_update": WRITE,
    "tariff": WRITE,
}


def _user(serializer):
    return serializer.context["request"].user


class RegionScoped:
    """A related field whose choices are the rows of the principal's regions."""

    def get_queryset(self):
        return scoping.rows(self.context["request"].user, super().get_queryset())


class ScopedSlugField(RegionScoped, serializers.SlugRelatedField):
    pass


class ScopedPrimaryKeyField(RegionScoped, serializers.PrimaryKeyRelatedField):
    pass


class KeyFixedOnUpdate:
    """Natural keys (CBS code, AGB code, contract number, ...) are set once and never change."""

    fixed: tuple[str, ...] = ()

    def validate(self, attrs):
        if self.instance is not None:
            for name in self.fixed:
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError({name: "Deze sleutel wijzigt niet."})
        return super().validate(attrs)


class SetupMunicipalitySerializer(KeyFixedOnUpdate, serializers.ModelSerializer):
    fixed = ("cbs_code",)
    cbs_code = serializers.RegexField(r"^\d{4}$", max_length=4, help_text="CBS-code, vier cijfers")
    regions = ScopedSlugField(
        slug_field="slug", many=True, queryset=Region.objects.all(), help_text="regio-slugs"
    )

    class Meta:
        model = Municipality
        fields = ["id", "cbs_code", "name", "regions"]

    def validate_cbs_code(self, value):
        if self.instance is None and Municipality.objects.filter(cbs_code=value).exists():
            raise serializers.ValidationError("Er is al een gemeente met deze CBS-code.")
        return value

    def validate_regions(self, value):
        if not value:
            raise serializers.ValidationError("Een gemeente hoort bij ten minste één regio.")
        return value


class SetupProviderSerializer(KeyFixedOnUpdate, serializers.ModelSerializer):
    fixed = ("agb_code",)
    agb_code = serializers.RegexField(r"^\d{8}$", max_length=8, help_text="AGB-code, acht cijfers")
    contract_holder = ScopedSlugField(
        slug_field="agb_code", queryset=Provider.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Provider
        fields = ["id", "agb_code", "name", "is_contract_holder", "contract_holder"]

    def validate_agb_code(self, value):
        if self.instance is None and Provider.objects.filter(agb_code=value).exists():
            raise serializers.ValidationError("Er is al een aanbieder met deze AGB-code.")
        return value


class SetupContractLineSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="product.code", read_only=True)
    variant = serializers.CharField(read_only=True)

    class Meta:
        model = ContractProduct
        fields = ["id", "code", "year", "variant", "tariff"]


class SetupContractSerializer(KeyFixedOnUpdate, serializers.ModelSerializer):
    fixed = ("reference", "provider", "region")
    reference = serializers.CharField(max_length=64, help_text="contractnummer")
    provider = ScopedSlugField(slug_field="agb_code", queryset=Provider.objects.all(), help_text="AGB-code")
    region = ScopedSlugField(slug_field="slug", queryset=Region.objects.all(), help_text="regio-slug")
    lot = ScopedPrimaryKeyField(queryset=Lot.objects.all(), required=False, allow_null=True)
    products = SetupContractLineSerializer(many=True, read_only=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "reference",
            "provider",
            "region",
            "lot",
            "start",
            "end",
            "indirect_time_allowed",
            "products",
        ]

    def validate(self, attrs):
        attrs = super().validate(attrs)
        region = attrs.get("region", getattr(self.instance, "region", None))
        lot = attrs.get("lot", getattr(self.instance, "lot", None))
        if lot is not None and region is not None and lot.region_id != region.pk:
            raise serializers.ValidationError({"lot": "Dit perceel hoort niet bij de regio."})
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": "De einddatum ligt voor de ingangsdatum."})
        reference = attrs.get("reference")
        if self.instance is None and reference and Contract.objects.filter(reference=reference).exists():
            raise serializers.ValidationError({"reference": "Er is al een contract met dit nummer."})
        if self.instance is not None and start:
            clashes = variants.conflicts([self.instance.provider_id], period=(self.instance, start, end))
            if clashes:  # SGGZ-VARIANT: a changed period may overlap a contract with another variant
                raise serializers.ValidationError({"end": clashes})
        return attrs


class SetupTariffSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=5, help_text="productcode uit het productenboek van de regio")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    variant = serializers.ChoiceField(choices=["regular", "micro"], default="regular")
    tariff = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=Decimal("0.01"))
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True)


class SetupPeriodSerializer(serializers.ModelSerializer):
    provider = ScopedSlugField(slug_field="agb_code", queryset=Provider.objects.all(), help_text="AGB-code")
    product = ScopedPrimaryKeyField(queryset=Product.objects.all(), required=False, allow_null=True)
    product_code = serializers.CharField(source="product.code", read_only=True, allow_null=True)

    class Meta:
        fields = ["id", "provider", "product", "product_code", "start", "end", "reason"]

    def validate(self, attrs):
        if self.instance is not None and "provider" in attrs and attrs["provider"] != self.instance.provider:
            raise serializers.ValidationError({"provider": "De aanbieder wijzigt niet."})
        start = attrs.get("start", getattr(self.instance, "start", None))
        end = attrs.get("end", getattr(self.instance, "end", None))
        if start and end and end < start:
            raise serializers.ValidationError({"end": "De einddatum ligt voor de ingangsdatum."})
        return attrs


class SetupClientStopSerializer(SetupPeriodSerializer):
    class Meta(SetupPeriodSerializer.Meta):
        model = ClientStop


class SetupExemptionSerializer(SetupPeriodSerializer):
    class Meta(SetupPeriodSerializer.Meta):
        model = AcceptanceExemption


class SetupBudgetSerializer(KeyFixedOnUpdate, serializers.ModelSerializer):
    fixed = ("municipality", "year", "lot")
    municipality = ScopedSlugField(
        slug_field="cbs_code", queryset=Municipality.objects.all(), help_text="CBS-code"
    )
    lot = ScopedPrimaryKeyField(queryset=Lot.objects.all())

    class Meta:
        model = Budget
        fields = ["id", "municipality", "year", "lot", "amount"]
        validators = []

    def validate(self, attrs):
        attrs = super().validate(attrs)
        municipality = attrs.get("municipality", getattr(self.instance, "municipality", None))
        lot = attrs.get("lot", getattr(self.instance, "lot", None))
        if municipality and lot and not municipality.regions.filter(pk=lot.region_id).exists():
            raise serializers.ValidationError(
                {"lot": "Dit perceel hoort niet bij een regio van de gemeente."}
            )
        if (
            self.instance is None
            and Budget.objects.filter(municipality=municipality, lot=lot, year=attrs.get("year")).exists()
        ):
            raise serializers.ValidationError("Er is al een budget voor deze gemeente, dit perceel en jaar.")
        return attrs


class SetupUserSerializer(serializers.ModelSerializer):
    role = serializers.ChoiceField(choices=INVITABLE_ROLES)
    municipalities = ScopedSlugField(
        slug_field="cbs_code", many=True, queryset=Municipality.objects.all(), required=False
    )
    provider = ScopedSlugField(
        slug_field="agb_code", queryset=Provider.objects.all(), required=False, allow_null=True
    )
    regions = ScopedSlugField(slug_field="slug", many=True, queryset=Region.objects.all(), required=False)
    activated = serializers.SerializerMethodField()
    activation_link = serializers.SerializerMethodField(
        help_text="Alleen in het antwoord op aanmaken: de eenmalige activeringslink"
    )

    class Meta:
        model = User
        fields = [
            "id", "username", "first_name", "last_name", "email", "role",
            "municipalities", "provider", "regions", "is_active", "activated", "activation_link",
        ]  # fmt: skip
        extra_kwargs = {"is_active": {"help_text": "false: gedeactiveerd (niet bij aanmaken)"}}

    def get_activated(self, user) -> bool:
        return user.has_usable_password()

    def get_activation_link(self, user) -> str | None:
        return self.context.get("activation_links", {}).get(user.pk)

    def validate(self, attrs):
        if self.instance is not None:
            if "username" in attrs and attrs["username"] != self.instance.username:
                raise serializers.ValidationError({"username": "De gebruikersnaam wijzigt niet."})
            if not scoping.user_is_own(_user(self), self.instance):
                raise serializers.ValidationError(
                    "Dit account hoort (ook) bij een andere regio of is uw eigen account."
                )
        role = attrs.get("role", getattr(self.instance, "role", ""))

        def current(name):
            if name in attrs:
                return attrs[name]
            if self.instance is None:
                return [] if name != "provider" else None
            return (
                getattr(self.instance, name)
                if name == "provider"
                else list(getattr(self.instance, name).all())
            )

        municipalities, provider, regions = current("municipalities"), current("provider"), current("regions")
        if role == Role.TOEGANG and len(municipalities) != 1:
            raise serializers.ValidationError(
                {"municipalities": "Een toegangsmedewerker werkt voor één gemeente."}
            )
        if role == Role.CONTRACT and not municipalities:
            raise serializers.ValidationError({"municipalities": "Kies ten minste één gemeente."})
        if role == Role.AANBIEDER and provider is None:
            raise serializers.ValidationError({"provider": "Kies de aanbieder."})
        if role == Role.BEHEER and not regions:
            raise serializers.ValidationError({"regions": "Kies ten minste één regio."})
        attrs["municipalities"] = municipalities if role in (Role.TOEGANG, Role.CONTRACT) else []
        attrs["provider"] = provider if role == Role.AANBIEDER else None
        attrs["regions"] = regions if role == Role.BEHEER else []
        return attrs

    def create(self, validated):
        municipalities, regions = validated.pop("municipalities"), validated.pop("regions")
        validated.pop("is_active", None)
        user = User(**validated)
        user.set_unusable_password()
        user.save()
        user.municipalities.set(municipalities)
        user.regions.set(regions)
        return user

    def update(self, instance, validated):
        municipalities, regions = validated.pop("municipalities"), validated.pop("regions")
        for name, value in validated.items():
            setattr(instance, name, value)
        instance.save()
        instance.municipalities.set(municipalities)
        instance.regions.set(regions)
        return instance


class SetupViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, create and change; never delete. Rows of the principal's regions only."""

    permission_classes = [HasPermission]
    required_permissions = PERMISSIONS
    related: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = scoping.rows(self.request.user, self.queryset.all())
        return queryset.select_related(*self.related) if self.related else queryset

    def perform_create(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            log.changed(self.request, obj, action=log.Action.CREATE, detail=str(obj)[:120])

    def perform_update(self, serializer):
        with transaction.atomic():
            obj = serializer.save()
            log.changed(
                self.request,
                obj,
                action=log.Action.UPDATE,
                detail="gewijzigd: " + ", ".join(sorted(serializer.validated_data)),
            )


def _tagged(tag: str, summary: str):
    return extend_schema_view(
        list=extend_schema(summary=f"{summary}: lijst", tags=[tag]),
        retrieve=extend_schema(summary=f"{summary}: één", tags=[tag]),
        create=extend_schema(summary=f"{summary}: aanmaken", tags=[tag]),
        update=extend_schema(summary=f"{summary}: vervangen", tags=[tag]),
        partial_update=extend_schema(summary=f"{summary}: wijzigen (ook beëindigen)", tags=[tag]),
    )


@_tagged("inrichting", "Gemeenten van uw regio's")
class MunicipalityViewSet(SetupViewSet):
    queryset = Municipality.objects.order_by("name")
    serializer_class = SetupMunicipalitySerializer

    def perform_update(self, serializer):
        if not scoping.municipality_is_own(self.request.user, serializer.instance):
            raise serializers.ValidationError("Deze gemeente hoort ook bij een andere regio.")
        super().perform_update(serializer)


@_tagged("inrichting", "Aanbieders van uw regio's")
class ProviderViewSet(SetupViewSet):
    queryset = Provider.objects.order_by("name")
    serializer_class = SetupProviderSerializer
    related = ("contract_holder",)

    def perform_update(self, serializer):
        if not scoping.provider_is_own(self.request.user, serializer.instance):
            raise serializers.ValidationError("Deze aanbieder heeft ook contracten in een andere regio.")
        super().perform_update(serializer)


@_tagged("inrichting", "Contracten met hun tarieven")
class ContractViewSet(SetupViewSet):
    queryset = Contract.objects.order_by("provider__name", "start")
    serializer_class = SetupContractSerializer
    related = ("provider", "region")

    @extend_schema(
        summary="Een tarief vastleggen of wijzigen (met historie)",
        tags=["inrichting"],
        request=SetupTariffSerializer,
        responses={
            200: SetupContractSerializer,
            409: OpenApiResponse(ProblemSerializer, description="vastleggen van tarieven niet beschikbaar"),
        },
    )
    @action(detail=True, methods=["post"], url_path="tarieven")
    def tariff(self, request, pk=None):
        contract = self.get_object()
        data = SetupTariffSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        product = Product.objects.filter(region=contract.region, code=values["code"]).first()
        if product is None:
            return problem(400, {"code": ["Deze productcode staat niet in het productenboek van de regio."]})
        source = f"API {log.route_of(request)}" + (f": {values['reason']}" if values.get("reason") else "")
        try:
            with transaction.atomic():
                change = setup.set_tariff(
                    contract,
                    product,
                    values["year"],
                    values["variant"],
                    values["tariff"],
                    actor=request.user,
                    source=source[:255],
                )
                log.changed(
                    request,
                    contract,
                    detail=f"tarief {product.code} {values['year']} {values['variant']}: {change}",
                )
        except ValueError as exc:
            return problem(400, str(exc))
        contract.refresh_from_db()
        return Response(
            SetupContractSerializer(contract, context=self.get_serializer_context()).data,
            status=status.HTTP_200_OK,
        )


@_tagged("inrichting", "Cliëntenstops")
class ClientStopViewSet(SetupViewSet):
    queryset = ClientStop.objects.order_by("-start", "pk")
    serializer_class = SetupClientStopSerializer
    related = ("provider", "product")


@_tagged("inrichting", "Vrijstellingen van de acceptatieplicht")
class ExemptionViewSet(SetupViewSet):
    queryset = AcceptanceExemption.objects.order_by("-start", "pk")
    serializer_class = SetupExemptionSerializer
    related = ("provider", "product")


@_tagged("inrichting", "Budgetten per gemeente, perceel en jaar")
class BudgetViewSet(SetupViewSet):
    queryset = Budget.objects.order_by("municipality__name", "year", "lot")
    serializer_class = SetupBudgetSerializer
    related = ("municipality", "lot")


@_tagged("inrichting", "Gebruikers van uw regio's")
class UserViewSet(SetupViewSet):
    """A new user gets no password: the answer to create holds her one-time activation link."""

    queryset = User.objects.order_by("username")
    serializer_class = SetupUserSerializer
    related = ("provider",)
    required_permissions = {name: "user.manage" for name in PERMISSIONS}

    def perform_create(self, serializer):
        from .activation import link_for

        super().perform_create(serializer)
        serializer.context["activation_links"] = {
            serializer.instance.pk: link_for(self.request, serializer.instance)
        }


def register(router) -> None:
    router.register("inrichting/gemeenten", MunicipalityViewSet, basename="inrichting-gemeente")
    router.register("inrichting/aanbieders", ProviderViewSet, basename="inrichting-aanbieder")
    router.register("inrichting/contracten", ContractViewSet, basename="inrichting-contract")
    router.register("inrichting/clientenstops", ClientStopViewSet, basename="inrichting-clientenstop")
    router.register("inrichting/vrijstellingen", ExemptionViewSet, basename="inrichting-vrijstelling")
    router.register("inrichting/budgetten", BudgetViewSet, basename="inrichting-budget")
    router.register("inrichting/gebruikers", UserViewSet, basename="inrichting-gebruiker")
