from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jeugdketen.web"
    label = "web"
