"""Prometheus metrics: requests, background tasks, queue length and iJw messages per type.

Exposed at ``/metrics`` for a scraper inside the hosting network only: a request is answered
when it comes from ``JEUGDKETEN_METRICS_ALLOW`` (networks, default loopback) or carries
``Authorization: Bearer <JEUGDKETEN_METRICS_TOKEN>``; otherwise 404. Under gunicorn every worker
writes its samples to ``PROMETHEUS_MULTIPROC_DIR`` (``jeugdketen serve`` sets one up) and the
scrape adds them up. Labels never hold personal data: a request is labelled by its route name,
not its path.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
import shutil
import time
from pathlib import Path

from django.http import Http404, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from jeugdketen.accounts.access import public

REQUESTS = Counter("jeugdketen_http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "jeugdketen_http_request_seconds",
    "Time to answer a request",
    ["route"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
MESSAGES = Counter(
    "jeugdketen_messages", "iJw messages stored, per direction and type", ["direction", "code"]
)
TASKS = Counter("jeugdketen_tasks", "Background tasks finished, per task and outcome", ["task", "outcome"])
TASK_SECONDS = Histogram(
    "jeugdketen_task_seconds",
    "Duration of background tasks",
    ["task"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 1800),
)
QUEUE = Gauge(
    "jeugdketen_queue_length", "Tasks waiting in the broker's queue", ["queue"], multiprocess_mode="max"
)

log = logging.getLogger("jeugdketen.requests")


def reset_multiprocess_dir() -> None:
    """Starts the metrics of a new server with an empty directory (stale files would add up)."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        shutil.rmtree(directory, ignore_errors=True)
        Path(directory).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker) -> None:
    """gunicorn hook: a worker that stops no longer counts in the live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)


def _route(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "(geen route)"
    return match.view_name or match.route or "(onbekend)"


class MetricsMiddleware:
    """Counts and times every request, and logs it as one line (route, status, duration)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        began = time.perf_counter()
        response = self.get_response(request)
        seconds = time.perf_counter() - began
        route = _route(request)
        REQUESTS.labels(request.method, route, str(response.status_code)).inc()
        LATENCY.labels(route).observe(seconds)
        log.info(
            "request",
            extra={
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "duration_ms": round(seconds * 1000, 1),
            },
        )
        return response


def count_message(sender, instance, created, **kwargs) -> None:
    """post_save receiver of berichten.Message: one more message of this type in or out."""
    if created:
        MESSAGES.labels(instance.direction, instance.code).inc()


def _allowed(request) -> bool:
    token = os.environ.get("JEUGDKETEN_METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    networks = os.environ.get("JEUGDKETEN_METRICS_ALLOW", "127.0.0.0/8,::1/128")
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(n.strip()) for n in networks.split(",") if n.strip())


def _queue_lengths() -> None:
    from django.conf import settings

    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if not broker.startswith("redis"):
        return
    try:
        import redis

        client = redis.Redis.from_url(broker, socket_timeout=1)
        for queue in getattr(settings, "JEUGDKETEN_QUEUES", ["celery"]):
            QUEUE.labels(queue).set(client.llen(queue))
    except Exception:  # noqa: BLE001 - a broker that does not answer shows as no sample, not as a 500
        logging.getLogger(__name__).warning("queue length unavailable", exc_info=False)


@public
def metrics_view(request):
    if not _allowed(request):
        raise Http404
    _queue_lengths()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        body = generate_latest(registry)
    else:
        from prometheus_client import REGISTRY

        body = generate_latest(REGISTRY)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
