"""REST API of delivery: starts (JW305), stops (JW307), requests (JW315), the worklist.

A provider registers a start or stop by POSTing it; the service builds the iJw message and
the municipality inside the system processes it at once. The answer carries the message and
the municipality's verdict (the issues with their rule code and retourcode), so a provider's
system sees a TR019 as clearly as the web page does.
"""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdketen.accounts.access import MUNICIPALITY_ROLES, provider_id, scope
from jeugdketen.api.permissions import HasPermission, ScopedQuerysetMixin
from jeugdketen.api.problems import problem
from jeugdketen.audit.log import Action, record, route_of
from jeugdketen.berichten.services import new_identification
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.ijw import codes
from jeugdketen.toegang.api import (
    ListRetrieveCreateViewSet,
    ScopedPrimaryKeyField,
    ToewijzingSerializer,
    valid_bsn,
)
from jeugdketen.toegang.models import AllocationRequest, Client, Toewijzing

from . import services
from .deadlines import waiting_list
from .models import Start, Stop, Task


class SentSerializer(serializers.Serializer):
    """What was sent and how the other party received it."""

    message = serializers.IntegerField(help_text="Id van het verstuurde bericht (GET /berichten/{id})")
    code = serializers.CharField()
    accepted = serializers.BooleanField(allow_null=True)
    errors = serializers.ListField(
        child=serializers.DictField(), help_text="Regel, retourcode, plaats, tekst"
    )
    produced = serializers.ListField(child=serializers.DictField(), help_text="Antwoorden: id en berichtcode")


def sent_body(sent) -> dict:
    return {
        "message": sent.message.pk,
        "code": sent.message.code,
        "accepted": sent.accepted,
        "errors": sent.errors,
        "produced": [{"id": m.pk, "code": m.code} for m in sent.produced],
    }


class StartSerializer(serializers.ModelSerializer):
    toewijzing = ScopedPrimaryKeyField(queryset=Toewijzing.objects.all())

    class Meta:
        model = Start
        fields = ["id", "toewijzing", "date", "message", "registered"]
        read_only_fields = ["message", "registered"]


class StopSerializer(serializers.ModelSerializer):
    toewijzing = ScopedPrimaryKeyField(queryset=Toewijzing.objects.all())
    reason = serializers.ChoiceField(choices=list(codes.JZ588.codes.items()), help_text="JZ588")

    class Meta:
        model = Stop
        fields = ["id", "toewijzing", "date", "reason", "message", "registered"]
        read_only_fields = ["message", "registered"]


class _Delivery(ListRetrieveCreateViewSet):
    required_permissions = {
        "list": "toewijzing.view",
        "retrieve": "toewijzing.view",
        "create": "delivery.change",
    }

    def _own(self, toewijzing) -> bool:
        return toewijzing.provider_id == provider_id(self.request.user)

    def _sent(self, sent, code: str, *, client=None) -> Response:
        """Audit the message sent; answer 201 when the municipality accepted it, 422 when not."""
        record(
            user=self.request.user,
            action=Action.MESSAGE,
            obj=sent.message,
            client=client,
            route=route_of(self.request),
            detail=code,
        )
        return Response(sent_body(sent), status=201 if sent.accepted else 422)


