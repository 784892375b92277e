from django.apps import AppConfig


class CatalogusConfig(AppConfig):
    name = "jeugdketen.catalogus"
    label = "catalogus"
