"""REST API for declarations: read the judged declarations, their lines and what is open to pay."""

from __future__ import annotations

from rest_framework import mixins, serializers, viewsets
from rest_framework.reverse import reverse

from jeugdketen.api.permissions import HasPermission, ScopedQuerysetMixin

from .models import Betaalverplichting, Declaratie, Intake, Prestatie


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


class IntakeSerializer(serializers.ModelSerializer):
    """Where a large JW323 is: in the queue, being judged (lines judged of the total), or judged,
    with links to the message, its JW325 answer and the declaration once they exist."""

    id = serializers.UUIDField(source="public_id", read_only=True)
    url = serializers.SerializerMethodField()
    lines_judged = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    answer = serializers.SerializerMethodField()
    declaratie = serializers.SerializerMethodField()

    class Meta:
        model = Intake
        fields = [
            "id", "url", "status", "sender", "receiver", "identification", "received_on", "lines_total",
            "lines_judged", "attempts", "error", "message", "answer", "declaratie", "created", "finished",
        ]  # fmt: skip
        read_only_fields = fields

    def _link(self, name: str, pk) -> str | None:
        if pk is None:
            return None
        return reverse(f"api:{name}-detail", args=[pk], request=self.context.get("request"))

    def get_url(self, intake: Intake) -> str:
        return self._link("verwerking", intake.public_id)

    def get_lines_judged(self, intake: Intake) -> int:
        from .background import lines_judged

        return lines_judged(intake)

    def get_message(self, intake: Intake) -> str | None:
        return self._link("bericht", intake.message_id)

    def get_answer(self, intake: Intake) -> str | None:
        if intake.message_id is None:
            return None
        answer = intake.message.replies.filter(code="JW325").order_by("id").values_list("pk", flat=True)
        return self._link("bericht", answer.first())

    def get_declaratie(self, intake: Intake) -> str | None:
        if intake.message_id is None:
            return None
        return self._link(
            "declaratie",
            Declaratie.objects.filter(message_id=intake.message_id).values_list("pk", flat=True).first(),
        )


class IntakeViewSet(
    ScopedQuerysetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The status of large JW323s judged in the background; the upload answers 202 with this URL."""

    permission_classes = [HasPermission]
    required_permission = "message.view"
    serializer_class = IntakeSerializer
    # Polled every few seconds: never read the message itself (a JW323 of 100,000 lines is about 70 MB).
    queryset = (
        Intake.objects.select_related("message").defer("xml", "message__xml").order_by("-created", "-id")
    )
    lookup_field = "public_id"
    lookup_value_regex = "[0-9a-f-]{36}"


def register(router) -> None:
    router.register("declaraties", DeclaratieViewSet, basename="declaratie")
    router.register("prestaties", PrestatieViewSet, basename="prestatie")
    router.register("betaalverplichtingen", BetaalverplichtingViewSet, basename="betaalverplichting")
    router.register("verwerkingen", IntakeViewSet, basename="verwerking")
    from .backoffice_api import GeleverdeZorgViewSet

    router.register("geleverde-zorg", GeleverdeZorgViewSet, basename="geleverde-zorg")