@extend_schema_view(
    list=extend_schema(summary="Starts van zorg", tags=["levering"]),
    retrieve=extend_schema(summary="Eén start", tags=["levering"]),
)
class StartViewSet(_Delivery):
    serializer_class = StartSerializer
    queryset = Start.objects.order_by("-date", "-pk")

    @extend_schema(
        summary="Start van zorg melden (JW305)",
        description="De gemeente verwerkt de JW305 direct en antwoordt met een JW306.",
        tags=["levering"],
        request=StartSerializer,
        responses={201: SentSerializer, 422: SentSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        toewijzing = serializer.validated_data["toewijzing"]
        if not self._own(toewijzing):
            return problem(status.HTTP_403_FORBIDDEN, "Alleen de aanbieder van de toewijzing meldt de start.")
        sent = services.report_start(toewijzing, serializer.validated_data["date"])
        return self._sent(sent, "JW305", client=toewijzing.client)


@extend_schema_view(
    list=extend_schema(summary="Stops van zorg", tags=["levering"]),
    retrieve=extend_schema(summary="Eén stop", tags=["levering"]),
)
class StopViewSet(_Delivery):
    serializer_class = StopSerializer
    queryset = Stop.objects.order_by("-date", "-pk")

    @extend_schema(
        summary="Stop van zorg melden (JW307)",
        description="Stopt de laatste start van de toewijzing; de gemeente antwoordt met een JW308.",
        tags=["levering"],
        request=StopSerializer,
        responses={201: SentSerializer, 422: SentSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        toewijzing = data["toewijzing"]
        if not self._own(toewijzing):
            return problem(status.HTTP_403_FORBIDDEN, "Alleen de aanbieder van de toewijzing meldt de stop.")
        try:
            sent = services.report_stop(toewijzing, data["date"], data["reason"])
        except ValueError as error:
            return problem(status.HTTP_400_BAD_REQUEST, str(error))
        return self._sent(sent, "JW307", client=toewijzing.client)


class RequestSerializer(serializers.ModelSerializer):
    municipality = serializers.SlugRelatedField(slug_field="cbs_code", read_only=True)
    provider = serializers.SlugRelatedField(slug_field="agb_code", read_only=True)

    class Meta:
        model = AllocationRequest
        fields = [
            "id",
            "kind",
            "reference",
            "municipality",
            "provider",
            "client",
            "product_category",
            "product_code",
            "begin",
            "end",
            "volume",
            "unit",
            "frequency",
            "referrer_code",
            "received_on",
            "status",
            "refusal_reason",
            "refusal_rule",
            "toewijzing",
        ]
        read_only_fields = fields


class NewRequestSerializer(serializers.Serializer):
    """A JW315 with one AangevraagdProduct: the client as the referral names it."""

    municipality = serializers.SlugRelatedField(slug_field="cbs_code", queryset=Municipality.objects.all())
    bsn = serializers.CharField(min_length=9, max_length=9)
    birth_date = serializers.DateField()
    gender = serializers.ChoiceField(choices=list(codes.COD046.codes.items()), default="0")
    initials = serializers.CharField(required=False, allow_blank=True, max_length=6)
    prefix = serializers.CharField(required=False, allow_blank=True, max_length=10)
    last_name = serializers.CharField(max_length=200)
    reference = serializers.CharField(required=False, max_length=20, help_text="ReferentieAanbieder")
    product_category = serializers.CharField(max_length=2)
    product_code = serializers.CharField(max_length=5, required=False, allow_blank=True)
    begin = serializers.DateField()
    end = serializers.DateField(required=False, allow_null=True)
    volume = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    unit = serializers.CharField(required=False, allow_blank=True, max_length=2)
    frequency = serializers.CharField(required=False, allow_blank=True, max_length=1)
    referrer_code = serializers.ChoiceField(choices=list(codes.COD327.codes.items()))
    referrer_agb = serializers.CharField(required=False, allow_blank=True, max_length=8)
    referrer_name = serializers.CharField(required=False, allow_blank=True, max_length=255)

    validate_bsn = staticmethod(valid_bsn)


@extend_schema_view(
    list=extend_schema(summary="Verzoeken om toewijzing en wijziging", tags=["levering"]),
    retrieve=extend_schema(summary="Eén verzoek", tags=["levering"]),
)
class RequestViewSet(_Delivery):
    serializer_class = RequestSerializer
    queryset = AllocationRequest.objects.select_related("municipality", "provider").order_by(
        "-received_on", "-pk"
    )

    @extend_schema(
        summary="Verzoek om toewijzing versturen (JW315)",
        description=(
            "De gemeente verwerkt de JW315 direct: JW316, en dan een JW301 (toegewezen) of een JW319 "
            "(afgewezen, met reden). Alle antwoorden staan in `produced`."
        ),
        tags=["levering"],
        request=NewRequestSerializer,
        responses={201: SentSerializer, 422: SentSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = NewRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        provider = Provider.objects.filter(pk=provider_id(request.user)).first()
        if provider is None:
            return problem(
                status.HTTP_403_FORBIDDEN, "Alleen een aanbieder verstuurt een verzoek om toewijzing."
            )
        client = Client(
            bsn=data["bsn"],
            birth_date=data["birth_date"],
            gender=data["gender"],
            initials=data.get("initials", ""),
            prefix=data.get("prefix", ""),
            last_name=data["last_name"],
        )
        item = services.Requested(
            reference=data.get("reference") or new_identification(),
            category=data["product_category"],
            code=data.get("product_code") or None,
            begin=data["begin"],
            end=data.get("end"),
            volume=data.get("volume"),
            unit=data.get("unit", ""),
            frequency=data.get("frequency", ""),
            referrer_code=data["referrer_code"],
            referrer_agb=data.get("referrer_agb", ""),
            referrer_name=data.get("referrer_name", ""),
        )
        sent = services.request_allocation(
            provider=provider, municipality=data["municipality"], client=client, items=[item]
        )
        return self._sent(sent, "JW315")


class TaskSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = [
            "id",
            "kind",
            "party",
            "title",
            "start",
            "working_days",
            "due",
            "done_on",
            "overdue",
            "client",
            "toewijzing",
            "referral",
            "request",
        ]
        read_only_fields = fields

    def get_overdue(self, obj) -> bool:
        return obj.done_on is None and obj.due < dt.date.today()


@extend_schema_view(
    list=extend_schema(
        summary="Werkvoorraad: termijnen van uw partij",
        description="Open taken van uw eigen partij (toegangsteam of aanbieder), de meest dringende eerst.",
        tags=["levering"],
        parameters=[
            OpenApiParameter("te_laat", bool, description="Alleen verlopen taken"),
            OpenApiParameter("alle", bool, description="Ook afgeronde taken en die van de andere partij"),
        ],
    ),
    retrieve=extend_schema(summary="Eén taak", tags=["levering"]),
)
class TaskViewSet(ScopedQuerysetMixin, viewsets.ReadOnlyModelViewSet):
    permission_classes = [HasPermission]
    required_permission = "worklist.view"
    serializer_class = TaskSerializer
    queryset = Task.objects.order_by("due", "pk")

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.action != "list":
            return queryset
        params = self.request.query_params
        if params.get("alle") not in ("1", "true"):
            role = getattr(self.request.user, "role", None)
            party = Task.Party.GEMEENTE if role in MUNICIPALITY_ROLES else Task.Party.AANBIEDER
            queryset = queryset.filter(party=party, done_on=None)
        if params.get("te_laat") in ("1", "true"):
            queryset = queryset.filter(done_on=None, due__lt=dt.date.today())
        return queryset

    @extend_schema(
        summary="Wachtlijst: toewijzingen zonder start na 10 werkdagen",
        tags=["levering"],
        responses=ToewijzingSerializer(many=True),
    )
    @action(detail=False, url_path="wachtlijst")
    def wachtlijst(self, request):
        rows = scope(request.user, waiting_list()).order_by("toewijzing_date", "pk")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(ToewijzingSerializer(page, many=True).data)


def register(router) -> None:
    router.register("starts", StartViewSet, basename="start")
    router.register("stops", StopViewSet, basename="stop")
    router.register("verzoeken", RequestViewSet, basename="verzoek")
    router.register("taken", TaskViewSet, basename="taak")
