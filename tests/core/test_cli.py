import subprocess
import sys

import pytest


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "jeugdketen.cli", *args], capture_output=True, text=True, timeout=120
    )


def test_help_lists_the_project_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "catalog"):
        assert f"  {command} " in result.stdout


@pytest.mark.slow
def test_init_is_idempotent(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'db.sqlite3'}")
    first = run("init")
    assert first.returncode == 0, first.stderr
    assert "noordoost-brabant-2021: 55 products loaded" in first.stdout
    second = run("init")
    assert second.returncode == 0
    assert second.stdout.count("unchanged") == 4
