"""Benchmark: full iJw validation of large JW323 declarations against lxml's own XSD validation.

For 10,000 and 100,000 prestaties (unique and valid, so every rule runs to the end) this
times, on the same bytes:

* lxml: parse, then ``XMLSchema.validate`` against the official JW323.xsd: the practical
  floor, since libxml2 does it in C;
* jeugdketen: parse, then structural validation along the Python declarations, then all
  TR/CD/CS rules of the message.

Both sides are reported with and without parsing, since both must parse the file. The
schema is compiled once beforehand and each measurement is the best of a few runs.
Results go to ``benchmarks/RESULTS.md`` under "iJw validation".

Run: ``python benchmarks/bench_ijw.py`` (the official XSDs come from ``$JEUGDKETEN_SHARED``
or ``../shared`` beside the repository).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from _results import write_section  # noqa: E402
from jeugdketen.ijw.rules import check_rules  # noqa: E402
from jeugdketen.ijw.structure import check_structure, walk_structure  # noqa: E402
from jeugdketen.ijw.xml import parse  # noqa: E402

SHARED = Path(os.environ.get("JEUGDKETEN_SHARED", ROOT.parent / "shared"))
SIZES = (10_000, 100_000)
PER_CLIENT = 50
PRESTATIE = """\t\t\t\t\t<jw323:Prestatie>
\t\t\t\t\t\t<jw323:ProductReferentie>
\t\t\t\t\t\t\t<ijw:ReferentieNummer>RN{ref:010d}</ijw:ReferentieNummer>
\t\t\t\t\t\t</jw323:ProductReferentie>
\t\t\t\t\t\t<jw323:ToewijzingNummer>{toewijzing}</jw323:ToewijzingNummer>
\t\t\t\t\t\t<jw323:ProductCategorie>45</jw323:ProductCategorie>
\t\t\t\t\t\t<jw323:ProductCode>45A03</jw323:ProductCode>
\t\t\t\t\t\t<jw323:ProductPeriode>
\t\t\t\t\t\t\t<ijw:Begindatum>2026-04-{day:02d}</ijw:Begindatum>
\t\t\t\t\t\t\t<ijw:Einddatum>2026-04-{day:02d}</ijw:Einddatum>
\t\t\t\t\t\t</jw323:ProductPeriode>
\t\t\t\t\t\t<jw323:GeleverdVolume>{volume}</jw323:GeleverdVolume>
\t\t\t\t\t\t<jw323:Eenheid>04</jw323:Eenheid>
\t\t\t\t\t\t<jw323:ProductTarief>1250</jw323:ProductTarief>
\t\t\t\t\t\t<jw323:IngediendBedrag>
\t\t\t\t\t\t\t<ijw:Bedrag>{bedrag}</ijw:Bedrag>
\t\t\t\t\t\t\t<ijw:DebetCredit>D</ijw:DebetCredit>
\t\t\t\t\t\t</jw323:IngediendBedrag>
\t\t\t\t\t</jw323:Prestatie>
"""


def bsns() -> Iterator[str]:
    """Distinct nine-digit BSNs that pass the elfproef."""
    for base in range(10_000_000, 100_000_000):
        digits = f"{base:08d}"
        last = sum(int(d) * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            yield digits + str(last)


def generate_jw323(prestaties: int) -> bytes:
    """A JW323 with ``prestaties`` unique, valid prestaties, 50 per client."""
    clients = []
    numbers = bsns()
    total = 0
    reference = 0
    for client in range(-(-prestaties // PER_CLIENT)):
        lines = []
        for index in range(min(PER_CLIENT, prestaties - reference)):
            reference += 1
            volume = 1 + index % 8
            total += volume * 1250
            lines.append(
                PRESTATIE.format(
                    ref=reference,
                    toewijzing=100_000 + 2 * client + index // 28,
                    day=1 + index % 28,
                    volume=volume,
                    bedrag=volume * 1250,
                )
            )
        clients.append(
            f"\t\t\t<jw323:Client>\n\t\t\t\t<jw323:Bsn>{next(numbers)}</jw323:Bsn>\n\t\t\t\t<jw323:Prestaties>\n"
            + "".join(lines)
            + "\t\t\t\t</jw323:Prestaties>\n\t\t\t</jw323:Client>\n"
        )
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<jw323:Bericht xmlns:jw323="http://www.istandaarden.nl/ijw/3_2/jw323/schema" '
        'xmlns:ijw="http://www.istandaarden.nl/ijw/3_2/basisschema/schema">\n'
        "\t<jw323:Header>\n\t\t<jw323:BerichtCode>490</jw323:BerichtCode>\n"
        "\t\t<jw323:BerichtVersie>3</jw323:BerichtVersie>\n\t\t<jw323:BerichtSubversie>2</jw323:BerichtSubversie>\n"
        "\t\t<jw323:Afzender>65656055</jw323:Afzender>\n\t\t<jw323:Ontvanger>0384</jw323:Ontvanger>\n"
        "\t\t<jw323:BerichtIdentificatie>\n\t\t\t<ijw:Identificatie>BENCH1</ijw:Identificatie>\n"
        "\t\t\t<ijw:Dagtekening>2026-05-06</ijw:Dagtekening>\n\t\t</jw323:BerichtIdentificatie>\n"
        "\t\t<jw323:XsdVersie>\n\t\t\t<ijw:BasisschemaXsdVersie>1.0.0</ijw:BasisschemaXsdVersie>\n"
        "\t\t\t<ijw:BerichtXsdVersie>1.0.0</ijw:BerichtXsdVersie>\n\t\t</jw323:XsdVersie>\n\t</jw323:Header>\n"
        "\t<jw323:Declaratie>\n\t\t<jw323:DeclaratieNummer>BENCH1</jw323:DeclaratieNummer>\n"
        "\t\t<jw323:DeclaratiePeriode>\n\t\t\t<ijw:Begindatum>2026-04-01</ijw:Begindatum>\n"
        "\t\t\t<ijw:Einddatum>2026-04-30</ijw:Einddatum>\n\t\t</jw323:DeclaratiePeriode>\n"
        "\t\t<jw323:DeclaratieDagtekening>2026-05-06</jw323:DeclaratieDagtekening>\n"
        f"\t\t<jw323:TotaalIngediendBedrag>\n\t\t\t<ijw:TotaalBedrag>{total}</ijw:TotaalBedrag>\n"
        "\t\t\t<ijw:DebetCredit>D</ijw:DebetCredit>\n\t\t</jw323:TotaalIngediendBedrag>\n"
        "\t\t<jw323:Clienten>\n"
        + "".join(clients)
        + "\t\t</jw323:Clienten>\n\t</jw323:Declaratie>\n</jw323:Bericht>\n"
    ).encode()


def best_of(runs: int, func: Callable[[], object]) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def measure(prestaties: int, schema: etree.XMLSchema, runs: int) -> dict:
    data = generate_jw323(prestaties)
    t_parse, document = best_of(runs, lambda: parse(data))
    t_xsd, valid = best_of(runs, lambda: schema.validate(document.root.getroottree()))
    assert valid, schema.error_log
    t_structure, structural = best_of(runs, lambda: check_structure(document.root, document.message))
    assert structural == [], structural[:3]
    t_walk, walked = best_of(1, lambda: walk_structure(document.root, document.message))
    assert walked == [], walked[:3]
    t_rules, issues = best_of(runs, lambda: list(check_rules(document.code, document.root)))
    assert issues == [], issues[:3]
    ours = t_structure + t_rules
    return {
        "prestaties": prestaties,
        "mb": len(data) / 1e6,
        "parse": t_parse,
        "xsd": t_xsd,
        "structure": t_structure,
        "rules": t_rules,
        "walk": t_walk,
        "ratio": ours / t_xsd,
        "ratio_file": (t_parse + ours) / (t_parse + t_xsd),
    }


def markdown(rows: list[dict]) -> str:
    lines = [
        "Full validation of a JW323 with unique, valid prestaties (structure, then every TR/CD/CS rule) "
        "against lxml validating the same parsed tree with the official JW323.xsd. Best of several runs; "
        "seconds. *structure* is libxml2 on the schema compiled in memory from the Python declarations "
        "(the official XSD is not used); *walk* is the pure-Python walk along the same declarations, "
        "which runs only for a rejected message, to name its errors, and is shown for comparison.",
        "",
        "| prestaties | MB | parse | lxml XSD | structure | rules | ours total | ratio | ratio incl. parse "
        "| walk |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ours = row["structure"] + row["rules"]
        lines.append(
            f"| {row['prestaties']:,} | {row['mb']:.1f} | {row['parse']:.3f} | {row['xsd']:.3f} | "
            f"{row['structure']:.3f} | {row['rules']:.3f} | {ours:.3f} | {row['ratio']:.1f}× | "
            f"{row['ratio_file']:.1f}× | {row['walk']:.3f} |"
        )
    if len(rows) == 2:
        small, large = rows
        growth = (large["structure"] + large["rules"]) / (small["structure"] + small["rules"])
        size = large["prestaties"] / small["prestaties"]
        xsd_growth = large["xsd"] / small["xsd"]
        lines += ["", f"Growth from {small['prestaties']:,} to {large['prestaties']:,} prestaties: ours "
                  f"{growth:.1f}×, lxml XSD {xsd_growth:.1f}×, for {size:.0f}× the size."]  # fmt: skip
    lines += [
        "",
        '"ratio" compares only the checking (ours: structure + rules; lxml: XSD validation, in C). '
        '"ratio incl. parse" compares reading a file to a verdict, which is what a user waits for.',
    ]
    return "\n".join(lines)


def main() -> None:
    xsd = SHARED / "ijw" / "xsd" / "JW323.xsd"
    if not xsd.is_file():
        sys.exit(f"official XSD not found at {xsd}; set JEUGDKETEN_SHARED")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    rows = [measure(size, schema, runs=5 if size <= 10_000 else 3) for size in SIZES]
    body = markdown(rows)
    print(body)
    write_section("iJw validation", body)


if __name__ == "__main__":
    main()
