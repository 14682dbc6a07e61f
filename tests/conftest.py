"""Shared test set-up: no network, a clean AWS environment and the async backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiomoto import _lifecycle
from aiomoto._options import ServerAddress
from tests import network_guard

# Loopback only, for the whole session: see tests/network_guard.py.
network_guard.install()

# tests/escape/test_network_guard.py runs a test session of its own.
pytest_plugins = ["pytester"]

# Tests must never follow a developer's endpoint, profile or region settings.
for _name in list(os.environ):
    if _name.startswith("AWS_ENDPOINT_URL") or _name in {
        "AWS_PROFILE",
        "AWS_DEFAULT_PROFILE",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
    }:
        del os.environ[_name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
# No instance-metadata lookups: they would try a link-local address.
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def registry_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Registry files of this test go to its own directory, never the user's cache."""
    directory = tmp_path / "registry"
    monkeypatch.setenv("AIOMOTO_SERVER_REGISTRY_DIR", str(directory))
    return directory


@pytest.fixture(autouse=True)
def no_real_network() -> Iterator[None]:
    """Fail the test that tried to reach beyond loopback, even if the error was
    swallowed on the way (a retry loop, a library's own error handling)."""
    start = len(network_guard.attempts)
    yield
    tried = network_guard.attempts[start:]
    del network_guard.attempts[start:]
    if tried:
        pytest.fail(
            "This test tried to reach the network (only loopback is allowed): "
            + "; ".join(tried),
            pytrace=False,
        )


@pytest.fixture
def foreign_server() -> Iterator[ServerAddress]:
    """A Moto server the test started itself, as another tool or process would.

    It runs in this process (so it is cheap), but aiomoto did not start it:
    a context that attaches to it treats its backend as remote.
    """
    from aiomoto._server.process import LocalMotoServer, reset_remote

    server = LocalMotoServer()
    try:
        reset_remote(server.address)
        yield server.address
    finally:
        reset_remote(server.address)
        server.stop()


@pytest.fixture(autouse=True)
def no_context_left_open() -> Iterator[None]:
    """Every test starts and ends with no mock_aws context active."""
    assert _lifecycle.depth() == 0
    yield
    assert _lifecycle.depth() == 0
