from django.urls import path

from . import views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("<slug:name>/", views.figure, name="figure"),
    path("<slug:name>/export.<str:fmt>", views.export, name="export"),
]
