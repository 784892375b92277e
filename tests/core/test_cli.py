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


def test_ijw_validate_through_the_project_command(examples_dir):
    import json

    files = [str(examples_dir / name) for name in ("JW301.xml", "JW323.xml")]
    result = run("ijw", "validate", "--json", *files)
    assert result.returncode == 1, result.stderr
    verdicts = {item["message"]: item for item in json.loads(result.stdout)}
    assert verdicts["JW301"]["errors"] == []
    assert {error["code"] for error in verdicts["JW323"]["errors"]} == {"TR101"}
    clean = run("ijw", "validate", str(examples_dir / "JW301.xml"))
    assert clean.returncode == 0


def test_ijw_validate_exit_code_2_for_non_ijw(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<html/>")
    assert run("ijw", "validate", str(path)).returncode == 2
