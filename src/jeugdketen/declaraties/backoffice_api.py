"""REST API of the provider's back office: register delivered care, bill the month, credit and rebill.

The same services as the screens (:mod:`jeugdketen.declaraties.backoffice`): a registration
that does not fit the toewijzing is refused with 422 and its findings; a JW323 goes through
the message exchange and the answer holds the JW325's verdict.
"""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from jeugdketen.accounts.access import provider_id
from jeugdketen.api.permissions import HasPermission, ScopedQuerysetMixin
from jeugdketen.api.problems import ProblemSerializer, problem
from jeugdketen.audit.log import Action, record, route_of
from jeugdketen.catalogus.models import Municipality, Provider
from jeugdketen.toegang.models import Toewijzing

from . import backoffice
from . import views as screens
from .models import Declaratie, GeleverdeZorg


class GeleverdeZorgSerializer(serializers.ModelSerializer):
    toewijzing = serializers.PrimaryKeyRelatedField(queryset=Toewijzing.objects.none())

    class Meta:
        model = GeleverdeZorg
        fields = [
            "id", "toewijzing", "begin", "end", "volume", "tariff", "reference", "credit_reference",
            "declaratie_number", "status", "retourcodes", "advice",
        ]  # fmt: skip
        read_only_fields = [
            "tariff", "reference", "credit_reference", "declaratie_number", "status", "retourcodes", "advice",
        ]  # fmt: skip
        extra_kwargs = {"volume": {"min_value": 1, "max_value": 10_000_000}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        own = provider_id(request.user) if request is not None else None
        self.fields["toewijzing"].queryset = (
            Toewijzing.objects.filter(provider_id=own) if own else Toewijzing.objects.none()
        )


class BillSerializer(serializers.Serializer):
    gemeente = serializers.RegexField(r"^\d{4}$", help_text="CBS-code van de gemeente")
    maand = serializers.DateField(help_text="Een dag in de maand die wordt gedeclareerd")

    def validate_maand(self, value: dt.date) -> dt.date:
        if not 2000 <= value.year <= dt.date.today().year:
            raise serializers.ValidationError("Kies een maand uit het verleden, niet vóór 2000.")
        return value


class RebillSerializer(serializers.Serializer):
    volume = serializers.IntegerField(min_value=1, max_value=10_000_000, required=False)
    tariff = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, required=False)


class FindingsSerializer(ProblemSerializer):
    findings = serializers.ListField(child=serializers.CharField(), help_text="Waarom het niet past")


class BilledSerializer(serializers.Serializer):
    jw323 = serializers.CharField(help_text="BerichtIdentificatie van de JW323")
    jw325 = serializers.CharField(allow_null=True)
    declaratie = serializers.IntegerField(allow_null=True, help_text="id in /api/v1/declaraties")
    lines_total = serializers.IntegerField(allow_null=True)
    lines_rejected = serializers.IntegerField(allow_null=True)


def _billed(billed) -> dict:
    declaratie = Declaratie.objects.filter(message__identification=billed.message.identification).first()
    return {
        "jw323": billed.message.identification,
        "jw325": billed.answer.identification if billed.answer else None,
        "declaratie": declaratie.pk if declaratie else None,
        "lines_total": declaratie.lines_total if declaratie else None,
        "lines_rejected": declaratie.lines_rejected if declaratie else None,
    }


@extend_schema_view(
    list=extend_schema(summary="Geregistreerde geleverde zorg van uw organisatie", tags=["declaraties"]),
    retrieve=extend_schema(summary="Eén registratie", tags=["declaraties"]),
    create=extend_schema(
        summary="Geleverde zorg registreren",
        description="Gecontroleerd tegen de toewijzing (periode, start, volume, eenheid); tegen het "
        "contracttarief. Een deel van een maand die al is gedeclareerd wordt geweigerd: crediteer en "
        "declareer die regel opnieuw. 422 met de bevindingen als het niet past.",
        tags=["declaraties"],
        responses={
            201: GeleverdeZorgSerializer,
            422: OpenApiResponse(FindingsSerializer, description="Past niet bij de toewijzing"),
        },
    ),
)
class GeleverdeZorgViewSet(
    ScopedQuerysetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [HasPermission]
    required_permission = "declaratie.submit"
    serializer_class = GeleverdeZorgSerializer
    queryset = GeleverdeZorg.objects.select_related("toewijzing").order_by("-pk")

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            delivery = backoffice.register(
                data["toewijzing"], begin=data["begin"], end=data["end"], volume=data["volume"]
            )
        except backoffice.RegistrationRefused as refused:
            return problem(
                422, "De registratie past niet bij de toewijzing.", extra={"findings": refused.findings}
            )
        record(user=request.user, action=Action.CREATE, obj=delivery, route=route_of(request), detail="zorg")
        return Response(self.get_serializer(delivery).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="De maanddeclaratie (JW323) maken en versturen",
        description="Alle open registraties voor de gemeente tot en met het einde van de maand. De "
        "registraties van één toewijzing in één maand tegen één tarief worden één prestatieregel over "
        "de hele maand (begrensd door de toewijzing), zoals de gemeente die aanneemt (TR387/TR388).",
        tags=["declaraties"],
        request=BillSerializer,
        responses={
            201: BilledSerializer,
            204: OpenApiResponse(description="Niets te declareren"),
            403: OpenApiResponse(ProblemSerializer, description="Geen aanbieder"),
            422: OpenApiResponse(ProblemSerializer, description="Onbekende gemeente"),
        },
    )
    @action(detail=False, methods=["post"], url_path="declareren")
    def bill(self, request):
        serializer = BillSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        municipality = Municipality.objects.filter(cbs_code=serializer.validated_data["gemeente"]).first()
        if municipality is None:
            return problem(422, "Onbekende gemeente.")
        month: dt.date = serializer.validated_data["maand"]
        provider = Provider.objects.filter(pk=provider_id(request.user) or 0).first()
        if provider is None:
            return problem(403, "Alleen een aanbieder declareert.")
        billed = backoffice.bill_month(provider, municipality, month, today=screens.today())
        if billed.message is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        record(
            user=request.user,
            action=Action.MESSAGE,
            obj=billed.message,
            route=route_of(request),
            detail="JW323",
        )
        return Response(_billed(billed), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Crediteren en opnieuw declareren",
        description="Eén JW323 met de creditregel (VorigReferentieNummer) en de herstelde regel. Een "
        "regel die registraties samenvoegt wordt in zijn geheel gecrediteerd en opnieuw gedeclareerd.",
        tags=["declaraties"],
        request=RebillSerializer,
        responses={
            201: BilledSerializer,
            409: OpenApiResponse(
                ProblemSerializer, description="De regel is (nog) niet beoordeeld of al gecrediteerd"
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="crediteren")
    def rebill(self, request, pk=None):
        delivery = self.get_object()
        serializer = RebillSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            billed = backoffice.credit_and_rebill(
                delivery,
                volume=serializer.validated_data.get("volume"),
                tariff=serializer.validated_data.get("tariff"),
                today=screens.today(),
            )
        except ValueError as error:
            return problem(409, str(error))
        record(
            user=request.user,
            action=Action.MESSAGE,
            obj=billed.message,
            route=route_of(request),
            detail="JW323",
        )
        return Response(_billed(billed), status=status.HTTP_201_CREATED)
