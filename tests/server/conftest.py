"""Server-mode fixtures: a private registry directory and a leak check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aiomoto import _lifecycle


@pytest.fixture(autouse=True)
def registry_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Registry files of this test go to its own directory, never the user's cache."""
    directory = tmp_path / "registry"
    monkeypatch.setenv("AIOMOTO_SERVER_REGISTRY_DIR", str(directory))
    return directory


@pytest.fixture(autouse=True)
def no_context_left_open() -> Iterator[None]:
    """Every test starts and ends with no mock_aws context active."""
    assert _lifecycle.depth() == 0
    yield
    assert _lifecycle.depth() == 0
