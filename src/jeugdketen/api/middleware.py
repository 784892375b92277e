"""Response headers every API answer carries (Dutch API Design Rules, API-57: API-Version)."""

from __future__ import annotations

from django.conf import settings


class ApiHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.SPECTACULAR_SETTINGS["VERSION"]
            # API answers hold no page to cache: personal data must not linger in proxies.
            response.setdefault("Cache-Control", "no-store")
        return response
