"""Benchmark: whole-process iJw validation, and the official rule stylesheet beside ours.

1. Whole process. A fresh interpreter judges a JW323 with 100,000 prestaties:
   ``python -m jeugdketen.ijw validate FILE`` (import, parse, compile the generated schema
   of JW323 only, structure, every TR/CD/CS rule, print) against a fresh interpreter that
   only parses the file and validates it with lxml against the official JW323.xsd
   (compiling that XSD included). This is what a user waits for; the target is 1.5×.
2. The official stylesheet (``validatie/alle-regels-jw-3.2.xsl``, run by lxml's
   ``etree.XSLT``) on 300, 1,200 and 4,800 prestaties, next to our whole in-process
   judgement (parse, structure, rules) of the same bytes. The stylesheet is compiled once
   beforehand and that compilation is not counted.

Each time is the best of a few runs. Results go to ``benchmarks/RESULTS.md`` under
"iJw whole process and official stylesheet".
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _results import write_section  # noqa: E402
from bench_ijw import best_of, generate_jw323  # noqa: E402
from jeugdketen.ijw import validate  # noqa: E402

SHARED = Path(os.environ.get("JEUGDKETEN_SHARED", ROOT.parent / "shared"))
WHOLE = 100_000
STYLESHEET_SIZES = (300, 1_200, 4_800)
BASELINE = """
import sys
from lxml import etree
schema = etree.XMLSchema(etree.parse(sys.argv[1]))
parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
tree = etree.parse(sys.argv[2], parser)
sys.exit(0 if schema.validate(tree) else 1)
"""


def process_time(argv: list[str], runs: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, capture_output=True)
        elapsed = time.perf_counter() - start
        assert done.returncode == 0, done.stdout[-500:] + done.stderr[-500:]
        best = min(best, elapsed)
    return best


def whole_process(xsd: Path, runs: int = 3) -> dict:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "JW323.xml"
        path.write_bytes(generate_jw323(WHOLE))
        lxml_only = process_time([sys.executable, "-c", BASELINE, str(xsd), str(path)], runs)
        ours = process_time([sys.executable, "-m", "jeugdketen.ijw", "validate", str(path)], runs)
        mb = path.stat().st_size / 1e6
    return {"mb": mb, "lxml": lxml_only, "ours": ours, "ratio": ours / lxml_only}


def stylesheet(xslt: etree.XSLT, prestaties: int) -> dict:
    data = generate_jw323(prestaties)
    runs = {300: 3, 1_200: 2}.get(prestaties, 1)  # the stylesheet grows faster than linearly
    t_official, rapport = best_of(runs, lambda: xslt(etree.fromstring(data)))
    fouten = rapport.getroot().xpath("//*[local-name()='Fout']")
    assert not fouten, etree.tostring(fouten[0])[:300]
    t_ours, report = best_of(5, lambda: validate(data))
    assert report.ok, report.issues[:3]
    return {"prestaties": prestaties, "official": t_official, "ours": t_ours, "ratio": t_official / t_ours}


def markdown(whole: dict, rows: list[dict]) -> str:
    lines = [
        f"Whole process, fresh interpreter each run, a JW323 with {WHOLE:,} valid prestaties "
        f"({whole['mb']:.1f} MB); best of 3; seconds. *lxml + official XSD* parses and validates "
        "against the official JW323.xsd (compiling it included); *ours* is "
        "`python -m jeugdketen.ijw validate FILE` (no Django; only JW323's generated schema is "
        "compiled; structure and every TR/CD/CS rule).",
        "",
        "| prestaties | lxml + official XSD | ours | ratio (target ≤ 1.5×) |",
        "|---:|---:|---:|---:|",
        f"| {WHOLE:,} | {whole['lxml']:.2f} | {whole['ours']:.2f} | {whole['ratio']:.2f}× |",
        "",
        "The official rule stylesheet (`alle-regels-jw-3.2.xsl`, lxml `etree.XSLT`, compiled "
        "beforehand) against our whole in-process judgement (parse, structure, rules) of the same "
        "bytes; best of several runs; seconds.",
        "",
        "| prestaties | official stylesheet | ours | official / ours |",
        "|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['prestaties']:,} | {row['official']:.3f} | {row['ours']:.4f} | {row['ratio']:,.0f}× |"
        )
    lines += [
        "",
        "The machine has 2 cores shared with other work while this ran, so single runs vary; "
        "compare the ratios, which come from one run.",
    ]
    return "\n".join(lines)


def main() -> None:
    xsd = SHARED / "ijw" / "xsd" / "JW323.xsd"
    xsl = SHARED / "ijw" / "validatie" / "alle-regels-jw-3.2.xsl"
    if not xsd.is_file() or not xsl.is_file():
        sys.exit(f"official XSD or stylesheet not found under {SHARED}; set JEUGDKETEN_SHARED")
    whole = whole_process(xsd)
    xslt = etree.XSLT(etree.parse(str(xsl)))
    rows = [stylesheet(xslt, size) for size in STYLESHEET_SIZES]
    body = markdown(whole, rows)
    print(body)
    write_section("iJw whole process and official stylesheet", body)


if __name__ == "__main__":
    main()
