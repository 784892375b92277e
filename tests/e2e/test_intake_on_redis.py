"""Large intakes, the outbox and the schedules on real `jeugdketen worker`, `serve` and `beat`
processes, with Redis as broker (and PostgreSQL when the suite runs on it, as in CI):

- a worker killed (SIGKILL) in the middle of a large intake leaves no declaration, line, ledger
  entry, obligation or payment, and the task, given back by Redis, is finished by the next worker;
- the same large JW323 uploaded ten times at once to gunicorn is judged once;
- a worker killed while delivering a message from the outbox leaves it undelivered, and the next
  worker delivers it once;
- `jeugdketen beat` creates the periodic tasks in the database and sends them to the broker.

Skipped where no Redis answers. The broker is ``JEUGDKETEN_TEST_REDIS_URL`` (default
redis://127.0.0.1:6379/15), emptied before each test. The site's database is a fresh
PostgreSQL database when ``DATABASE_URL`` is PostgreSQL (or ``JEUGDKETEN_TEST_SITE_DATABASE_URL``,
whose schema is emptied first), else an SQLite file. ``JEUGDKETEN_TEST_INTAKE_LINES`` sets the
size of the large JW323 (default 20,000 prestaties).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.e2e.databases import own_database

pytestmark = pytest.mark.slow
JEUGDKETEN = [sys.executable, "-m", "jeugdketen.cli"]
REDIS = os.environ.get("JEUGDKETEN_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
LINES = int(os.environ.get("JEUGDKETEN_TEST_INTAKE_LINES", 20_000))
HERE = Path(__file__).resolve().parent


@dataclass
class Site:
    env: dict[str, str]
    database: str
    large: bytes
    small: bytes
    token: str

    def rows(self, sql: str, *params) -> list[tuple]:
        """Reads the site's database directly: quick enough to poll, and no Django of its own."""
        if self.database.startswith("postgres"):
            import psycopg

            with psycopg.connect(self.database) as connection:
                return connection.execute(sql, params).fetchall()
        with closing(sqlite3.connect(self.database.removeprefix("sqlite:///"), timeout=30)) as connection:
            found = connection.execute(sql.replace("%s", "?"), params).fetchall()
            connection.commit()
            return found

    def value(self, sql: str, *params):
        found = self.rows(sql, *params)
        return found[0][0] if found else None


def _variant(data: bytes, identification: str) -> bytes:
    """The message with another BerichtIdentificatie and DeclaratieNummer (both WERKER1 as built)."""
    return data.replace(b">WERKER1<", f">{identification}<".encode())


@pytest.fixture(scope="module")
def redis_client():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS, socket_timeout=5)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS}")
    return client


@pytest.fixture
def broker(redis_client):
    redis_client.flushdb()
    yield redis_client
    redis_client.flushdb()


