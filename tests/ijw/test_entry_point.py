"""``python -m jeugdketen.ijw`` and ``jeugdketen ijw``: the same answers, and no Django."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"

# Runs a command line in a fresh interpreter and reports which Django modules it loaded.
PROBE = """
import io, json, sys
sys.argv = [sys.argv[0], *json.loads(sys.argv[1])]
from {module} import main
out = io.StringIO()
real, sys.stdout = sys.stdout, out
try:
    code = main({args})
except SystemExit as exit_:
    code = exit_.code
sys.stdout = real
print(json.dumps({{"code": code, "out": out.getvalue(),
                  "django": sorted(m for m in sys.modules if m.split(".")[0] == "django")}}))
"""


def probe(module: str, args: str, argv: list[str]) -> dict:
    script = PROBE.format(module=module, args=args)
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(argv)],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(done.stdout)


def test_module_entry_point_imports_no_django(examples_dir):
    argv = ["validate", "--json", str(examples_dir / "JW301.xml"), str(examples_dir / "JW315.xml")]
    result = probe("jeugdketen.ijw.cli", "prog='python -m jeugdketen.ijw'", argv)
    assert result["django"] == []
    assert result["code"] == 1
    assert [entry["message"] for entry in json.loads(result["out"])] == ["JW301", "JW315"]


def test_jeugdketen_ijw_dispatches_without_django(examples_dir):
    argv = ["ijw", "validate", str(examples_dir / "JW305.xml")]
    result = probe("jeugdketen.cli", "None", argv)
    assert result["django"] == []
    assert result["code"] == 0
    assert result["out"].strip().endswith("JW305 — in orde")


def test_python_dash_m_matches_the_jeugdketen_command(examples_dir, tmp_path):
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<niet-af")
    files = [str(examples_dir / "JW315.xml"), str(examples_dir / "JW301.xml"), str(bad)]
    env = {"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"}
    module = subprocess.run(
        [sys.executable, "-m", "jeugdketen.ijw", "validate", "--json", *files],
        capture_output=True,
        text=True,
        env=env,
    )
    command = probe("jeugdketen.cli", "None", ["ijw", "validate", "--json", *files])
    assert module.returncode == command["code"] == 2
    assert json.loads(module.stdout) == json.loads(command["out"])
    assert json.loads(module.stdout)[2]["errors"][0]["code"] == "XML"


def test_module_help_names_itself():
    done = subprocess.run(
        [sys.executable, "-m", "jeugdketen.ijw", "--help"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0
    assert done.stdout.startswith("usage: python -m jeugdketen.ijw")


def test_validate_is_the_function_even_after_its_module_was_imported():
    code = (
        "import inspect, jeugdketen.ijw.validate\n"
        "from jeugdketen.ijw import validate\n"
        "import jeugdketen.ijw as ijw\n"
        "assert callable(validate) and not inspect.ismodule(validate), validate\n"
        "assert not inspect.ismodule(ijw.validate)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
