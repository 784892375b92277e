"""iJw message upload: ``POST /api/v1/berichten`` with ``Content-Type: application/xml``.

What happens to an upload, in order, each step with its own RFC 9457 answer:

1. anything but XML is refused (415), a body over ``IJW_MAX_MESSAGE_BYTES`` too (413);
2. the hardened parser refuses DTDs/entities (XXE, billion laughs), malformed XML and
   non-iJw documents (400, ``type`` names the reason) — nothing is stored;
3. the header's Afzender must be the token's own organisation (403) — nobody sends in
   another's name;
4. the berichten app's ``receive_upload`` service handles the message when it exists;
   until then the message is judged with :func:`jeugdketen.ijw.validate.validate` and kept
   in the inbox (:class:`jeugdketen.berichten.models.Message`), once per sender and
   BerichtIdentificatie: sending the same message again returns the first verdict (200);
5. a JW323 larger than ``JEUGDKETEN_INTAKE_AT_ONCE_LINES`` Prestaties is not judged in the
   request: it is queued for a worker and answered ``202 Accepted`` with a ``Location`` to its
   status (``/api/v1/verwerkingen/{id}``), see :mod:`jeugdketen.declaraties.background`.
"""

from __future__ import annotations

import importlib
from datetime import date

from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response

from jeugdketen.accounts.access import municipality_ids, provider_id
from jeugdketen.audit.log import record, route_of
from jeugdketen.berichten.models import Message
from jeugdketen.declaraties.api import IntakeSerializer
from jeugdketen.ijw import xml as ijw_xml

from .parsers import IjwXmlParser, PayloadTooLarge, TextXmlParser, check_declared_length, max_message_bytes
from .permissions import HasPermission, ScopedQuerysetMixin
from .problems import ProblemSerializer, problem

PROBLEM_TYPES = {
    ijw_xml.UnsafeXmlError: "urn:jeugdketen:probleem:onveilige-xml",
    ijw_xml.MalformedXmlError: "urn:jeugdketen:probleem:ongeldige-xml",
    ijw_xml.NotIjwError: "urn:jeugdketen:probleem:geen-ijw",
    ijw_xml.WrongNamespaceError: "urn:jeugdketen:probleem:verkeerde-namespace",
}


class MessageSerializer(serializers.ModelSerializer):
    """A message's envelope and verdict; never its XML, which holds personal data."""

    verdict = serializers.JSONField(read_only=True)

    class Meta:
        model = Message
        fields = [
            "id",
            "direction",
            "code",
            "sender",
            "receiver",
            "identification",
            "dagtekening",
            "accepted",
            "verdict",
            "created",
        ]
        read_only_fields = fields


def _received_before(code: str, header: dict[str, str]) -> bool:
    return Message.objects.filter(
        direction=Message.Direction.IN,
        code=code,
        sender=header["Afzender"],
        identification=header["Identificatie"],
    ).exists()


def _header(root) -> dict[str, str]:
    values = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = element.tag.rpartition("}")[2]
        if name in {"Afzender", "Ontvanger", "Identificatie", "Dagtekening"} and name not in values:
            values[name] = (element.text or "").strip()
        if name == "XsdVersie":
            break
    return values


def _own_codes(principal) -> set[str]:
    from jeugdketen.catalogus.models import Municipality, Provider

    codes = set(
        Municipality.objects.filter(pk__in=municipality_ids(principal)).values_list("cbs_code", flat=True)
    )
    if provider_id(principal):
        codes |= {
            code
            for code in Provider.objects.filter(pk=provider_id(principal)).values_list("agb_code", flat=True)
            if code
        }
    return codes


def _berichten_service():
    try:
        module = importlib.import_module("jeugdketen.berichten.services")
    except ImportError:
        return None
    return getattr(module, "receive_upload", None)


def _store(principal, document, data: bytes, header: dict[str, str]) -> tuple[Message, bool]:
    """Judge and keep the message; the unique constraint makes a resend a no-op."""
    from jeugdketen.catalogus.models import Municipality, Provider
    from jeugdketen.ijw.validate import validate

    existing = Message.objects.filter(
        direction=Message.Direction.IN,
        code=document.code,
        sender=header["Afzender"],
        identification=header["Identificatie"],
    ).first()
    if existing is not None:
        return existing, False
    report = validate(document)
    try:
        dagtekening = date.fromisoformat(header.get("Dagtekening", ""))
    except ValueError:
        dagtekening = date.today()
    codes = {header.get("Afzender", ""), header.get("Ontvanger", "")}
    municipality = Municipality.objects.filter(cbs_code__in=codes).first()
    provider = Provider.objects.filter(agb_code__in=codes - {""}).first()
    try:
        with transaction.atomic():
            message = Message.objects.create(
                direction=Message.Direction.IN,
                code=document.code,
                sender=header["Afzender"][:8],
                receiver=header.get("Ontvanger", "")[:8],
                identification=header["Identificatie"][:20],
                dagtekening=dagtekening,
                xml=data.decode("utf-8", errors="replace"),
                accepted=report.ok,
                verdict=[issue.as_dict() for issue in report.issues],
                municipality=municipality,
                provider=provider,
            )
    except IntegrityError:
        return Message.objects.get(
            direction=Message.Direction.IN,
            code=document.code,
            sender=header["Afzender"],
            identification=header["Identificatie"],
        ), False
    return message, True


