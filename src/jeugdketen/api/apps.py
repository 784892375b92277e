from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jeugdketen.api"
    label = "api"
