from django.apps import AppConfig


class InrichtingConfig(AppConfig):
    """The functional administrator's set-up screens and API (no models of its own)."""

    name = "jeugdketen.inrichting"
    label = "inrichting"

    def ready(self) -> None:
        from jeugdketen.web.nav import NavItem, register

        register(
            NavItem(
                "Inrichting",
                "inrichting:index",
                perm="setup.view",
                description="Organisaties, contracten, tarieven, cliëntenstops, budgetten en gebruikers",
                order=20,
            )
        )
