from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import views

app_name = "levering"

urlpatterns = [
    path("vandaag/", views.today_view, name="today"),
    path("toewijzingen/<int:pk>/start/", views.start_view, name="start"),
    path("toewijzingen/<int:pk>/stop/", views.stop_view, name="stop"),
    path("verzoek/", views.request_view, name="request"),
    path("toewijzingen/<int:pk>/wijziging/", views.change_request_view, name="change"),
]

register(
    NavItem(
        "Vandaag te doen",
        "levering:today",
        perm="worklist.view",
        description="Termijnen die vandaag verlopen of al verlopen zijn, en de wachtlijst",
        order=5,
    )
)
register(
    NavItem(
        "Verzoek om toewijzing",
        "levering:request",
        perm="delivery.change",
        description="Vraag de gemeente om een toewijzing (JW315) na een verwijzing",
        order=25,
    )
)
