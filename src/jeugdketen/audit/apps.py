from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jeugdketen.audit"
    label = "audit"
    verbose_name = "Audit"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from .signals import on_login, on_logout

        user_logged_in.connect(on_login, dispatch_uid="audit-login")
        user_logged_out.connect(on_logout, dispatch_uid="audit-logout")
