from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jeugdketen.monitoring"
    label = "monitoring"
