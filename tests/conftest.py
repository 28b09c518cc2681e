"""Fixtures shared by the CPython and the browser tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(
    os.environ.get("SHOPBOX_SHARED_DATA", ROOT.parent / "shared" / "data")
)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The folder of real public test data that sits beside the repository."""
    if not SHARED_DATA.is_dir():
        pytest.fail(
            f"test data folder {SHARED_DATA} is missing; clone the repository beside "
            "shared/ or set SHOPBOX_SHARED_DATA"
        )
    return SHARED_DATA
