from django.apps import AppConfig


class TarievenConfig(AppConfig):
    name = "jeugdketen.tarieven"
    label = "tarieven"

    def ready(self) -> None:
        from jeugdketen.web.nav import NavItem, register

        register(
            NavItem(
                "Tariefmodel",
                "tarieven:index",
                perm="tariffmodel.view",
                description="Kostprijsmodel, kalibratie, wat-als en indexatie van de tarieven",
                order=45,
            )
        )
