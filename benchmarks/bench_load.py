"""Load, measured: `jeugdketen serve` (gunicorn) on PostgreSQL, a `jeugdketen worker` on Redis.

Builds the demo region once (``jeugdketen init``, ``jeugdketen demo --youths N --months 12
--with-users``) in the database of ``DATABASE_URL`` and reuses it on later runs; starts its own
gunicorn (``jeugdketen serve``) and Celery worker (``jeugdketen worker``), and stops them at the end.
Then it runs 1, 8 and 32 virtual users, each for about a minute. A virtual user is logged in
through the login form as the demo's access-team user, contract manager and provider (a
session each), and in a closed loop picks a request by weight and waits 1-3 s before the next:

| kind | weight | what |
|---|---:|---|
| worklist (gemeente) | 3 | ``/levering/vandaag/`` as the access team |
| worklist (aanbieder) | 2 | ``/levering/vandaag/`` as the provider |
| client list | 1 | ``/toegang/clienten/`` |
| client file | 3 | ``/toegang/clienten/<id>/`` (audited) |
| monitoring | 3 | the dashboard or one of its figures, as the contract manager |
| API read | 3 | toewijzingen, starts, declarations, prestaties, messages, with a municipality's token |
| JW305 post | 1 | ``POST /api/v1/berichten``: a start of care, judged in the request |

Beside the users, a separate uploader sends one JW323 of 100,000 prestaties a few seconds into
each level (answered 202) and follows its status every 2 s, as the upload screen does, while
the worker judges it; the next level starts when it is judged. Latencies (p50/p95 per kind),
throughput, errors, the CPU the machine spent (ours and everybody else's) and the load average
go to benchmarks/RESULTS.md.

Needs PostgreSQL (``DATABASE_URL``) and Redis (``JEUGDKETEN_BROKER_URL``); skips without them.

    DATABASE_URL=postgres://... JEUGDKETEN_BROKER_URL=redis://127.0.0.1:6379/5 \\
        python benchmarks/bench_load.py

``LOAD_BENCH_YOUTHS`` (10000), ``LOAD_BENCH_USERS`` (``1,8,32``), ``LOAD_BENCH_SECONDS`` (60 per
level), ``LOAD_BENCH_PRESTATIES`` (100000), ``LOAD_BENCH_THINK`` (``1,3`` seconds),
``LOAD_BENCH_PORT`` (a free port), ``LOAD_BENCH_WRITE=0`` (print only, for a trial run),
``LOAD_BENCH_REBUILD=1`` (empty the database's schema and build the demo again).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import _load_report as report  # noqa: E402
from benchmarks._load_processes import JEUGDKETEN, cpu_snapshot, cpu_used, free_port, start, stop  # noqa: E402

YOUTHS = int(os.environ.get("LOAD_BENCH_YOUTHS", "10000"))
LEVELS = [int(n) for n in os.environ.get("LOAD_BENCH_USERS", "1,8,32").split(",")]
SECONDS = float(os.environ.get("LOAD_BENCH_SECONDS", "60"))
PRESTATIES = int(os.environ.get("LOAD_BENCH_PRESTATIES", "100000"))
THINK = tuple(float(s) for s in os.environ.get("LOAD_BENCH_THINK", "1,3").split(","))
WRITE = os.environ.get("LOAD_BENCH_WRITE", "1") == "1"
REBUILD = os.environ.get("LOAD_BENCH_REBUILD") == "1"
UPLOAD_AFTER = min(5.0, SECONDS / 4)  # seconds into a level
INTAKE_WAIT = 900  # at most this long for the worker after a level
MAX_MESSAGE_BYTES = 128 * 1024 * 1024  # a JW323 of 100,000 prestaties is about 68 MB
MIX = [
    ("worklist (gemeente)", 3),
    ("worklist (aanbieder)", 2),
    ("client list", 1),
    ("client file", 3),
    ("monitoring", 3),
    ("API read", 3),
    ("JW305 post", 1),
]
UPLOAD, STATUS = "JW323 upload (202)", "intake status (API)"
PAGE_TIMEOUT = 60


def skip_reason() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("JEUGDKETEN_BROKER_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return "DATABASE_URL is not a PostgreSQL database"
    if not broker.startswith(("redis://", "rediss://")):
        return "JEUGDKETEN_BROKER_URL (Redis) is not set"
    try:
        import psycopg
        import redis

        psycopg.connect(url, connect_timeout=5).close()
        redis.Redis.from_url(broker, socket_timeout=5).ping()
    except Exception as error:  # noqa: BLE001 - any failure to reach them means: skip
        return f"PostgreSQL or Redis does not answer ({type(error).__name__})"
    return None


@dataclass
class Sample:
    level: int
    kind: str
    name: str
    started: float  # seconds since the level started
    seconds: float
    status: int
    error: str = ""


@dataclass
class Level:
    users: int
    samples: list[Sample] = field(default_factory=list)
    intake: dict = field(default_factory=dict)
    cpu: dict = field(default_factory=dict)
    load: tuple = ()
    elapsed: float = 0.0


# -- processes --------------------------------------------------------------------------------


def run(env: dict, *args: str) -> str:
    done = subprocess.run([*JEUGDKETEN, *args], env=env, capture_output=True, text=True, timeout=3600)
    if done.returncode:
        raise SystemExit(f"jeugdketen {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


# -- the site ---------------------------------------------------------------------------------


def ensure_demo(env: dict) -> dict:
    """The demo region in the database: built when empty, reused when there, rebuilt on request."""
    demo_env = {k: v for k, v in env.items() if k != "JEUGDKETEN_BROKER_URL"}  # built in-process
    if REBUILD:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    print("init ...", flush=True)
    run(env, "init")
    import django

    django.setup()
    from benchmarks import _load_site as site

    state = site.demo_state()
    if state["youths"] and abs(state["youths"] - YOUTHS) > YOUTHS // 10:
        raise SystemExit(
            f"The database holds a demo of {state['youths']} youths, not {YOUTHS}: set "
            "LOAD_BENCH_YOUTHS to match, or LOAD_BENCH_REBUILD=1 to build it again."
        )
    state["built"] = None
    if not state["youths"]:
        print(f"demo --youths {YOUTHS} ... (once; later runs reuse it)", flush=True)
        began = time.perf_counter()
        run(demo_env, "demo", "--youths", str(YOUTHS), "--months", "12", "--seed", "1", "--with-users")
        state = {**site.demo_state(), "built": time.perf_counter() - began}
    elif not state["users"]:
        run(demo_env, "demo", "--if-empty", "--with-users")
    return state


# -- virtual users ----------------------------------------------------------------------------


class Site:
    """The running site as the virtual users see it."""

    def __init__(self, base: str, creds, jw305: list[tuple[str, bytes]], today: dt.date):
        from benchmarks._load_site import DEMO_USERS
        from jeugdketen.demo.build import DEMO_PASSWORD
        from jeugdketen.monitoring.figures import NAMES

        self.base, self.creds, self.jw305, self.today = base, creds, jw305, today
        self.users, self.password = DEMO_USERS, DEMO_PASSWORD
        self.monitoring = ["/monitoring/"] + [f"/monitoring/{name}/" for name in NAMES]
        self.sessions: list[dict] = []
        self.jw305_lock = threading.Lock()
        self.jw305_next = 0
        self.jw305_outcome = {"accepted": 0, "rejected": 0}

    def login(self, username: str):
        import requests

        session = requests.Session()
        session.get(f"{self.base}/inloggen/", timeout=PAGE_TIMEOUT)
        answer = session.post(
            f"{self.base}/inloggen/",
            data={
                "username": username,
                "password": self.password,
                "csrfmiddlewaretoken": session.cookies.get("csrftoken", ""),
            },
            allow_redirects=False,
            timeout=PAGE_TIMEOUT,
        )
        if answer.status_code != 302 or "sessionid" not in session.cookies:
            raise SystemExit(f"login as {username} failed: {answer.status_code}")
        return session

    def sessions_for(self, users: int) -> None:
        """One logged-in session per demo role for each virtual user (kept between levels)."""
        from concurrent.futures import ThreadPoolExecutor

        import requests

        missing = users - len(self.sessions)
        if missing > 0:
            with ThreadPoolExecutor(4) as pool:
                logins = list(pool.map(self.login, [name for _ in range(missing) for name in self.users]))
            per_user = len(self.users)
            for n in range(missing):
                mine = logins[n * per_user : (n + 1) * per_user]
                self.sessions.append({"api": requests.Session(), **dict(zip(self.users, mine, strict=True))})

    def next_jw305(self) -> tuple[str, bytes]:
        with self.jw305_lock:
            token, xml = self.jw305[self.jw305_next % len(self.jw305)]
            self.jw305_next += 1
            return token, xml

    def request(self, user: int, kind: str, rng: random.Random) -> tuple[str, object]:
        """Performs one request of ``kind``; returns its name and the response."""
        sessions = self.sessions[user]
        api = {"Authorization": f"Token {self.creds.gemeente_token}"}
        get = {"timeout": PAGE_TIMEOUT, "allow_redirects": False}
        if kind == "worklist (gemeente)":
            return "/levering/vandaag/ (gemeente)", sessions["toegang"].get(
                f"{self.base}/levering/vandaag/", **get
            )
        if kind == "worklist (aanbieder)":
            return "/levering/vandaag/ (aanbieder)", sessions["aanbieder"].get(
                f"{self.base}/levering/vandaag/", **get
            )
        if kind == "client list":
            return "/toegang/clienten/", sessions["toegang"].get(f"{self.base}/toegang/clienten/", **get)
        if kind == "client file":
            pk = rng.choice(self.creds.client_ids)
            return "/toegang/clienten/<id>/", sessions["toegang"].get(
                f"{self.base}/toegang/clienten/{pk}/", **get
            )
        if kind == "monitoring":
            url = rng.choice(self.monitoring)
            return url, sessions["contract"].get(f"{self.base}{url}", **get)
        if kind == "API read":
            offset = rng.randrange(0, 1000, 100)
            name, url = rng.choice(
                [
                    ("/api/v1/toewijzingen", f"/api/v1/toewijzingen?limit=100&offset={offset}"),
                    ("/api/v1/starts", f"/api/v1/starts?limit=100&offset={offset}"),
                    ("/api/v1/declaraties", "/api/v1/declaraties?limit=100"),
                    ("/api/v1/prestaties", f"/api/v1/prestaties?limit=100&offset={offset}"),
                    ("/api/v1/berichten", "/api/v1/berichten?limit=100"),
                ]
            )
            return name, sessions["api"].get(f"{self.base}{url}", headers=api, **get)
        if kind == "JW305 post":
            token, xml = self.next_jw305()
            answer = sessions["api"].post(
                f"{self.base}/api/v1/berichten",
                data=xml,
                headers={"Content-Type": "application/xml", "Authorization": f"Token {token}"},
                timeout=PAGE_TIMEOUT,
            )
            if answer.status_code in (200, 201):
                self.jw305_outcome["accepted" if answer.json().get("accepted") else "rejected"] += 1
            return "/api/v1/berichten (JW305)", answer
        raise ValueError(kind)


def timed(level: Level, origin: float, kind: str, call, expected: tuple[int, ...] = (200,)) -> object:
    began = time.monotonic()
    name, answer, error, status = kind, None, "", 0
    try:
        name, answer = call()
        status = answer.status_code
        if status not in expected:
            error = f"HTTP {status}"
    except Exception as exc:  # noqa: BLE001 - a failed request is a measured error, not a crash
        # The exception's own words, e.g. a reset of a kept-alive connection the server had closed
        # (gunicorn closes an idle one after 2 s; a browser would resend the request, requests does not).
        error = f"{type(exc).__name__}: {str(exc)[:120]}"
    level.samples.append(
        Sample(level.users, kind, name, began - origin, time.monotonic() - began, status, error)
    )
    return answer


def virtual_user(site: Site, level: Level, user: int, origin: float, deadline: float) -> None:
    rng = random.Random(f"{level.users}-{user}")
    kinds, weights = zip(*MIX, strict=True)
    time.sleep(rng.uniform(0, THINK[1]))  # users do not all click at the same moment
    while time.monotonic() < deadline:
        kind = rng.choices(kinds, weights)[0]
        expected = (200, 201) if kind == "JW305 post" else (200,)
        timed(level, origin, kind, lambda kind=kind: site.request(user, kind, rng), expected)
        time.sleep(max(0.0, min(rng.uniform(*THINK), deadline - time.monotonic())))


def uploader(site: Site, level: Level, origin: float, data: bytes, identification: str) -> None:
    import requests

    session = requests.Session()
    headers = {"Authorization": f"Token {site.creds.load_provider_token}"}
    time.sleep(UPLOAD_AFTER)
    answer = timed(
        level,
        origin,
        UPLOAD,
        lambda: (
            UPLOAD,
            session.post(
                f"{site.base}/api/v1/berichten",
                data=data,
                headers={**headers, "Content-Type": "application/xml"},
                timeout=600,
            ),
        ),
        expected=(202,),
    )
    accepted = time.monotonic() - origin
    level.intake = {"identification": identification, "answered": accepted, "status": "geen antwoord"}
    if answer is None or answer.status_code != 202:
        return
    url = answer.json()["url"]
    give_up = time.monotonic() + SECONDS + INTAKE_WAIT
    while time.monotonic() < give_up:
        time.sleep(2)
        body = timed(level, origin, STATUS, lambda: (STATUS, session.get(url, headers=headers, timeout=60)))
        if body is None or body.status_code != 200:
            continue
        status = body.json()
        level.intake.update(status=status["status"], attempts=status["attempts"])
        if status["status"] in ("klaar", "mislukt"):
            level.intake["done"] = time.monotonic() - origin
            created = dt.datetime.fromisoformat(status["created"])
            finished = dt.datetime.fromisoformat(status["finished"])
            level.intake["judged"] = (finished - created).total_seconds()
            return


def run_level(site: Site, users: int, processes: dict, data: bytes, identification: str) -> Level:
    level = Level(users)
    site.sessions_for(users)
    database = os.environ["DATABASE_URL"].rsplit("/", 1)[1].split("?")[0]
    before, load_before = cpu_snapshot(processes, database), os.getloadavg()[0]
    origin = time.monotonic()
    deadline = origin + SECONDS
    threads = [
        threading.Thread(target=virtual_user, args=(site, level, user, origin, deadline), daemon=True)
        for user in range(users)
    ]
    upload = threading.Thread(target=uploader, args=(site, level, origin, data, identification), daemon=True)
    for thread in [*threads, upload]:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - origin
    after, load_after = cpu_snapshot(processes, database), os.getloadavg()[0]
    level.cpu = cpu_used(before, after, elapsed)
    level.load = (load_before, load_after)
    level.elapsed = elapsed
    upload.join()
    return level


def warm_up(site: Site) -> None:
    """Every kind of request a few times before the clock runs, on fresh connections so that each
    gunicorn process gets some (its first JW305 loads the schemas, its first pages their queries)."""
    from concurrent.futures import ThreadPoolExecutor

    warm = Site(site.base, site.creds, site.jw305, site.today)
    warm.sessions_for(1)
    for session in warm.sessions[0].values():
        session.headers["Connection"] = "close"
    warm.next_jw305 = site.next_jw305  # the warm-up's JW305s come out of the same pool
    rng = random.Random(0)
    work = [kind for kind, _weight in MIX for _ in range(6)] + ["monitoring"] * 2 * len(site.monitoring)
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda kind: warm.request(0, kind, rng), work))


def wait_ready(base: str, log: Path, process: subprocess.Popen) -> None:
    import requests

    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"serve stopped:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(f"{base}/health/ready", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(1)
    raise SystemExit(f"serve not ready in 180 s:\n{log.read_text()[-3000:]}")


def main() -> None:
    reason = skip_reason()
    if reason:
        print(f"bench_load: skipped: {reason}. See docs/operations.md, 'Load test'.", flush=True)
        return
    env = {
        **os.environ,
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or secrets.token_urlsafe(40),
        "JEUGDKETEN_MAX_MESSAGE_BYTES": str(MAX_MESSAGE_BYTES),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    os.environ.update({k: env[k] for k in ("DJANGO_SECRET_KEY", "JEUGDKETEN_MAX_MESSAGE_BYTES")})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jeugdketen.conf.settings")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so that the finally below stops our processes
    state = ensure_demo(env)
    print("demo:", state, flush=True)

    from django.db import connection

    from benchmarks import _load_site as data

    today = dt.date.today()
    data.revoke_tokens()  # left by an interrupted run
    creds = data.credentials()
    jw305 = data.jw305_messages(creds, 2000, today)
    if not jw305:
        raise SystemExit("no allocated care without a start in the demo: nothing to send a JW305 about")
    connection.close()
    port = int(os.environ.get("LOAD_BENCH_PORT") or free_port())
    base = f"http://127.0.0.1:{port}"
    logs = Path(tempfile.mkdtemp(prefix="jeugdketen-load-"))
    processes: dict[str, subprocess.Popen] = {}
    levels: list[Level] = []
    try:
        processes["web"] = start(env, logs / "serve.log", "serve", "--bind", f"127.0.0.1:{port}")
        processes["worker"] = start(env, logs / "worker.log", "worker")
        wait_ready(base, logs / "serve.log", processes["web"])
        site = Site(base, creds, jw305, today)
        warm_up(site)
        stamp = dt.datetime.now(dt.UTC).strftime("%m%d%H%M")
        for users in LEVELS:
            identification = f"LT{stamp}{users:02d}"[:12]
            print(f"{users} users: writing the JW323 of {PRESTATIES:,} prestaties ...", flush=True)
            upload, made = data.large_jw323(PRESTATIES, identification, today)
            connection.close()
            print(f"{users} users: {SECONDS:.0f} s ({made['megabytes']:.0f} MB upload)", flush=True)
            level = run_level(site, users, processes, upload, identification)
            level.intake.update(made, **data.judged(identification))
            connection.close()
            levels.append(level)
            print(report.level_line(level), flush=True)
    finally:
        for process in processes.values():
            stop(process)
        data.revoke_tokens()
        connection.close()
    body = report.section(levels, state, site, env, MIX, SECONDS, THINK, PRESTATIES, UPLOAD, STATUS)
    print(body)
    if WRITE:
        from benchmarks._results import write_section

        write_section("Load", body)
    print(f"logs of serve and worker: {logs}")


if __name__ == "__main__":
    main()
