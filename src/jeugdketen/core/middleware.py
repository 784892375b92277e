"""Input every view can trust: no NUL characters in the path, the query or a form.

PostgreSQL text cannot hold a NUL byte, so a NUL that reached a query or a save would end
as a server error there while SQLite quietly accepts it. Refusing it once, at the door,
keeps both databases alike and every view simple.
"""

from __future__ import annotations

from django.http import HttpResponseBadRequest, JsonResponse

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
TEXT = "Het verzoek bevat een NUL-teken; dat is nergens toegestaan."


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in value for value in items) for key, items in values.lists())


class RejectNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        suspicious = "\x00" in request.path or _has_nul(request.GET)
        # The API parses its own bodies (and its serializers refuse NUL); a malformed upload
        # must reach the view to be answered with the right status, so only pages' forms here.
        if not suspicious and request.content_type in FORM_TYPES and not request.path.startswith("/api/"):
            suspicious = _has_nul(request.POST)
        if suspicious:
            if request.path.startswith("/api/"):
                body = {"type": "about:blank", "title": "Ongeldige invoer", "status": 400, "detail": TEXT}
                return JsonResponse(body, status=400, content_type="application/problem+json")
            return HttpResponseBadRequest(TEXT, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
