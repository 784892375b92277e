"""Request body parsing for iJw uploads: only XML, never more than the configured size.

The size is checked twice: against ``Content-Length`` before anything is read, and while
reading, so a chunked or lying client cannot slip a larger body through.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework import exceptions, status
from rest_framework.parsers import BaseParser


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Het bericht is te groot."
    default_code = "payload_too_large"


def max_message_bytes() -> int:
    return settings.IJW_MAX_MESSAGE_BYTES


def check_declared_length(request) -> None:
    """413 from the Content-Length header alone, before the body is touched."""
    declared = request.META.get("CONTENT_LENGTH") or "0"
    limit = max_message_bytes()
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"Het bericht is groter dan de limiet van {limit} bytes.")


class IjwXmlParser(BaseParser):
    """Hands the raw bytes on; :func:`jeugdketen.ijw.xml.parse` does the hardened parsing."""

    media_type = "application/xml"

    def parse(self, stream, media_type=None, parser_context=None):
        limit = max_message_bytes()
        data = stream.read(limit + 1) if stream is not None else b""
        if len(data) > limit:
            raise PayloadTooLarge(f"Het bericht is groter dan de limiet van {limit} bytes.")
        return data


class TextXmlParser(IjwXmlParser):
    media_type = "text/xml"
