from django.urls import path

from . import views

app_name = "regels"

urlpatterns = [
    path("", views.index, name="index"),
]
