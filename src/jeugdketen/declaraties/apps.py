from django.apps import AppConfig


class DeclaratiesConfig(AppConfig):
    name = "jeugdketen.declaraties"
    label = "declaraties"
