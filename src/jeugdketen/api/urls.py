from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from jeugdketen.catalogus.api import register as register_catalogus
from jeugdketen.declaraties.api import register as register_declaraties
from jeugdketen.inrichting.api import register as register_inrichting
from jeugdketen.levering.api import register as register_levering
from jeugdketen.toegang.api import register as register_toegang

from .berichten import MessageViewSet
from .views import WhoAmIView, reference

app_name = "api"

router = DefaultRouter(trailing_slash=False)
register_catalogus(router)
register_declaraties(router)
register_toegang(router)
register_levering(router)
register_inrichting(router)
router.register("berichten", MessageViewSet, basename="bericht")

urlpatterns = [
    path("schema", SpectacularAPIView.as_view(), name="schema"),
    path("docs", reference, name="docs"),
    path("organisatie", WhoAmIView.as_view(), name="organisatie"),
    path("", include(router.urls)),
]
