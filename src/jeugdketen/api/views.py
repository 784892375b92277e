"""Small API views that belong to no domain app."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from jeugdketen.accounts.access import municipality_ids, permissions, provider_id

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
