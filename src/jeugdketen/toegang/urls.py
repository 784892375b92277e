from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import views

app_name = "toegang"

urlpatterns = [
    path("clienten/", views.client_list, name="clients"),
    path("clienten/<int:pk>/", views.client_file, name="client"),
    path("verwijzingen/<int:pk>/toewijzen/", views.allocate_view, name="allocate"),
    path("clienten/<int:pk>/aanvullen/", views.complete_view, name="complete"),
    path("verwijzingen/<int:pk>/plan/", views.plan_view, name="plan"),
    path("verwijzingen/<int:pk>/eindevaluatie/", views.evaluation_view, name="evaluation"),
    path("toewijzingen/<int:pk>/wijzigen/", views.change_view, name="change"),
    path("toewijzingen/<int:pk>/verlengen/", views.extend_view, name="extend"),
    path("toewijzingen/<int:pk>/intrekken/", views.withdraw_view, name="withdraw"),
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
