from django.urls import path

from . import views

app_name = "catalogus"

urlpatterns = [
    path("", views.index, name="index"),
    path("zoeken/", views.search, name="search"),
    path("zoek-een-aanbieder/", views.provider_finder, name="provider_finder"),
    path("vergelijken/", views.compare, name="compare"),
    path("<slug:slug>/", views.region, name="region"),
    path("<slug:slug>/<int:position>/", views.product, name="product"),
]
