from django.apps import AppConfig


class BerichtenConfig(AppConfig):
    name = "jeugdketen.berichten"
    label = "berichten"
