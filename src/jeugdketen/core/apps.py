from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jeugdketen.core"
    label = "core"

    def ready(self) -> None:
        # Every process compiles the iJw schemas once, here, before it serves a request or
        # a task: libxml2 cannot compile schemas in parallel on a cold process, and a failed
        # compile must stop the process at start-up (see jeugdketen.ijw.schema.compiled).
        from jeugdketen.ijw.schema.compiled import warm_up

        warm_up()

        # Every stored iJw message counts in the metrics, per direction and type.
        from django.db.models.signals import post_save

        from jeugdketen.core.metrics import count_message

        post_save.connect(count_message, sender="berichten.Message", dispatch_uid="metrics.messages")
