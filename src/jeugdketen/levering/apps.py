from django.apps import AppConfig


class LeveringConfig(AppConfig):
    name = "jeugdketen.levering"
    label = "levering"
