from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jeugdketen.audit"
    label = "audit"
