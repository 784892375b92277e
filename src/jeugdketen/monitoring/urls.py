from django.urls import path, register_converter

from . import entry, figures, views

app_name = "monitoring"


class FigureConverter:
    """One of the six figure names; anything else is not a monitoring URL (404)."""

    regex = "|".join(figures.NAMES).replace("-", r"\-")
    example = figures.NAMES[0]

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ExportFormatConverter:
    """The export formats: csv or xlsx."""

    regex = "csv|xlsx"
    example = "csv"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FigureConverter, "figure")
register_converter(ExportFormatConverter, "exportformat")

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("invoer/budgetten/", entry.budgets, name="entry-budgets"),
    path("invoer/verantwoording/", entry.documents, name="entry-documents"),
    path("invoer/sroi/", entry.sroi, name="entry-sroi"),
    path("<figure:name>/", views.figure, name="figure"),
    path("<figure:name>/export.<exportformat:fmt>", views.export, name="export"),
]
