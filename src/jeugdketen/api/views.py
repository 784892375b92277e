"""Small API views that belong to no domain app."""

from __future__ import annotations

from itertools import groupby

from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jeugdketen.accounts.access import municipality_ids, permissions, provider_id, public

from .permissions import HasPermission


class WhoAmIView(APIView):
    """Which organisation and permissions the presented credentials stand for."""

    permission_classes = [HasPermission]
    required_permission = ""

    @extend_schema(
        summary="De organisatie achter uw token",
        tags=["organisatie"],
        responses=inline_serializer(
            "Organisatie",
            {
                "naam": serializers.CharField(),
                "rol": serializers.CharField(),
                "gemeenten": serializers.ListField(child=serializers.CharField()),
                "aanbieder": serializers.CharField(allow_null=True),
                "bevoegdheden": serializers.ListField(child=serializers.CharField()),
            },
        ),
    )
    def get(self, request):
        from jeugdketen.catalogus.models import Municipality, Provider

        user = request.user
        provider = Provider.objects.filter(pk=provider_id(user)).first() if provider_id(user) else None
        return Response(
            {
                "naam": user.get_username(),
                "rol": getattr(user, "role", ""),
                "gemeenten": list(
                    Municipality.objects.filter(pk__in=municipality_ids(user)).values_list(
                        "cbs_code", flat=True
                    )
                ),
                "aanbieder": provider.agb_code if provider else None,
                "bevoegdheden": sorted(permissions(user)),
            }
        )


@public
def reference(request):
    """The API reference as a plain HTML page, rendered from the same OpenAPI schema.

    Redoc and Swagger UI load scripts from a CDN and need inline styles, which the strict
    Content-Security-Policy refuses (and which an offline installation cannot fetch), so
    the reference is rendered on the server instead.
    """
    schema = SchemaGenerator(title="jeugdketen API").get_schema(request=None, public=True)
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            operations.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary") or "",
                    "description": (operation.get("description") or "").strip(),
                    "tag": (operation.get("tags") or ["overig"])[0],
                    "parameters": [
                        {
                            "name": parameter.get("name"),
                            "where": parameter.get("in"),
                            "required": parameter.get("required", False),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    operations.sort(key=lambda op: (op["tag"], op["path"], op["method"]))
    groups = [(tag, list(items)) for tag, items in groupby(operations, key=lambda op: op["tag"])]
    return render(
        request,
        "api/reference.html",
        {"info": schema.get("info", {}), "groups": groups, "count": len(operations)},
    )
