"""Run by test_schema_compilation: validate every message type from many threads at once
in a process whose schemas are still uncompiled, then once more after the storm.

Prints one line per failure and exits 1 if anything failed; libxml2 may also abort the
process outright (a double free), which the caller sees as a negative exit code.
"""

import sys
import threading
from pathlib import Path

from jeugdketen.ijw.validate import validate

examples = [p.read_bytes() for p in sorted(Path(sys.argv[1]).glob("JW3*.xml"))]
copies = int(sys.argv[2])
inputs = examples * copies
start = threading.Barrier(len(inputs))
failures: list[str] = []


def judge(data: bytes) -> None:
    start.wait()
    try:
        validate(data, rules=False)
    except Exception as error:  # noqa: BLE001 - every failure is reported to the caller
        failures.append(repr(error))


threads = [threading.Thread(target=judge, args=(data,)) for data in inputs]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
try:
    validate(examples[0], rules=False)
except Exception as error:  # noqa: BLE001
    failures.append(f"after the storm: {error!r}")
for failure in failures:
    print(failure)
sys.exit(1 if failures else 0)
