"""REST API of the access team: clients (always masked), referrals and toewijzingen.

The API never shows personal data: a client is its id, masked BSN, initials and year of
birth; the full client file is only on the (audit-logged) web page. Creating a toewijzing
is :func:`jeugdketen.toegang.services.allocate`: the checks, then the JW301, which the
provider inside the system receives at once. A refusal answers 422 problem+json naming
the rules.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from jeugdketen.accounts.access import municipality_ids, scope
from jeugdketen.api.permissions import HasPermission, ScopedQuerysetMixin
from jeugdketen.api.problems import ProblemSerializer, problem
from jeugdketen.audit.log import Action, record, route_of
from jeugdketen.berichten.services import exchange
from jeugdketen.catalogus.models import Municipality, Product, Provider
from jeugdketen.core.privacy import is_valid_bsn, mask_bsn, mask_name

from .checks import AllocationRefused
from .models import Client, Referral, Route, Toewijzing
from .services import allocate, register_referral


def valid_bsn(value: str) -> str:
    """DRF field validation of a BSN with the elfproef, shared by every serializer that takes one."""
    if not is_valid_bsn(value):
        raise serializers.ValidationError("Dit is geen geldig BSN (elfproef).")
    return value


class OwnMunicipalityField(serializers.SlugRelatedField):
    """A municipality by CBS code, limited to the principal's own municipalities."""

    def __init__(self, **kwargs) -> None:
        super().__init__(slug_field="cbs_code", queryset=Municipality.objects.all(), **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return Municipality.objects.filter(pk__in=municipality_ids(request.user) if request else [])


class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField):
    """A row by id, only when it is within the principal's organisation (else 'does not exist')."""

    def get_queryset(self):
        return scope(self.context["request"].user, super().get_queryset())


class ClientSerializer(serializers.ModelSerializer):
    """Write the full identity; read it back masked."""

    municipality = OwnMunicipalityField(help_text="CBS-code van de verantwoordelijke gemeente")
    bsn = serializers.CharField(write_only=True, min_length=9, max_length=9)
    birth_date = serializers.DateField(write_only=True)
    bsn_masked = serializers.SerializerMethodField(help_text="Alleen de laatste drie cijfers")
    initials_masked = serializers.SerializerMethodField()
    birth_year = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id",
            "municipality",
            "bsn",
            "birth_date",
            "initials",
            "given_name",
            "prefix",
            "last_name",
            "gender",
            "legal_representative",
            "street",
            "house_number",
            "postcode",
            "city",
            "bsn_masked",
            "initials_masked",
            "birth_year",
        ]
        extra_kwargs = {
            name: {"write_only": True}
            for name in (
                "initials",
                "given_name",
                "prefix",
                "last_name",
                "legal_representative",
                "street",
                "house_number",
                "postcode",
                "city",
                "gender",
            )
        }

    def get_bsn_masked(self, obj) -> str:
        return mask_bsn(obj.bsn)

    def get_initials_masked(self, obj) -> str:
        return " ".join(x for x in (mask_name(obj.given_name or obj.initials), mask_name(obj.last_name)) if x)

    def get_birth_year(self, obj) -> int:
        return obj.birth_date.year

    validate_bsn = staticmethod(valid_bsn)


class ListRetrieveCreateViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """List, retrieve and create, on the rows of the caller's organisation.

    A subclass names the permission of each action in ``required_permissions``.
    """

    permission_classes = [HasPermission]


@extend_schema_view(
    list=extend_schema(
        summary="Cliënten van uw organisatie (gemaskeerd)",
        tags=["toegang"],
        parameters=[OpenApiParameter("bsn", str, description="Zoek op het volledige BSN")],
    ),
    retrieve=extend_schema(summary="Eén cliënt (gemaskeerd)", tags=["toegang"]),
    create=extend_schema(summary="Een cliënt registreren", tags=["toegang"]),
)
class ClientViewSet(ListRetrieveCreateViewSet):
    required_permissions = {"list": "client.view", "retrieve": "client.view", "create": "client.change"}
    serializer_class = ClientSerializer
    queryset = Client.objects.select_related("municipality").order_by("pk")

    def get_queryset(self):
        queryset = super().get_queryset()
        bsn = self.request.query_params.get("bsn") if self.request else None
        return queryset.filter(bsn=bsn) if bsn else queryset

    def perform_create(self, serializer):
        client = serializer.save()
        record(
            user=self.request.user,
            action=Action.CREATE,
            obj=client,
            client=client,
            route=route_of(self.request),
        )


class ReferralSerializer(serializers.ModelSerializer):
    client = ScopedPrimaryKeyField(queryset=Client.objects.all())
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    route = serializers.ChoiceField(choices=Route.choices)
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    provider = serializers.SlugRelatedField(
        slug_field="agb_code",
        queryset=Provider.objects.exclude(agb_code=None),
        required=False,
        allow_null=True,
    )

    class Meta:
        model = Referral
        fields = [
            "id",
            "client",
            "municipality",
            "route",
            "referrer_code",
            "referrer_name",
            "referrer_agb",
            "date",
            "product",
            "provider",
        ]
        read_only_fields = ["referrer_code"]


