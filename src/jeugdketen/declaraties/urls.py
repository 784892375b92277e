from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import views

app_name = "declaraties"

urlpatterns = [
    path("", views.declaration_list, name="list"),
    path("open-te-betalen/", views.open_to_pay, name="open"),
    path("betalen/", views.pay, name="pay"),
    path("verplichting/<int:pk>/correctie/", views.correct, name="correct"),
    path("indienen/", views.upload, name="upload"),
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
        "Open te betalen",
        "declaraties:open",
        perm="payment.view",
        description="Toegekende prestaties met hun vervaldatum, 30 dagen na ontvangst",
        order=36,
    )
)
