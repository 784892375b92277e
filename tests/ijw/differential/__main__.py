"""``python -m tests.ijw.differential [--per-type N] [--seconds S] [--out DIR] [CODE ...]``

Runs the wide differential search outside pytest and prints, per message type, how many
cases were judged and how many differed, and which rules differed. With ``--out`` every
differing case is written there as XML with a note of both verdicts, ready to be added to
the regression corpus (``corpus/``) once its cause is fixed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .mutate import CODES
from .search import search


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ijw.differential")
    parser.add_argument("codes", nargs="*", default=list(CODES))
    parser.add_argument("--per-type", type=int, default=150)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = search(args.per_type, codes=tuple(code.upper() for code in args.codes), seconds=args.seconds)
    elapsed = time.monotonic() - started
    for code in args.codes:
        code = code.upper()
        print(
            f"{code}: judged {tally.judged[code]:5d}  refused by XSD {tally.refused[code]:5d}"
            f"  differed {tally.differed[code]:4d}"
        )
    print(f"total judged {tally.total()} in {elapsed:.0f} s; differed {sum(tally.differed.values())}")
    for (code, rule), count in tally.rules.most_common():
        print(f"  {code} {rule}: {count}")
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        for number, (verdict, xml, steps) in enumerate(tally.differences):
            stem = args.out / f"{verdict.code}-{number:04d}"
            stem.with_suffix(".xml").write_bytes(xml)
            stem.with_suffix(".txt").write_text(verdict.describe() + "\nsteps: " + "; ".join(steps) + "\n")
    return 1 if tally.differed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
