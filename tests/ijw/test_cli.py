"""``ijw validate``: JSON shape and exit codes 0, 1 and 2."""

from __future__ import annotations

import io
import json

from jeugdketen.ijw.cli import main


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(argv), stdout=out)
    return code, out.getvalue()


def test_clean_files_exit_zero(examples_dir):
    code, out = run("validate", str(examples_dir / "JW301.xml"), str(examples_dir / "JW325.xml"))
    assert code == 0
    assert "in orde" in out


def test_json_shape(examples_dir, xsd_dir):
    code, out = run("validate", "--json", "--xsd-dir", str(xsd_dir), str(examples_dir / "JW315.xml"))
    assert code == 1
    [entry] = json.loads(out)
    assert set(entry) == {"file", "message", "schema_valid", "errors"}
    assert entry["message"] == "JW315"
    assert entry["schema_valid"] is False
    assert {error["code"] for error in entry["errors"]} == {"XSD"}
    for error in entry["errors"]:
        assert set(error) == {"code", "return_code", "locations", "text"}
        assert error["return_code"] == "0001"
        assert error["locations"][0].startswith("/Bericht/Client/AangevraagdeProducten/AangevraagdProduct[")


def test_json_lists_every_file(examples_dir):
    files = [str(examples_dir / f"{code}.xml") for code in ("JW301", "JW315", "JW318")]
    code, out = run("validate", "--json", *files)
    assert code == 1
    entries = json.loads(out)
    assert [entry["file"] for entry in entries] == files
    assert [entry["schema_valid"] for entry in entries] == [True, False, False]


def test_unreadable_file_exits_two_and_is_reported(tmp_path, examples_dir):
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<niet-af")
    missing = tmp_path / "bestaat-niet.xml"
    code, out = run("validate", "--json", str(examples_dir / "JW315.xml"), str(bad), str(missing))
    assert code == 2
    entries = json.loads(out)
    assert entries[1]["message"] is None
    assert entries[1]["errors"][0]["code"] == "XML"
    assert entries[2]["errors"][0]["code"] == "XML"


def test_foreign_xml_exits_two(tmp_path):
    other = tmp_path / "ander.xml"
    other.write_bytes(b'<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo301/schema"/>')
    code, out = run("validate", str(other))
    assert code == 2
    assert "geen iJw" in out


def test_the_validator_runs_without_django(examples_dir, tmp_path):
    """`python -m jeugdketen.ijw` and `jeugdketen ijw` judge a file without importing Django."""
    import subprocess
    import sys

    example = str(examples_dir / "JW301.xml")
    probe = (
        "import runpy, sys\n"
        "sys.argv = sys.argv[1:]\n"
        "try:\n"
        "    {run}\n"
        "except SystemExit as exit_:\n"
        "    code = exit_.code\n"
        "print('exit', code, 'django' in sys.modules)\n"
    )
    runs = {
        "module": "runpy.run_module('jeugdketen.ijw', run_name='__main__')",
        "console": "from jeugdketen.cli import main; raise SystemExit(main(sys.argv[1:]))",
    }
    for name, run in runs.items():
        argv = ["validate", example] if name == "module" else ["ijw", "validate", example]
        done = subprocess.run(
            [sys.executable, "-c", probe.format(run=run), "prog", *argv],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert done.stdout.strip().splitlines()[-1] == "exit 0 False", (name, done.stdout[-2000:])
