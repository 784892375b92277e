"""REST API for declarations: read the judged declarations, their lines and what is open to pay."""

from __future__ import annotations

from rest_framework import permissions, serializers, viewsets

from jeugdketen.accounts.access import has_perm, scope

from .models import Betaalverplichting, Declaratie, Prestatie


class CanViewDeclarations(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return has_perm(request.user, "declaratie.view")


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


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [CanViewDeclarations]
    base_queryset = None

    def get_queryset(self):
        return scope(self.request.user, self.base_queryset.all())


class DeclaratieViewSet(ScopedViewSet):
    """Judged declarations (JW323) with totals submitted and accepted, in eurocents (credit negative)."""

    serializer_class = DeclaratieSerializer
    base_queryset = Declaratie.objects.select_related("provider", "municipality")


class PrestatieViewSet(ScopedViewSet):
    """Every Prestatie with its verdict: the rule, retourcode and Dutch explanation of each finding."""

    serializer_class = PrestatieSerializer
    base_queryset = Prestatie.objects.order_by("declaratie", "position")

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
    base_queryset = Betaalverplichting.objects.order_by("due", "id")


def register(router) -> None:
    router.register("declaraties", DeclaratieViewSet, basename="declaratie")
    router.register("prestaties", PrestatieViewSet, basename="prestatie")
    router.register("betaalverplichtingen", BetaalverplichtingViewSet, basename="betaalverplichting")
