"""Operations: health checks, metrics, JSON logs without personal data, the periodic schedules."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings
from django.test import override_settings

from jeugdketen.core import metrics
from jeugdketen.core.schedules import SCHEDULES, ensure_schedules


@pytest.mark.django_db
def test_live_and_ready_answer_json(client):
    live = client.get("/health/live")
    assert live.status_code == 200 and live.json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200
    checks = ready.json()["checks"]
    assert checks["database"] == "ok" and checks["migrations"] == "ok"
    assert checks["broker"].startswith("niet ingesteld")


@pytest.mark.django_db
def test_ready_is_503_when_the_broker_does_not_answer(client):
    with override_settings(CELERY_BROKER_URL="redis://127.0.0.1:9/0"):  # nothing listens on port 9
        ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["status"] == "fout" and ready.json()["checks"]["broker"].startswith("fout:")


@pytest.mark.django_db
def test_ready_is_503_with_a_migration_not_applied(client, monkeypatch):
    from django.db.migrations.executor import MigrationExecutor

    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)])
    ready = client.get("/health/ready")
    assert ready.status_code == 503 and ready.json()["checks"]["migrations"] == "1 migraties niet toegepast"


def _samples(name: str) -> dict:
    from prometheus_client import REGISTRY

    return {
        tuple(sorted(s.labels.items())): s.value
        for m in REGISTRY.collect()
        for s in m.samples
        if s.name == name
    }


@pytest.mark.django_db
def test_metrics_count_requests_by_route_and_only_answer_the_inside(client, monkeypatch):
    key = (("method", "GET"), ("route", "health-live"), ("status", "200"))
    before = _samples("jeugdketen_http_requests_total").get(key, 0)
    client.get("/health/live")
    client.get("/health/live")
    assert _samples("jeugdketen_http_requests_total")[key] == before + 2
    page = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert page.status_code == 200 and b"jeugdketen_http_requests_total" in page.content
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    monkeypatch.setenv("JEUGDKETEN_METRICS_TOKEN", "scrape-secret")
    assert (
        client.get(
            "/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer scrape-secret"
        ).status_code
        == 200
    )
    assert (
        client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer guess").status_code
        == 404
    )
    monkeypatch.setenv("JEUGDKETEN_METRICS_ALLOW", "10.0.0.0/8")
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200


@pytest.mark.django_db
def test_stored_messages_are_counted_per_direction_and_type():
    from jeugdketen.berichten.models import Message

    key = (("code", "JW305"), ("direction", "in"))
    before = _samples("jeugdketen_messages_total").get(key, 0)
    Message.objects.create(
        direction="in",
        code="JW305",
        sender="12345678",
        receiver="0796",
        identification="X1",
        xml="<x/>",
        dagtekening=dt.date(2026, 1, 5),
    )
    assert _samples("jeugdketen_messages_total")[key] == before + 1


def test_json_log_lines_hold_no_bsn():
    stream = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    config["handlers"]["console"]["formatter"] = "json"
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    try:
        logging.getLogger("jeugdketen.test").warning("cliënt %s bekeken", "123456782")
        metrics.log.warning("request", extra={"route": "toegang:client", "status": 200})
    finally:
        logging.config.dictConfig(settings.LOGGING)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["level"] == "WARNING" and lines[0]["logger"] == "jeugdketen.test"
    assert "123456782" not in stream.getvalue() and "bekeken" in lines[0]["message"]
    assert lines[1]["route"] == "toegang:client" and lines[1]["status"] == 200


@pytest.mark.django_db
def test_schedules_are_created_once_and_a_changed_one_is_left_alone():
    from django_celery_beat.models import PeriodicTask

    assert sorted(ensure_schedules()) == sorted(SCHEDULES)
    payment = PeriodicTask.objects.get(task="declaraties.payment_run")
    payment.enabled = False
    payment.save()
    assert ensure_schedules() == []
    assert not PeriodicTask.objects.get(task="declaraties.payment_run").enabled
    from jeugdketen.conf.celery import app

    app.loader.import_default_modules()
    assert {task for task, *_ in SCHEDULES.values()} <= set(app.tasks)


def test_worker_and_beat_refuse_to_start_without_a_broker():
    from django.core.management import CommandError, call_command

    for command in ("worker", "beat"):
        with pytest.raises(CommandError, match="no broker configured"):
            call_command(command)


def test_the_image_and_compose_run_only_commands_that_exist_and_are_tested():
    """The container image is not built in CI (base images cannot be pulled there); this keeps its
    commands in step with the CLI that CI does test."""
    import re
    from pathlib import Path

    import yaml

    from jeugdketen.cli import project_commands

    root = Path(__file__).resolve().parents[2]
    compose = yaml.safe_load((root / "docker-compose.yml").read_text(encoding="utf-8"))
    commands = {
        name: service["command"] for name, service in compose["services"].items() if "command" in service
    }
    ours = {name: c for name, c in commands.items() if c[0] == "jeugdketen"}
    assert {c[1] for c in ours.values()} == {"init", "serve", "worker", "beat"}
    cmd = re.search(r'^CMD \["(\w+)", "(\w+)"\]', (root / "Dockerfile").read_text(encoding="utf-8"), re.M)
    assert cmd.groups() == ("jeugdketen", "serve")
    known = project_commands()
    assert all(c[1] in known for c in ours.values())
    dockerfile = (root / "Dockerfile").read_text(encoding="utf-8")
    final = dockerfile.split("FROM ")[-1]
    assert "USER jeugdketen" in final and "build-essential" not in final


def test_mail_is_switched_on_from_the_environment():
    import os
    import subprocess
    import sys

    probe = (
        "import django; django.setup(); from django.conf import settings\n"
        "print(settings.JEUGDKETEN_SEND_MAIL, settings.EMAIL_PORT)"
    )
    for value, expected in (("1", "True 587"), ("", "False 587")):
        env = {
            **os.environ,
            "JEUGDKETEN_SEND_MAIL": value,
            "EMAIL_PORT": "587",
            "DJANGO_SETTINGS_MODULE": "jeugdketen.conf.settings",
        }
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
        )
        assert done.stdout.strip().splitlines()[-1] == expected, done.stderr[-2000:]
