from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import backoffice_views, verblijf_views, views

app_name = "declaraties"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    path("open-te-betalen/", views.open_to_pay, name="open"),
    path("betalen/", views.pay, name="pay"),
    path("verplichting/<int:pk>/correctie/", views.correct, name="correct"),
    path("indienen/", views.upload, name="upload"),
    path("indienen/<uuid:public_id>/", views.intake_status, name="intake"),
    path("backoffice/", backoffice_views.backoffice_view, name="backoffice"),
    path("backoffice/controle/", backoffice_views.check_view, name="backoffice-check"),
    path("backoffice/declareren/", backoffice_views.bill_view, name="backoffice-bill"),
    path("backoffice/regel/<int:pk>/crediteren/", backoffice_views.rebill_view, name="backoffice-rebill"),
    path("verblijf/<int:pk>/", verblijf_views.stay_register_view, name="stay-register"),
    path("<int:pk>/", views.declaration_detail, name="detail"),
    path("prestatie/<int:pk>/", views.line_detail, name="line"),
]

register(
    NavItem(
        "Declaraties",
        "declaraties:list",
        perm="declaratie.view",
        description="Ingediende declaraties (JW323), beoordeling per prestatie en wat open staat",
        order=35,
    )
)
register(
    NavItem(
        "Zorg en facturatie",
        "declaraties:backoffice",
        perm="declaratie.submit",
        description="Geleverde zorg registreren, de maanddeclaratie (JW323) maken, afwijzingen herstellen",
        order=34,
    )
)
register(
    NavItem(
        "Open te betalen",
        "declaraties:open",
        perm="payment.view",
        description="Toegekende prestaties met hun vervaldatum, 30 dagen na ontvangst",
        order=36,
    )
)
