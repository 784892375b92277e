from django.apps import AppConfig


class RegelsConfig(AppConfig):
    name = "jeugdketen.regels"
    label = "regels"
    verbose_name = "Regelregister"

    def ready(self) -> None:
        from jeugdketen.web.nav import NavItem, register

        register(
            NavItem(
                "Regels",
                "regels:index",
                perm="contract.view",
                description="Het regelregister: elke regel uit de contracten en productenboeken, met bron",
                order=46,
            )
        )
