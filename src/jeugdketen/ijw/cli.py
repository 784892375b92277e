"""``ijw validate [--xsd-dir DIR] [--json] FILE...``: judge iJw files from the command line.

The Django management command and the ``jeugdketen`` console script both call :func:`main`.
Exit codes follow the project's convention: 0 when every file is clean, 1 when any file
was judged and found wanting, 2 when a file could not be read as iJw at all (missing,
not XML, unsafe, or not an iJw 3.2 message). A file that cannot be read still gets its
entry in the JSON output, with code ``XML``, so a batch run never loses track of a file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .report import Issue, Report
from .validate import validate_file
from .xml import DEFAULT_MAX_BYTES, IjwXmlError

CLEAN, FOUND_WANTING, UNREADABLE = 0, 1, 2
UNREADABLE_CODE = "XML"


def build_parser(prog: str = "ijw") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Controleer iJw 3.2-berichten.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="valideer structuur en berichtregels van iJw-bestanden")
    check.add_argument("files", nargs="+", metavar="FILE", type=Path)
    check.add_argument(
        "--xsd-dir",
        type=Path,
        help="map met de officiële XSD's, voor een tweede oordeel naast de ingebouwde structuur",
    )
    check.add_argument(
        "--json", action="store_true", help="schrijf één JSON-array met een object per bestand"
    )
    check.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, prog: str = "ijw") -> int:
    out = stdout or sys.stdout
    args = build_parser(prog).parse_args(argv)
    if args.xsd_dir is not None and not args.xsd_dir.is_dir():
        print(f"XSD-map {args.xsd_dir} bestaat niet", file=sys.stderr)
        return UNREADABLE
    results = [_judge(path, args.xsd_dir, args.max_bytes) for path in args.files]
    if args.json:
        json.dump([entry for entry, _status in results], out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for entry, _status in results:
            _print_human(entry, out)
    return max(status for _entry, status in results)


def _judge(path: Path, xsd_dir: Path | None, max_bytes: int) -> tuple[dict, int]:
    try:
        report = validate_file(path, xsd_dir=xsd_dir, max_bytes=max_bytes)
    except IjwXmlError as error:
        return _unreadable(path, error.dutch), UNREADABLE
    except OSError as error:
        return _unreadable(path, f"Bestand niet te lezen: {error.strerror or error}"), UNREADABLE
    return _entry(path, report), CLEAN if report.ok else FOUND_WANTING


def _entry(path: Path, report: Report) -> dict:
    return {
        "file": str(path),
        "message": report.message,
        "schema_valid": report.schema_valid,
        "errors": [issue.as_dict() for issue in report.issues],
    }


def _unreadable(path: Path, text: str) -> dict:
    issue = Issue(UNREADABLE_CODE, "0001", (), text)
    return {"file": str(path), "message": None, "schema_valid": False, "errors": [issue.as_dict()]}


def _print_human(entry: dict, out: TextIO) -> None:
    errors = entry["errors"]
    verdict = "in orde" if not errors else f"{len(errors)} fout(en)"
    print(f"{entry['file']}: {entry['message'] or 'geen iJw'} — {verdict}", file=out)
    for error in errors:
        where = ", ".join(error["locations"]) or "-"
        print(f"  {error['code']} (retourcode {error['return_code']}) {where}: {error['text']}", file=out)


if __name__ == "__main__":
    sys.exit(main())
