"""`make bench`: run every benchmarks/bench_*.py in turn; each writes its section of RESULTS.md."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [script for script in scripts if any(name in script.stem for name in names)]
    for script in scripts:
        print(f"== {script.stem}", flush=True)
        # Each script reads its own arguments (sizes); the names chosen here are not for it.
        sys.argv = [str(script)]
        runpy.run_path(str(script), run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
