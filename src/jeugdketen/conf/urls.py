from django.urls import include, path

urlpatterns = [
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
    path("", include("jeugdketen.web.urls")),
]

handler400 = "jeugdketen.web.errors.bad_request"
handler403 = "jeugdketen.web.errors.permission_denied"
handler404 = "jeugdketen.web.errors.page_not_found"
handler500 = "jeugdketen.web.errors.server_error"
