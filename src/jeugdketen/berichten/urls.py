from django.urls import path

from jeugdketen.web.nav import NavItem, register

from . import views

app_name = "berichten"

urlpatterns = [
    path("", views.message_log, name="log"),
    path("<int:pk>/", views.message_detail, name="detail"),
]

register(
    NavItem(
        "Berichten",
        "berichten:log",
        perm="message.view",
        description="Alle verstuurde en ontvangen iJw-berichten met inhoud en oordeel",
        order=30,
    )
)
