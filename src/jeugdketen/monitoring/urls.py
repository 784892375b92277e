from django.urls import path

from . import entry, views

app_name = "monitoring"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("invoer/budgetten/", entry.budgets, name="entry-budgets"),
    path("invoer/verantwoording/", entry.documents, name="entry-documents"),
    path("invoer/sroi/", entry.sroi, name="entry-sroi"),
    path("<slug:name>/", views.figure, name="figure"),
    path("<slug:name>/export.<str:fmt>", views.export, name="export"),
]
