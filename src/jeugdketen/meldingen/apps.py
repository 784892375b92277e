from django.apps import AppConfig


class MeldingenConfig(AppConfig):
    name = "jeugdketen.meldingen"
    label = "meldingen"
    verbose_name = "Incidenten en datalekken"

    def ready(self) -> None:
        from jeugdketen.web.nav import NavItem, register

        register(
            NavItem(
                "Incidenten en datalekken",
                "meldingen:index",
                perm="melding.view",
                description="Informatiebeveiligingsincidenten en datalekken, gemeld aan de gemeente",
                order=47,
            )
        )
