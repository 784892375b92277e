from django.urls import include, path

from jeugdketen.core import health, metrics

urlpatterns = [
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.ready, name="health-ready"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("api/v1/", include("jeugdketen.api.urls")),
    path("catalogus/", include("jeugdketen.catalogus.urls")),
    path("audit/", include("jeugdketen.audit.urls")),
    path("toegang/", include("jeugdketen.toegang.urls")),
    path("levering/", include("jeugdketen.levering.urls")),
    path("berichten/", include("jeugdketen.berichten.urls")),
    path("declaraties/", include("jeugdketen.declaraties.urls")),
    path("monitoring/", include("jeugdketen.monitoring.urls")),
    path("tarieven/", include("jeugdketen.tarieven.urls")),
    path("regels/", include("jeugdketen.regels.urls")),
    path("meldingen/", include("jeugdketen.meldingen.urls")),
    path("inrichting/", include("jeugdketen.inrichting.urls")),
    path("", include("jeugdketen.web.urls")),
]

handler400 = "jeugdketen.web.errors.bad_request"
handler403 = "jeugdketen.web.errors.permission_denied"
handler404 = "jeugdketen.web.errors.page_not_found"
handler500 = "jeugdketen.web.errors.server_error"
