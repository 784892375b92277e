"""Test-wide fixtures. The shared iJw material and seeds live beside the project, never in it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("JEUGDKETEN_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.fail(f"shared material not found at {SHARED}; set JEUGDKETEN_SHARED")
    return SHARED


@pytest.fixture(scope="session")
def xsd_dir(shared_dir: Path) -> Path:
    return shared_dir / "ijw" / "xsd"


@pytest.fixture(scope="session")
def examples_dir(shared_dir: Path) -> Path:
    return shared_dir / "ijw" / "voorbeelden"
