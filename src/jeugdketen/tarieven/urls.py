from django.urls import path, register_converter

from jeugdketen.kostprijs.spec import available

from . import views


class CostModelConverter:
    """A region slug that has a cost-price model; another slug is a 404 at routing."""

    regex = "|".join(available()) or "(?!)"
    example = available()[0] if available() else ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class ProductCodeConverter:
    """An iJw product code (five characters)."""

    regex = "[0-9A-Z]{5}"
    example = "41A23"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CostModelConverter, "kostmodel")
register_converter(ProductCodeConverter, "productcode")

app_name = "tarieven"

urlpatterns = [
    path("", views.index, name="index"),
    path("schalen/", views.scales, name="scales"),
    path("schalen/import/", views.scales_import, name="scales-import"),
    path("<kostmodel:region>/", views.calibration_view, name="calibration"),
    path("<kostmodel:region>/wat-als/", views.whatif, name="whatif"),
    path("<kostmodel:region>/wat-als/export.xlsx", views.whatif_xlsx, name="whatif-xlsx"),
    path("<kostmodel:region>/nieuw-jaar/", views.proposal, name="proposal"),
    path("<kostmodel:region>/<productcode:code>/", views.product, name="product"),
]
