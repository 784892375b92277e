from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jeugdketen.core"
    label = "core"
