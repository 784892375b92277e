from django.apps import AppConfig


class ContractenConfig(AppConfig):
    name = "jeugdketen.contracten"
    label = "contracten"
