"""Benchmark: jeugdketen.ijw beside the official rule stylesheet, and whole processes.

1. The official iJw 3.2 rule stylesheet (XSLT 1.0, run by lxml) on JW323s of 300, 1,200 and
   4,800 valid prestaties, beside jeugdketen's structure and rules on the same bytes; both
   include parsing. The stylesheet grows faster than linearly, which is why the sizes are small.
2. Whole processes on a 100,000-prestatie JW323, as a user starts them: ``python -m
   jeugdketen.ijw validate FILE`` against a process that only parses the file and validates it
   with the official JW323.xsd in lxml (best of three each, interpreter start included).

Results go to ``benchmarks/RESULTS.md`` under "iJw against the official stylesheet".
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _results import write_section  # noqa: E402
from bench_ijw import ROOT, SHARED, best_of, generate_jw323  # noqa: E402
from jeugdketen.ijw.rules import check_rules  # noqa: E402
from jeugdketen.ijw.structure import check_structure  # noqa: E402
from jeugdketen.ijw.xml import parse  # noqa: E402

SIZES = (300, 1_200, 4_800)
WHOLE = 100_000
XSD_ONLY = (
    "import sys\nfrom lxml import etree\n"
    "schema = etree.XMLSchema(etree.parse(sys.argv[1]))\n"
    "parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)\n"
    "sys.exit(0 if schema.validate(etree.parse(sys.argv[2], parser)) else 1)\n"
)


def ours(data: bytes) -> int:
    document = parse(data)
    return len(check_structure(document.root, document.message)) + len(
        list(check_rules(document.code, document.root))
    )


def official(stylesheet: etree.XSLT, data: bytes) -> int:
    report = stylesheet(etree.fromstring(data, etree.XMLParser(resolve_entities=False, huge_tree=True)))
    return len(report.getroot().findall(".//{*}Fout"))


def side_by_side(stylesheet: etree.XSLT) -> list[dict]:
    rows = []
    for size in SIZES:
        data = generate_jw323(size)
        t_ours, found_ours = best_of(3, lambda data=data: ours(data))
        t_official, found_official = best_of(
            1 if size > 2_000 else 3, lambda data=data: official(stylesheet, data)
        )
        assert found_ours == found_official == 0, (found_ours, found_official)
        rows.append({"prestaties": size, "ours": t_ours, "official": t_official})
    return rows


def whole_processes(xsd: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "jw323.xml"
        path.write_bytes(generate_jw323(WHOLE))

        def run(argv: list[str]) -> None:
            done = subprocess.run(argv, env=env, capture_output=True, timeout=600)
            assert done.returncode == 0, done.stderr[-2000:]

        t_ours, _ = best_of(3, lambda: run([sys.executable, "-m", "jeugdketen.ijw", "validate", str(path)]))
        t_xsd, _ = best_of(3, lambda: run([sys.executable, "-c", XSD_ONLY, str(xsd), str(path)]))
        return {"prestaties": WHOLE, "mb": path.stat().st_size / 1e6, "ours": t_ours, "xsd": t_xsd}


def markdown(rows: list[dict], whole: dict) -> str:
    lines = [
        "The official rule stylesheet (`alle-regels-jw-3.2.xsl`, XSLT 1.0 in lxml/libxslt) beside "
        "jeugdketen's structure and rules, on the same valid JW323; seconds, parsing included on both "
        "sides; neither finds an error.",
        "",
        "| prestaties | official stylesheet | jeugdketen.ijw | official ÷ ours |",
        "|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['prestaties']:,} | {row['official']:.3f} | {row['ours']:.4f} | "
            f"{row['official'] / row['ours']:.0f}× |"
        )
    lines += [
        "",
        f"Whole processes on a JW323 of {whole['prestaties']:,} prestaties ({whole['mb']:.0f} MB), "
        "interpreter start included, best of three:",
        "",
        "| process | seconds |",
        "|---|---:|",
        f"| `python -m jeugdketen.ijw validate FILE` (structure and every rule) | {whole['ours']:.2f} |",
        f"| parse + official JW323.xsd in lxml, nothing else | {whole['xsd']:.2f} |",
        f"| ratio | {whole['ours'] / whole['xsd']:.2f}× |",
        "",
        f"Load average when the run ended: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        "(other work on the machine slows every figure; compare ratios within the run).",
    ]
    return "\n".join(lines)


def main() -> None:
    xsd = SHARED / "ijw" / "xsd" / "JW323.xsd"
    xsl = SHARED / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl"
    if not xsd.is_file() or not xsl.is_file():
        sys.exit(f"official XSD or stylesheet not found under {SHARED}; set JEUGDKETEN_SHARED")
    stylesheet = etree.XSLT(etree.parse(str(xsl)))
    body = markdown(side_by_side(stylesheet), whole_processes(xsd))
    print(body)
    write_section("iJw against the official stylesheet", body)


if __name__ == "__main__":
    main()
