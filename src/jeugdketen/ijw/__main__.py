"""``python -m jeugdketen.ijw validate [--xsd-dir DIR] [--json] FILE...``: the iJw validator on
its own, without Django (nothing of the web application is imported)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], prog="python -m jeugdketen.ijw"))
