"""Parallel uploads at a server process that has only just started: no 5xx, and the same
message stored once (issue: a fresh server breaks under parallel uploads).

The server is a real ``jeugdketen runserver`` subprocess on its own SQLite file, set up
with the project's own commands, so nothing of the test process (whose schemas are long
compiled) helps it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
JEUGDKETEN = [sys.executable, "-m", "jeugdketen.cli"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([*JEUGDKETEN, *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _post(url: str, token: str, body: bytes) -> int:
    request = urllib.request.Request(  # noqa: S310 - a loopback http URL built by the test
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/xml", "Authorization": f"Token {token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback only
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _as_sender(example: bytes, agb: str, cbs: str, identification: str) -> bytes:
    body = re.sub(rb"(<\w+:Afzender>)[^<]*", rb"\g<1>" + agb.encode(), example, count=1)
    body = re.sub(rb"(<\w+:Ontvanger>)[^<]*", rb"\g<1>" + cbs.encode(), body, count=1)
    return re.sub(rb"(<ijw:Identificatie>)[^<]*", rb"\g<1>" + identification.encode(), body, count=1)


@pytest.fixture
def fresh_site(tmp_path: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "DJANGO_SECRET_KEY": "cold-start-test-only",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    _run(env, "init")
    _run(env, "demo", "--youths", "20", "--months", "2", "--seed", "3")
    codes = (
        _run(
            env,
            "shell",
            "-c",
            "from jeugdketen.contracten.models import Contract\n"
            "c = Contract.objects.select_related('provider', 'region').order_by('pk').first()\n"
            "m = c.region.municipalities.order_by('cbs_code').first()\n"
            "print('codes:', c.provider.agb_code, m.cbs_code)",
        )
        .split("codes:")[1]
        .split()
    )
    issued = _run(env, "token", "issue", "--aanbieder", codes[0], "--label", "cold start test")
    token = re.search(r"\b[0-9a-f]{32,}\b|\b[\w-]{30,}\b", issued)
    assert token, issued
    return {"env": env, "agb": codes[0], "cbs": codes[1], "token": token[0]}


SERVERS = {
    # what `make run` serves with
    "runserver": lambda port: ["runserver", "--noreload", f"127.0.0.1:{port}"],
    # what production serves with: several processes, each with several threads
    "gunicorn": lambda port: ["serve", "--bind", f"127.0.0.1:{port}", "--workers", "3", "--threads", "4"],
}


@pytest.mark.parametrize("kind", sorted(SERVERS))
def test_parallel_uploads_right_after_start_get_no_5xx(fresh_site, examples_dir, kind):
    port = _free_port()
    server = subprocess.Popen(
        [*JEUGDKETEN, *SERVERS[kind](port)],
        env=fresh_site["env"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        else:
            pytest.fail("the server did not start")
        url = f"http://127.0.0.1:{port}/api/v1/berichten"
        agb, cbs = fresh_site["agb"], fresh_site["cbs"]
        same = _as_sender((examples_dir / "JW323.xml").read_bytes(), agb, cbs, "1")
        others = [
            _as_sender((examples_dir / f"{code}.xml").read_bytes(), agb, cbs, str(n))
            for n, code in enumerate(["JW305", "JW307", "JW315", "JW317"], start=2)
        ]
        bodies = [same] * 10 + others
        with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
            statuses = list(pool.map(lambda body: _post(url, fresh_site["token"], body), bodies))
        assert [s for s in statuses if s >= 500] == [], statuses
        # One of the ten identical uploads is stored; the others get its verdict back.
        assert statuses[:10].count(201) == 1, statuses
        assert set(statuses[:10]) <= {200, 201}, statuses
        assert _post(url, fresh_site["token"], same) == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode(errors="replace")
    assert "Traceback" not in output, output[-3000:]
