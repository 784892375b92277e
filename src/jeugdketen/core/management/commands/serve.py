"""``jeugdketen serve``: the production web server (gunicorn), as run by the container image."""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Command(BaseCommand):
    help = "Serve the web application with gunicorn (production); see docs/operations.md."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("JEUGDKETEN_BIND", "0.0.0.0:8000"))
        parser.add_argument("--workers", type=int, default=_env_int("JEUGDKETEN_WEB_WORKERS", 2))
        parser.add_argument("--threads", type=int, default=_env_int("JEUGDKETEN_WEB_THREADS", 4))
        parser.add_argument(
            "--timeout", type=int, default=_env_int("JEUGDKETEN_WEB_TIMEOUT", 120), help="seconds per request"
        )

    def handle(self, *args, bind, workers, threads, timeout, **options):
        from gunicorn.app.base import BaseApplication

        from jeugdketen.core import metrics

        # Every worker process writes its metrics to PROMETHEUS_MULTIPROC_DIR (set by the
        # `jeugdketen` command before Django starts); /metrics adds them up.
        if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            self.stderr.write("PROMETHEUS_MULTIPROC_DIR is not set: /metrics shows one worker only")
        metrics.reset_multiprocess_dir()

        class Server(BaseApplication):
            def load_config(self):
                for key, value in {
                    "bind": bind,
                    "workers": workers,
                    "threads": threads,
                    "timeout": timeout,
                    "worker_class": "gthread" if threads > 1 else "sync",
                    "accesslog": None,  # requests are logged by jeugdketen, without query strings
                    "errorlog": "-",
                    "preload_app": False,  # each worker compiles the iJw schemas at its own start
                    "child_exit": metrics.child_exit,
                    "forwarded_allow_ips": os.environ.get("JEUGDKETEN_FORWARDED_ALLOW_IPS", "127.0.0.1"),
                }.items():
                    self.cfg.set(key, value)

            def load(self):
                from jeugdketen.conf.wsgi import application

                return application

        self.stdout.write(f"serving on {bind} with {workers} workers x {threads} threads")
        self.stdout.flush()
        Server().run()
