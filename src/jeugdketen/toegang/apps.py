from django.apps import AppConfig


class ToegangConfig(AppConfig):
    name = "jeugdketen.toegang"
    label = "toegang"
