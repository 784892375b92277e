"""``python -m tests.ijw.differential [--per-type N] [--seconds S] [--out DIR] [--corpus DIR]
[--generated-only] [CODE ...]``

Runs the wide differential search outside pytest and prints, per message type, how many
cases were judged and how many differed, and which rules differed. With ``--out`` every
differing case is written there as XML with a note of both verdicts, ready to be added to
the regression corpus (``corpus/``) once its cause is fixed. With ``--corpus`` the smallest
differing case of every (message, rule) pair is written there directly, named after both and
with a comment that says how the verdicts differed; use it with ``--generated-only`` so that no
published example ends up in the corpus.
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
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--generated-only", action="store_true")
    args = parser.parse_args(argv)
    started = time.monotonic()
    tally = search(
        args.per_type,
        codes=tuple(code.upper() for code in args.codes),
        seconds=args.seconds,
        examples=not args.generated_only,
        keep=100_000 if args.corpus else 500,
    )
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
    if args.corpus is not None:
        write_corpus(args.corpus, tally)
    return 1 if tally.differed else 0


def write_corpus(folder: Path, tally) -> None:
    """The smallest differing case of each (message, rule) pair, as ``JW315-CS003.xml``."""
    smallest: dict[tuple[str, str], tuple] = {}
    for verdict, xml, steps in tally.differences:
        for rule in {rule for rule, _ in verdict.oracle ^ verdict.ours}:
            key = (verdict.code, rule)
            if key not in smallest or len(xml) < len(smallest[key][1]):
                smallest[key] = (verdict, xml, steps)
    folder.mkdir(parents=True, exist_ok=True)
    for (code, rule), (verdict, xml, steps) in sorted(smallest.items()):
        note = verdict.describe().replace("--", "- -") + "\nsteps: " + "; ".join(steps)
        declaration, _, body = xml.partition(b"?>")
        text = declaration + b"?>\n<!--\n" + note.encode() + b"\n-->\n" + body.lstrip()
        (folder / f"{code}-{rule}.xml").write_bytes(text)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
