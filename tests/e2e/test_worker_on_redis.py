"""A real `jeugdketen worker` on a real Redis: a task sent by one process is done by the worker
on the same database; a worker killed mid-task gives the task back and another worker does it.

Runs where Redis answers on loopback (CI starts one); skipped elsewhere. The broker database is
``JEUGDKETEN_TEST_REDIS_URL`` (default redis://127.0.0.1:6379/15), emptied first; the site's
database is PostgreSQL when the suite runs on it, else SQLite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.databases import own_database

pytestmark = pytest.mark.slow
JEUGDKETEN = [sys.executable, "-m", "jeugdketen.cli"]
REDIS = os.environ.get("JEUGDKETEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture
def broker():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS, socket_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS}")
    client.flushdb()
    yield client
    client.flushdb()


@pytest.fixture
def database(tmp_path: Path):
    """A database of the test's own: a fresh PostgreSQL database when the suite runs on
    PostgreSQL (DATABASE_URL), else an SQLite file."""
    with own_database("jeugdketen_worker", tmp_path) as url:
        yield url


@pytest.fixture
def site(database: str, broker) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database,
        "DJANGO_SECRET_KEY": "worker-test-only",
        "JEUGDKETEN_BROKER_URL": REDIS,
        "JEUGDKETEN_TASK_VISIBILITY": "3",  # a task whose worker died is handed out again after 3 s
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    for args in (["init"], ["demo", "--youths", "30", "--months", "3", "--seed", "5"]):
        done = subprocess.run([*JEUGDKETEN, *args], env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    return env


def _shell(env, code: str) -> str:
    done = subprocess.run(
        [*JEUGDKETEN, "shell", "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.strip().splitlines()[-1]


def _worker(env, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [*JEUGDKETEN, "worker", "--concurrency", "1"],
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


TAMPER = (
    "from jeugdketen.monitoring.models import DeclaredCost as D\n"
    "row = D.objects.order_by('pk').first(); row.cents += 7; row.save(); print(row.declaratie_id)"
)
DRIFT = (
    "from jeugdketen.monitoring.tasks import check_aggregates\n"
    "from unittest import mock\n"
    "with mock.patch('jeugdketen.monitoring.aggregates.refresh'):\n"
    "    print(len(check_aggregates()['repaired']))"
)
SEND = "from jeugdketen.monitoring.tasks import check_aggregates_task as t; print(t.delay().id)"


def test_a_task_is_done_by_a_worker_on_redis(site, tmp_path, broker):
    drifted = _shell(site, TAMPER)
    assert _shell(site, DRIFT) == "1"
    worker = _worker(site, tmp_path / "worker.log")
    try:
        _shell(site, SEND)
        assert _wait(lambda: _shell(site, DRIFT) == "0"), (tmp_path / "worker.log").read_text()[-3000:]
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    assert f"'repaired': [{drifted}]" in (tmp_path / "worker.log").read_text()


def test_a_task_of_a_killed_worker_is_done_by_the_next(site, tmp_path, broker):
    _shell(site, TAMPER)
    # The task is taken by a worker that is killed (SIGKILL, as by the OOM killer) while it holds
    # the task; the task was not acknowledged, so Redis hands it out again. The first worker is
    # made to stall at the start of every task by a sitecustomize of this test's own.
    hook = tmp_path / "stall"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import time\n"
        "from celery.signals import task_prerun\n"
        "task_prerun.connect(lambda **kwargs: time.sleep(600), weak=False)\n"
    )
    stalled = {**site, "PYTHONPATH": os.pathsep.join(filter(None, [str(hook), site.get("PYTHONPATH", "")]))}
    first = _worker(stalled, tmp_path / "first.log")
    try:
        _shell(site, SEND)
        # A worker boots in seconds, but on a machine busy with other test runs it may take a minute.
        assert _wait(lambda: "received" in (tmp_path / "first.log").read_text(), 240), (
            tmp_path / "first.log"
        ).read_text()
        assert _shell(site, DRIFT) == "1"  # not done: the worker stalls before the work
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    second = _worker(site, tmp_path / "second.log")
    try:
        # Redis hands the task out again once a worker scans for unacknowledged tasks; if the killed
        # worker died holding that scan's lock, the lock expires first (kombu: 300 s).
        assert _wait(lambda: _shell(site, DRIFT) == "0", 360), (tmp_path / "second.log").read_text()[-3000:]
    finally:
        os.killpg(second.pid, signal.SIGTERM)
        second.wait(timeout=30)
