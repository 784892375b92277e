"""RFC 9457 problem details for every API error.

DRF's own exceptions, Django's 404 and permission errors and unexpected failures all leave
the API as ``application/problem+json`` with ``type``, ``title``, ``status`` and ``detail``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Ongeldige invoer",
    401: "Niet geauthenticeerd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Methode niet toegestaan",
    406: "Niet aanvaardbaar",
    409: "Conflict",
    413: "Bericht te groot",
    415: "Mediatype niet ondersteund",
    422: "Bericht afgekeurd",
    429: "Te veel verzoeken",
}


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, for the OpenAPI schema."""

    type = serializers.CharField(help_text="URI die het soort probleem aanduidt", default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    invalid_params = serializers.ListField(
        child=serializers.DictField(), required=False, help_text="per veld wat er mis is (invalid-params)"
    )


def problem(status_code: int, detail, *, type_: str = "about:blank", extra: dict | None = None) -> Response:
    body = {"type": type_, "title": TITLES.get(status_code, "Fout"), "status": status_code}
    if isinstance(detail, dict | list):
        body["detail"] = TITLES.get(status_code, "Fout")
        body["invalid-params"] = detail
    else:
        body["detail"] = str(detail)
    if extra:
        body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM_CONTENT_TYPE)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        from .parsers import PayloadTooLarge

        exc = PayloadTooLarge()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data.get("detail", response.data) if isinstance(response.data, dict) else response.data
    result = problem(response.status_code, detail)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result


def server_error_problem() -> Response:
    return problem(status.HTTP_500_INTERNAL_SERVER_ERROR, "Er ging iets mis aan onze kant.")
