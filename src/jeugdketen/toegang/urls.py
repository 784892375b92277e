from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import views

app_name = "toegang"

urlpatterns = [
    path("clienten/", views.client_list, name="clients"),
    path("clienten/<int:pk>/", views.client_file, name="client"),
    path("verwijzingen/<int:pk>/toewijzen/", views.allocate_view, name="allocate"),
]

register(
    NavItem(
        "Cliënten",
        "toegang:clients",
        perm="client.view",
        description="Zoek een cliënt en open het dossier: verwijzingen, plannen, toewijzingen, berichten",
        order=20,
    )
)
