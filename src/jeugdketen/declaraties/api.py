"""REST API for declarations: read the judged declarations, their lines and what is open to pay."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from jeugdketen.api.permissions import HasPermission, ScopedQuerysetMixin

from .models import Betaalverplichting, Declaratie, Prestatie


class DeclaratieSerializer(serializers.ModelSerializer):
    provider = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)

    class Meta:
        model = Declaratie
        fields = [
            "id", "number", "provider", "municipality", "period_begin", "period_end", "dagtekening",
            "received_on", "status", "retourcodes", "findings", "total_submitted_cents",
            "total_accepted_cents", "lines_total", "lines_rejected",
        ]  # fmt: skip


class PrestatieSerializer(serializers.ModelSerializer):
    class Meta:
        model = Prestatie
        fields = [
            "id", "declaratie", "position", "reference", "previous_reference", "toewijzing_number",
            "product_category", "product_code", "begin", "end", "volume", "unit", "tariff_cents",
            "amount_cents", "debit_credit", "accepted", "retourcodes", "findings", "credited",
        ]  # fmt: skip


class BetaalverplichtingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Betaalverplichting
        fields = ["id", "declaratie", "product_code", "month", "amount_cents", "paid_cents", "due", "paid_on"]


class ScopedViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasPermission]
    required_permission = "declaratie.view"


class DeclaratieViewSet(ScopedViewSet):
    """Judged declarations (JW323) with totals submitted and accepted, in eurocents (credit negative)."""

    serializer_class = DeclaratieSerializer
    queryset = Declaratie.objects.select_related("provider", "municipality")


class PrestatieViewSet(ScopedViewSet):
    """Every Prestatie with its verdict: the rule, retourcode and Dutch explanation of each finding."""

    serializer_class = PrestatieSerializer
    queryset = Prestatie.objects.order_by("declaratie", "position")

    def get_queryset(self):
        queryset = super().get_queryset()
        declaratie = self.request.query_params.get("declaratie")
        if declaratie and declaratie.isdigit():
            queryset = queryset.filter(declaratie_id=int(declaratie))
        if self.request.query_params.get("afgewezen") == "1":
            queryset = queryset.filter(accepted=False)
        return queryset


class BetaalverplichtingViewSet(ScopedViewSet):
    """Payment obligations, due 30 days after receipt of the declaration."""

    serializer_class = BetaalverplichtingSerializer
    queryset = Betaalverplichting.objects.order_by("due", "id")


def register(router) -> None:
    router.register("declaraties", DeclaratieViewSet, basename="declaratie")
    router.register("prestaties", PrestatieViewSet, basename="prestatie")
    router.register("betaalverplichtingen", BetaalverplichtingViewSet, basename="betaalverplichting")
    from .backoffice_api import GeleverdeZorgViewSet

    router.register("geleverde-zorg", GeleverdeZorgViewSet, basename="geleverde-zorg")
