"""``python -m jeugdketen.ijw validate [--xsd-dir DIR] [--json] FILE...``.

The pure package's own entry point: it imports lxml and this package only, never Django,
so judging a file costs the parse, the structure check and the rules, not a framework
start-up (and not the compilation of every message's schema that Django's ``core`` app
does at start-up: only the schema of the message at hand is compiled).
"""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog="python -m jeugdketen.ijw"))
