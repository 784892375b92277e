from django.urls import path

from . import views

app_name = "meldingen"

urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.new, name="new"),
    path("<int:pk>/ap/", views.ap, name="ap"),
]