@extend_schema_view(
    list=extend_schema(summary="Verwijzingen", tags=["toegang"]),
    retrieve=extend_schema(summary="Eén verwijzing", tags=["toegang"]),
    create=extend_schema(
        summary="Een verwijzing registreren",
        description="Registreert de verwijzing en zet de eerste termijn van de route op de werkvoorraad.",
        tags=["toegang"],
    ),
)
class ReferralViewSet(ListRetrieveCreateViewSet):
    required_permissions = {"list": "client.view", "retrieve": "client.view", "create": "referral.change"}
    serializer_class = ReferralSerializer
    queryset = Referral.objects.select_related("municipality", "provider").order_by("-date", "-pk")

    def perform_create(self, serializer):
        data = serializer.validated_data
        referral = register_referral(
            client=data["client"],
            municipality=data["client"].municipality,
            route=data["route"],
            date=data["date"],
            product=data.get("product"),
            provider=data.get("provider"),
            referrer_name=data.get("referrer_name", ""),
            referrer_agb=data.get("referrer_agb", ""),
        )
        serializer.instance = referral
        record(
            user=self.request.user,
            action=Action.CREATE,
            obj=referral,
            client=referral.client,
            route=route_of(self.request),
        )


class ToewijzingSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    provider = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    status = serializers.CharField(read_only=True)
    jw301 = serializers.PrimaryKeyRelatedField(
        source="message", read_only=True, help_text="Het laatste JW301"
    )

    class Meta:
        model = Toewijzing
        fields = [
            "id",
            "number",
            "municipality",
            "client",
            "provider",
            "product_category",
            "product_code",
            "begin",
            "end",
            "volume",
            "unit",
            "frequency",
            "budget_cents",
            "toewijzing_date",
            "reden_wijziging",
            "status",
            "referral",
            "request_reference",
            "jw301",
        ]
        read_only_fields = fields


class AllocationSerializer(serializers.Serializer):
    """What the access worker allocates: the checks of toegang.checks run on it."""

    client = ScopedPrimaryKeyField(queryset=Client.objects.all())
    referral = ScopedPrimaryKeyField(queryset=Referral.objects.all(), required=False, allow_null=True)
    provider = serializers.SlugRelatedField(
        slug_field="agb_code", queryset=Provider.objects.exclude(agb_code=None)
    )
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.exclude(code=None))
    begin = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True)
    volume = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=2, help_text="WJ756")
    frequency = serializers.CharField(required=False, allow_blank=True, max_length=1, help_text="WMO757")
    budget_cents = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    bridging = serializers.BooleanField(required=False, default=False)
    expert_advice = serializers.CharField(
        required=False, allow_blank=True, max_length=64, help_text="Referentie van het expertpool-advies"
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=200)
    reasons = serializers.DictField(
        child=serializers.CharField(max_length=2000),
        required=False,
        help_text="Per signalerende regel (code) de reden om toch toe te wijzen",
    )


class RefusalSerializer(ProblemSerializer):
    findings = serializers.ListField(
        child=serializers.DictField(),
        help_text="Per regel: code, tekst en soort (weigert, of signaleert: geef dan een reden in reasons)",
    )


@extend_schema_view(
    list=extend_schema(summary="Toewijzingen", tags=["toegang"]),
    retrieve=extend_schema(summary="Eén toewijzing", tags=["toegang"]),
)
class ToewijzingViewSet(ListRetrieveCreateViewSet):
    required_permissions = {
        "list": "toewijzing.view",
        "retrieve": "toewijzing.view",
        "create": "toewijzing.change",
    }
    serializer_class = ToewijzingSerializer
    queryset = Toewijzing.objects.select_related("municipality", "provider").order_by(
        "municipality", "number"
    )

    def get_serializer_class(self):
        return AllocationSerializer if self.action == "create" else ToewijzingSerializer

    @extend_schema(
        summary="Een product toewijzen (JW301)",
        description=(
            "Controleert de toewijzing (contract, leeftijd, verwijzer, combinaties, cliëntenstop, duur), "
            "maakt haar aan en stuurt de JW301; de aanbieder ontvangt die direct en antwoordt met een JW302."
        ),
        tags=["toegang"],
        request=AllocationSerializer,
        responses={
            201: ToewijzingSerializer,
            422: OpenApiResponse(RefusalSerializer, description="Geweigerd: de regels staan in findings"),
        },
    )
    def create(self, request, *args, **kwargs):
        serializer = AllocationSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        client = data["client"]
        if client.municipality_id not in municipality_ids(request.user):
            return problem(status.HTTP_403_FORBIDDEN, "Deze cliënt hoort niet bij uw gemeente.")
        try:
            with transaction.atomic():
                toewijzing = allocate(
                    municipality=client.municipality,
                    client=client,
                    provider=data["provider"],
                    product=data["product"],
                    begin=data["begin"],
                    end=data.get("end"),
                    volume=data.get("volume"),
                    unit=data.get("unit") or ("" if not data.get("volume") else None),
                    frequency=data.get("frequency") or ("" if not data.get("volume") else None),
                    budget_cents=data.get("budget_cents"),
                    referral=data.get("referral"),
                    bridging=data.get("bridging", False),
                    expert_advice=data.get("expert_advice", ""),
                    comment=data.get("comment", ""),
                    reasons=data.get("reasons") or {},
                    recorded_by=request.user,
                )
        except AllocationRefused as refused:
            return problem(
                422,
                str(refused),
                type_="urn:jeugdketen:probleem:toewijzing-geweigerd",
                extra={
                    "title": "Toewijzing geweigerd",
                    "findings": [{"code": f.rule, "text": f.text, "kind": f.kind} for f in refused.findings],
                },
            )
        toewijzing.refresh_from_db()
        if toewijzing.message is not None:
            exchange(toewijzing.message)
        record(
            user=request.user,
            action=Action.CREATE,
            obj=toewijzing,
            client=client,
            route=route_of(request),
            detail="JW301",
        )
        toewijzing.refresh_from_db()
        return Response(ToewijzingSerializer(toewijzing).data, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("clienten", ClientViewSet, basename="client")
    router.register("verwijzingen", ReferralViewSet, basename="verwijzing")
    router.register("toewijzingen", ToewijzingViewSet, basename="toewijzing")
