"""The Celery application: background work on Redis, or in-process without a broker.

Started with ``jeugdketen worker`` and ``jeugdketen beat``. Settings are the ``CELERY_*`` names
in :mod:`jeugdketen.conf.settings`; tasks live in each app's ``tasks`` module.
"""

from __future__ import annotations

import os
import time

from celery import Celery
from celery.signals import task_failure, task_postrun, task_prerun, task_retry

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")

app = Celery("jeugdketen")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

_started: dict[str, float] = {}


@task_prerun.connect
def _begin(task_id=None, **kwargs) -> None:
    _started[task_id] = time.perf_counter()


@task_postrun.connect
def _end(task_id=None, task=None, state=None, **kwargs) -> None:
    from jeugdketen.core import metrics

    began = _started.pop(task_id, None)
    if began is not None and task is not None:
        metrics.TASK_SECONDS.labels(task.name).observe(time.perf_counter() - began)
        metrics.TASKS.labels(task.name, (state or "unknown").lower()).inc()


@task_retry.connect
def _retry(request=None, **kwargs) -> None:
    from jeugdketen.core import metrics

    metrics.TASKS.labels(getattr(request, "task", "unknown"), "retry").inc()


@task_failure.connect
def _failure(sender=None, **kwargs) -> None:
    from jeugdketen.core import metrics

    metrics.TASKS.labels(getattr(sender, "name", "unknown"), "failure").inc()
