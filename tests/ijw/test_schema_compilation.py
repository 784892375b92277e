"""libxml2 compiles our generated schemas one at a time, and a process that cannot compile
them stops at start-up instead of failing every message later (issue: parallel uploads
on a fresh server)."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jeugdketen.ijw.schema import MESSAGES
from jeugdketen.ijw.schema import compiled as compiled_module

RACE = Path(__file__).with_name("race_cold_start.py")
#: A cold process failed about one time in fifteen before the fix; thirty fresh processes
#: catch that with high probability and take about fifteen seconds on two cores.
FRESH_PROCESSES = 30


def _cold_storm(examples_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(RACE), str(examples_dir), "8"],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_many_threads_on_a_cold_process_all_validate(examples_dir):
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = list(pool.map(lambda _: _cold_storm(examples_dir), range(FRESH_PROCESSES)))
    failed = [(run.returncode, run.stdout[:300], run.stderr[-300:]) for run in runs if run.returncode]
    assert failed == []


def test_a_borrowed_schema_is_never_lent_twice_at_once():
    code = "JW305"
    with compiled_module.compiled(code) as first, compiled_module.compiled(code) as second:
        assert first is not second
    with compiled_module.compiled(code) as again:
        assert again in (first, second)


def test_concurrent_borrowers_each_validate_with_their_own_schema(example):
    from jeugdketen.ijw.xml import parse

    root = parse(example("JW301")).root
    lent: list[int] = []
    guard = threading.Lock()

    def borrow(_):
        with compiled_module.compiled("JW301") as schema:
            with guard:
                assert id(schema) not in lent
                lent.append(id(schema))
            valid = schema.validate(root)
            with guard:
                lent.remove(id(schema))
            return valid

    with ThreadPoolExecutor(max_workers=6) as pool:
        assert all(pool.map(borrow, range(60)))


def test_a_schema_that_does_not_compile_fails_loudly_and_is_not_kept(monkeypatch, tmp_path):
    broken = tmp_path / "JW301.xsd"
    broken.write_bytes(b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element/></xs:schema>')
    monkeypatch.setattr(compiled_module, "_schema_directory", lambda: tmp_path)
    monkeypatch.setattr(compiled_module, "_pools", {})
    with pytest.raises(compiled_module.SchemaUnavailable, match="JW301"):
        compiled_module.warm_up()
    assert compiled_module._pools.get("JW301", []) == []


def test_django_start_up_compiled_every_schema_before_serving(settings):
    # pytest-django has set Django up, which ran CoreConfig.ready.
    assert {code for code, pool in compiled_module._pools.items() if pool} == set(MESSAGES)