@extend_schema_view(
    list=extend_schema(summary="Berichten van uw organisatie", tags=["berichten"]),
    retrieve=extend_schema(summary="Eén bericht met zijn oordeel", tags=["berichten"]),
    create=extend_schema(
        summary="Een iJw-bericht aanbieden",
        description=(
            "Stuur één iJw 3.2-bericht als `application/xml`. Het bericht wordt veilig ingelezen "
            "(geen DTD of entiteiten), gecontroleerd en één keer verwerkt: hetzelfde bericht "
            "opnieuw sturen geeft het eerste oordeel terug."
        ),
        tags=["berichten"],
        request={"application/xml": {"type": "string", "format": "binary"}},
        responses={
            201: MessageSerializer,
            200: OpenApiResponse(MessageSerializer, description="Dit bericht was al ontvangen"),
            202: OpenApiResponse(
                IntakeSerializer,
                description=(
                    "Een grote declaratie (JW323) wordt op de achtergrond beoordeeld; volg de "
                    "status-URL (Location) tot het antwoord (JW325) klaar is"
                ),
            ),
            400: OpenApiResponse(ProblemSerializer, description="Geen (veilig) iJw-bericht"),
            403: OpenApiResponse(ProblemSerializer, description="Afzender is niet uw organisatie"),
            413: OpenApiResponse(ProblemSerializer, description="Bericht te groot"),
            415: OpenApiResponse(ProblemSerializer, description="Geen application/xml"),
        },
        examples=[OpenApiExample("JW315", value="<jw315:Bericht ...>", request_only=True)],
    ),
)
class MessageViewSet(
    ScopedQuerysetMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = [HasPermission]
    required_permissions = {"list": "message.view", "retrieve": "message.view", "create": "message.send"}
    serializer_class = MessageSerializer
    queryset = Message.objects.order_by("-created", "-id")

    def get_parsers(self):
        if self.request is not None and self.request.method == "POST":
            return [IjwXmlParser(), TextXmlParser()]
        return super().get_parsers()

    def create(self, request, *args, **kwargs):
        check_declared_length(request)
        data = request.data
        if not isinstance(data, bytes):
            data = b""
        try:
            document = ijw_xml.parse(data, max_bytes=max_message_bytes())
        except ijw_xml.TooLargeError as error:
            raise PayloadTooLarge(error.dutch) from error
        except ijw_xml.IjwXmlError as error:
            type_ = next((uri for cls, uri in PROBLEM_TYPES.items() if isinstance(error, cls)), "about:blank")
            return problem(status.HTTP_400_BAD_REQUEST, error.dutch, type_=type_)
        header = _header(document.root)
        if not header.get("Afzender") or not header.get("Identificatie"):
            return problem(
                status.HTTP_400_BAD_REQUEST,
                "Het bericht mist een Afzender of BerichtIdentificatie in de Header.",
                type_="urn:jeugdketen:probleem:geen-header",
            )
        if header["Afzender"] not in _own_codes(request.user):
            return problem(
                status.HTTP_403_FORBIDDEN,
                f"Afzender {header['Afzender']} is niet uw organisatie; stuur alleen eigen berichten.",
                type_="urn:jeugdketen:probleem:vreemde-afzender",
            )
        from jeugdketen.declaraties import background

        if background.in_background(document) and not _received_before(document.code, header):
            return self._take_in(request, document, data)
        service = _berichten_service()
        if service is not None:
            message, created = service(
                document=document, data=data, principal=request.user, route=route_of(request)
            )
        else:
            message, created = _store(request.user, document, data, header)
        if created:
            record(
                user=request.user,
                action="message",
                obj=message,
                route=route_of(request),
                detail=f"{message.code} {message.identification}",
            )
        body = MessageSerializer(message).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def _take_in(self, request, document, data: bytes) -> Response:
        """A large JW323: stored and queued for a worker; 202 with the status URL to follow."""
        from jeugdketen.declaraties.background import take_in
        from jeugdketen.declaraties.models import Intake

        intake, created = take_in(document, data)
        if created:
            record(
                user=request.user,
                action="message",
                obj=intake,
                route=route_of(request),
                detail=f"JW323 {intake.identification} in de wachtrij ({intake.lines_total} prestaties)",
            )
        if intake.status == Intake.Status.KLAAR and intake.message is not None:
            return Response(MessageSerializer(intake.message).data, status=status.HTTP_200_OK)
        body = IntakeSerializer(intake, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})