@pytest.fixture(scope="module")
def site_database(tmp_path_factory):
    explicit = os.environ.get("JEUGDKETEN_TEST_SITE_DATABASE_URL", "")
    if explicit:
        import psycopg

        with psycopg.connect(explicit, autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
        yield explicit
        return
    with own_database("jeugdketen_intake", tmp_path_factory.mktemp("site")) as url:
        yield url


@pytest.fixture(scope="module")
def site(site_database: str, redis_client, tmp_path_factory) -> Site:
    env = {
        **os.environ,
        "DATABASE_URL": site_database,
        "DJANGO_SECRET_KEY": "worker-test-only",
        "JEUGDKETEN_BROKER_URL": REDIS,
        "JEUGDKETEN_TASK_VISIBILITY": "3",  # a task whose worker died is handed out again after 3 s
        "JEUGDKETEN_INTAKE_AT_ONCE_LINES": "100",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _run(env, "init")
    out = tmp_path_factory.mktemp("messages") / "large.xml"
    made = subprocess.run(
        [sys.executable, str(HERE / "large_site.py"), str(LINES), str(out)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr[-2000:]
    token = made.stdout.strip().splitlines()[-1]
    return Site(env, site_database, out.read_bytes(), out.with_name("small.xml").read_bytes(), token)


def _run(env, *args: str) -> str:
    done = subprocess.run([*JEUGDKETEN, *args], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _shell(env, code: str) -> str:
    return _run(env, "shell", "-c", code).strip().splitlines()[-1]


def _start(env, log: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*JEUGDKETEN, *args], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(timeout=60)


def _tail(log: Path) -> str:
    return log.read_text()[-3000:]


def _wait(predicate, seconds: float = 180) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def _stalling(env, tmp_path: Path, target: str) -> tuple[dict[str, str], Path]:
    """A worker environment whose tasks stop for good right after ``target`` (module:function) has
    run: inside the task's open transaction. A marker file says when it got there."""
    hook, marker = tmp_path / "stall", tmp_path / "stalled"
    hook.mkdir()
    module, function = target.split(":")
    (hook / "sitecustomize.py").write_text(
        "import importlib, os, time\n"
        "from celery.signals import task_prerun\n"
        "def _stall(**kwargs):\n"
        f"    module = importlib.import_module({module!r})\n"
        f"    real = getattr(module, {function!r})\n"
        "    if getattr(real, 'stalls', False):\n"
        "        return\n"
        "    def stalled(*args, **kw):\n"
        "        result = real(*args, **kw)\n"
        "        open(os.environ['STALL_MARKER'], 'w').write('here')\n"
        "        time.sleep(3600)\n"
        "        return result\n"
        "    stalled.stalls = True\n"
        f"    setattr(module, {function!r}, stalled)\n"
        "task_prerun.connect(_stall, weak=False)\n"
    )
    pythonpath = os.pathsep.join(filter(None, [str(hook), env.get("PYTHONPATH", "")]))
    return {**env, "PYTHONPATH": pythonpath, "STALL_MARKER": str(marker)}, marker


# Received in December of the year of care, so that the lines are in time (not past the vervaltermijn).
RECEIVED = "datetime.date(2025, 12, 6)"
INTAKE = (
    "import datetime\n"
    "from jeugdketen.declaraties.background import take_in\n"
    "from jeugdketen.ijw.xml import parse\n"
    "data = open({path!r}, 'rb').read()\n"
    f"intake, created = take_in(parse(data), data, today={RECEIVED})\n"
    "print(intake.pk, intake.public_id)"
)


def _booked(site: Site, number: str) -> dict[str, int]:
    """What the judgement of declaration ``number`` left in the database."""
    of_it = "declaratie_id IN (SELECT id FROM declaraties_declaratie WHERE number = %s)"
    count = "SELECT count(*) FROM "
    return {
        "declaraties": site.value(count + "declaraties_declaratie WHERE number = %s", number),
        "prestaties": site.value(count + "declaraties_prestatie WHERE " + of_it, number),
        "boekingen": site.value(count + "declaraties_boeking WHERE " + of_it, number),
        "verplichtingen": site.value(count + "declaraties_betaalverplichting WHERE " + of_it, number),
        "betalingen": site.value(count + "declaraties_betaling"),
        "jw323": site.value(count + "berichten_message WHERE code = 'JW323' AND identification = %s", number),
    }


def test_a_worker_killed_in_the_middle_of_a_large_intake_leaves_nothing_and_the_next_finishes(
    site: Site, broker, tmp_path: Path
):
    number = "KILL1"
    (tmp_path / "large.xml").write_bytes(_variant(site.large, number))
    stalled_env, marker = _stalling(site.env, tmp_path, "jeugdketen.declaraties.intake:_store")
    first = _start(stalled_env, tmp_path / "first.log", "worker", "--concurrency", "1")
    try:
        pk, public_id = _shell(site.env, INTAKE.format(path=str(tmp_path / "large.xml"))).split()
        assert _wait(marker.exists), _tail(tmp_path / "first.log")
        # Every line judged and stored, in a transaction not yet committed: nothing shows.
        assert int(broker.get(f":1:intake:{public_id}:judged")) == LINES
        assert site.rows("SELECT status, attempts FROM declaraties_intake WHERE id = %s", int(pk)) == [
            ("bezig", 1)
        ]
        assert set(_booked(site, number).values()) == {0}
    finally:
        _stop(first, signal.SIGKILL)
    assert set(_booked(site, number).values()) == {0}

    def answers() -> list[tuple]:
        return sorted(
            site.rows(
                "SELECT direction, delivery FROM berichten_message WHERE code = 'JW325' AND in_reply_to_id = "
                "(SELECT id FROM berichten_message WHERE code = 'JW323' AND identification = %s)",
                number,
            )
        )

    second = _start(site.env, tmp_path / "second.log", "worker", "--concurrency", "1")
    try:
        done = lambda: site.value("SELECT status FROM declaraties_intake WHERE id = %s", int(pk)) == "klaar"  # noqa: E731
        assert _wait(done, 300), _tail(tmp_path / "second.log")
        # The JW325 is delivered to the provider after the judgement committed.
        assert _wait(lambda: ("out", "afgeleverd") in answers(), 60), _tail(tmp_path / "second.log")
    finally:
        _stop(second)
    booked = _booked(site, number)
    assert booked["declaraties"] == 1 and booked["jw323"] == 1 and booked["prestaties"] == LINES
    assert booked["boekingen"] > 0 and booked["verplichtingen"] > 0 and booked["betalingen"] == 0
    assert site.value("SELECT attempts FROM declaraties_intake WHERE id = %s", int(pk)) == 2
    assert site.value("SELECT lines_total FROM declaraties_declaratie WHERE number = %s", number) == LINES
    assert site.value("SELECT sum(amount_cents) FROM declaraties_boeking") == 0  # double entry holds
    # answered once, delivered once: the provider's administration received it
    assert answers() == [("in", ""), ("out", "afgeleverd")]


def _post(url: str, token: str, body: bytes) -> tuple[int, dict]:
    request = urllib.request.Request(  # noqa: S310 - a loopback http URL built by the test
        url, data=body, method="POST",
        headers={"Content-Type": "application/xml", "Authorization": f"Token {token}"},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 - loopback only
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


def _get(url: str, token: str) -> dict:
    request = urllib.request.Request(url, headers={"Authorization": f"Token {token}"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
        return json.loads(response.read())


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_same_large_jw323_uploaded_ten_times_at_once_is_judged_once(site: Site, broker, tmp_path: Path):
    number = "PARALLEL1"
    body = _variant(site.large, number)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start(
        site.env,
        tmp_path / "serve.log",
        "serve",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "2",
        "--threads",
        "4",
    )
    worker = _start(site.env, tmp_path / "worker.log", "worker", "--concurrency", "2")
    try:

        def live() -> bool:
            try:
                with urllib.request.urlopen(f"{base}/health/live", timeout=5) as response:  # noqa: S310
                    return response.status == 200
            except OSError:
                return False

        assert _wait(live, 120), _tail(tmp_path / "serve.log")
        with ThreadPoolExecutor(10) as pool:
            answers = list(pool.map(lambda _: _post(f"{base}/api/v1/berichten", site.token, body), range(10)))
        codes = sorted(code for code, _ in answers)
        assert all(code in (200, 202) for code in codes), (
            codes,
            _tail(tmp_path / "serve.log"),
        )
        ids = {answer["id"] for code, answer in answers if code == 202}
        assert len(ids) == 1, answers
        status_url = next(answer["url"] for code, answer in answers if code == 202)
        judged = lambda: _get(status_url, site.token)["status"] == "klaar"  # noqa: E731
        assert _wait(judged, 300), _tail(tmp_path / "worker.log")
        status = _get(status_url, site.token)
        assert status["lines_judged"] == status["lines_total"] == LINES and status["answer"]
        again, message = _post(f"{base}/api/v1/berichten", site.token, body)
        assert again == 200 and status["message"].endswith(f"/berichten/{message['id']}")
    finally:
        _stop(worker)
        _stop(server)
    booked = _booked(site, number)
    assert booked["declaraties"] == 1 and booked["jw323"] == 1 and booked["prestaties"] == LINES
    assert site.value("SELECT count(*) FROM declaraties_intake WHERE identification = %s", number) == 1
    assert site.value("SELECT attempts FROM declaraties_intake WHERE identification = %s", number) == 1


LEFT_BEHIND = (
    "import datetime\n"
    "import datetime as dt\n"
    "from django.utils import timezone\n"
    "from jeugdketen.berichten.models import Message\n"
    "from jeugdketen.declaraties.intake import process_jw323\n"
    f"answer = process_jw323(open({{path!r}}, 'rb').read(), received_on={RECEIVED}).answer\n"
    "Message.objects.filter(pk=answer.pk).update(created=timezone.now() - dt.timedelta(minutes=5))\n"
    "print(answer.pk)"
)
DELIVER = "from jeugdketen.berichten.tasks import deliver_outbox_task as t; print(t.delay().id)"


def test_a_worker_killed_while_delivering_from_the_outbox_delivers_nothing_and_the_next_delivers_once(
    site: Site, broker, tmp_path: Path
):
    (tmp_path / "small.xml").write_bytes(_variant(site.small, "OUTBOX1"))
    # The JW325 is written with the judgement; its sender "dies" before delivering it.
    answer = int(_shell(site.env, LEFT_BEHIND.format(path=str(tmp_path / "small.xml"))))
    identification = site.value("SELECT identification FROM berichten_message WHERE id = %s", answer)
    received = lambda: site.value(  # noqa: E731
        "SELECT count(*) FROM berichten_message WHERE direction = 'in' AND code = 'JW325' "
        "AND identification = %s",
        identification,
    )
    delivery = lambda: site.value("SELECT delivery FROM berichten_message WHERE id = %s", answer)  # noqa: E731
    assert received() == 0 and delivery() == "wacht"
    stalled_env, marker = _stalling(site.env, tmp_path, "jeugdketen.berichten.services:process")
    first = _start(stalled_env, tmp_path / "first.log", "worker", "--concurrency", "1")
    try:
        _shell(site.env, DELIVER)
        assert _wait(marker.exists), _tail(tmp_path / "first.log")
        assert received() == 0 and delivery() == "wacht"  # processed by the receiver, not committed
    finally:
        _stop(first, signal.SIGKILL)
    second = _start(site.env, tmp_path / "second.log", "worker", "--concurrency", "1")
    try:
        assert _wait(lambda: delivery() == "afgeleverd", 120), _tail(tmp_path / "second.log")
        _shell(site.env, DELIVER)  # the outbox again: nothing is left to deliver
        assert _wait(lambda: "'delivered': 0" in (tmp_path / "second.log").read_text(), 60)
    finally:
        _stop(second)
    assert received() == 1


def test_beat_creates_the_periodic_tasks_and_sends_them_to_the_broker(site: Site, broker, tmp_path: Path):
    from jeugdketen.core.schedules import SCHEDULES

    site.rows("DELETE FROM django_celery_beat_periodictask RETURNING id")
    assert site.value("SELECT count(*) FROM django_celery_beat_periodictask") == 0
    beat = _start(site.env, tmp_path / "beat.log", "beat")

    def sent() -> set[str]:
        return {json.loads(item)["headers"]["task"] for item in broker.lrange("celery", 0, -1)}

    try:
        count = "SELECT count(*) FROM django_celery_beat_periodictask"
        assert _wait(lambda: site.value(count) >= len(SCHEDULES), 120), _tail(tmp_path / "beat.log")
        # The outbox runs every minute: beat sends it within one.
        assert _wait(lambda: "berichten.deliver_outbox" in sent(), 90), _tail(tmp_path / "beat.log")
    finally:
        _stop(beat)
    names = {row[0] for row in site.rows("SELECT task FROM django_celery_beat_periodictask")}
    assert names >= {task for task, *_ in SCHEDULES.values()}  # (and Celery's own backend_cleanup)
