"""Error pages in Dutch; API paths get problem+json instead."""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

TITLES = {400: "Ongeldig verzoek", 403: "Geen toegang", 404: "Pagina niet gevonden", 500: "Er ging iets mis"}


def _answer(request, status: int):
    if request.path.startswith("/api/"):
        body = {"type": "about:blank", "title": TITLES[status], "status": status, "detail": TITLES[status]}
        return JsonResponse(body, status=status, content_type="application/problem+json")
    return render(request, "web/error.html", {"status": status, "title": TITLES[status]}, status=status)


def bad_request(request, exception=None):
    return _answer(request, 400)


def permission_denied(request, exception=None):
    return _answer(request, 403)


def page_not_found(request, exception=None):
    return _answer(request, 404)


def server_error(request):
    return _answer(request, 500)
