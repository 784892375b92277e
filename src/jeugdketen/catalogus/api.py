"""Read-only REST API for the catalogue."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from .export import product_record, products_queryset
from .models import Provider, Region


class RegionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["slug", "name", "year", "document", "description"]


class TariffSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    amount = serializers.CharField(help_text="euro, decimal string")
    unit = serializers.CharField()
    variant = serializers.ChoiceField(choices=["regular", "micro"])
    in_conflict = serializers.BooleanField()


class ProductSerializer(serializers.Serializer):
    """One product as in `jeugdketen catalog export`."""

    region = serializers.CharField()
    code = serializers.CharField(allow_null=True)
    category = serializers.CharField(allow_null=True, help_text="iJw JZ020")
    name = serializers.CharField()
    lot = serializers.CharField(allow_null=True)
    level = serializers.CharField(allow_null=True)
    unit = serializers.DictField()
    frequency = serializers.CharField(allow_null=True)
    tariffs = TariffSerializer(many=True)
    limits = serializers.DictField()
    age = serializers.DictField()
    referrers = serializers.ListField(child=serializers.CharField(), allow_null=True)
    staff = serializers.DictField()
    excludes = serializers.ListField(child=serializers.CharField())
    providers = serializers.ListField(child=serializers.CharField())
    source = serializers.DictField()
    conflicts = serializers.ListField(child=serializers.DictField())

    def to_representation(self, instance):
        return product_record(instance)


class ProviderSerializer(serializers.ModelSerializer):
    contract_holder = serializers.SlugRelatedField(slug_field="name", read_only=True)

    class Meta:
        model = Provider
        fields = ["id", "name", "agb_code", "is_contract_holder", "contract_holder"]


@extend_schema_view(list=extend_schema(summary="Regio's met een productenboek"))
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The catalogue is public information: anyone may read it."""

    permission_classes = [AllowAny]
    serializer_class = RegionSerializer
    queryset = Region.objects.all()
    lookup_field = "slug"


@extend_schema_view(
    list=extend_schema(
        summary="Producten uit de productenboeken",
        parameters=[
            OpenApiParameter("region", str, description="regio-slug, bv. noordoost-brabant-2021"),
            OpenApiParameter("category", str, description="iJw productcategorie (JZ020)"),
            OpenApiParameter("code", str, description="productcode"),
        ],
    )
)
class ProductViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = ProductSerializer

    def get_queryset(self):
        params = self.request.query_params
        queryset = products_queryset(params.get("region"))
        if params.get("category"):
            queryset = queryset.filter(category=params["category"])
        if params.get("code"):
            queryset = queryset.filter(code__iexact=params["code"])
        return queryset


class ProviderViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]
    serializer_class = ProviderSerializer
    queryset = Provider.objects.select_related("contract_holder").order_by("name")


def register(router) -> None:
    router.register("catalogus/regios", RegionViewSet, basename="region")
    router.register("catalogus/producten", ProductViewSet, basename="product")
    router.register("catalogus/aanbieders", ProviderViewSet, basename="provider")
