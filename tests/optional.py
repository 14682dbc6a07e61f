"""Markers for tests that need a dependency only some matrix cells install.

Each skip names the cell that does install it (see matrix.json), so a skip
in one environment always means the test runs in another.
"""

from __future__ import annotations

import importlib.util

import pytest

#: aioboto3 15.5 pins aiobotocore 2.25.1, so it cannot live next to 3.x.
needs_aioboto3 = pytest.mark.skipif(
    importlib.util.find_spec("aioboto3") is None,
    reason="aioboto3 pins aiobotocore 2.25, so it is installed only in the "
    "'aioboto3' matrix cell (make test runs every cell)",
)
