from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jeugdketen.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from jeugdketen.web.nav import NavItem, register

        from . import aggregates

        if apps.is_installed("jeugdketen.declaraties"):
            from jeugdketen.declaraties import signals

            signals.declaration_judged.connect(aggregates.on_declaration_judged, dispatch_uid="monitoring")
            # Only signals that fire per ORM save or per declaration: no per-line delete receiver,
            # so deleting a declaration still deletes its lines in one statement.
            post_save.connect(
                aggregates.on_prestatie_saved, sender="declaraties.Prestatie", dispatch_uid="monitoring"
            )
            post_delete.connect(
                aggregates.on_declaratie_deleted, sender="declaraties.Declaratie", dispatch_uid="monitoring"
            )

        register(
            NavItem(
                "Monitoring",
                "monitoring:dashboard",
                perm="monitoring.view",
                description="Budget, wachttijden, uitval, top 75, verblijf en verantwoording",
                order=40,
            )
        )
