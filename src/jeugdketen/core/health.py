"""Health checks for the load balancer and the orchestrator.

``/health/live``: the process answers (no dependencies). ``/health/ready``: it can do its work,
so the database answers, every migration is applied, and the broker answers when one is
configured. Both answer JSON without any personal data; a failing check gives 503.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from jeugdketen.accounts.access import public


@public
@never_cache
def live(request):
    return JsonResponse({"status": "ok"})


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _migrations() -> str:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return "ok" if not pending else f"{len(pending)} migraties niet toegepast"


def _broker() -> str:
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return "niet ingesteld (taken lopen in het webproces)"
    from kombu import Connection

    with Connection(url, connect_timeout=2) as broker:
        broker.ensure_connection(max_retries=1)
    return "ok"


@public
@never_cache
def ready(request):
    checks, healthy = {}, True
    for name, check in (("database", _database), ("migrations", _migrations), ("broker", _broker)):
        try:
            checks[name] = check()
        except Exception as exc:  # noqa: BLE001 - any failure is 'not ready', named by its type only
            checks[name] = f"fout: {type(exc).__name__}"
        healthy = healthy and (checks[name] == "ok" or checks[name].startswith("niet ingesteld"))
    return JsonResponse(
        {"status": "ok" if healthy else "fout", "checks": checks}, status=200 if healthy else 503
    )
