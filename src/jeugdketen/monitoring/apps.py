from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jeugdketen.monitoring"
    label = "monitoring"

    def ready(self) -> None:
        from jeugdketen.web.nav import NavItem, register

        register(
            NavItem(
                "Monitoring",
                "monitoring:dashboard",
                perm="monitoring.view",
                description="Budget, wachttijden, uitval, top 75, verblijf en verantwoording",
                order=40,
            )
        )
