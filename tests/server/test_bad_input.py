"""Bad input fails with a named error before anything starts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aiomoto import (
    AiomotoError,
    AutoEndpointError,
    ConfigurationError,
    ModeConflictError,
    ServerDependencyError,
    ServerModeUnavailableError,
    ServerPortError,
    _lifecycle,
    mock_aws,
)
from tests.server.probes import registry_files


@pytest.mark.parametrize(
    "port",
    [
        pytest.param(0, id="zero"),
        pytest.param(65536, id="too-high"),
        pytest.param(-1, id="negative"),
        pytest.param(True, id="bool"),
        pytest.param("80", id="str"),
    ],
)
def test_a_server_port_that_is_not_a_tcp_port_is_refused(
    port: Any, registry_dir: Path
) -> None:
    with pytest.raises(ServerPortError) as raised:
        mock_aws(server_mode=True, server_port=port)
    assert registry_files(registry_dir) == []
    message = str(raised.value)
    assert f"server_port={port!r} is not a TCP port" in message
    assert "from 1 to 65535" in message
    assert isinstance(raised.value, ConfigurationError)
    assert isinstance(raised.value, ValueError)


def test_a_server_port_without_server_mode_is_refused() -> None:
    with pytest.raises(ServerPortError) as raised:
        mock_aws(server_port=5000)
    assert "server_port=5000 needs server_mode=True" in str(raised.value)


@pytest.mark.parametrize("server_mode", [True, False])
def test_an_unknown_auto_endpoint_is_refused(server_mode: bool) -> None:
    with pytest.raises(AutoEndpointError) as raised:
        mock_aws(server_mode=server_mode, auto_endpoint="sometimes")
    message = str(raised.value)
    assert "auto_endpoint='sometimes' is not a known mode" in message
    for choice in ("'force'", "'if_missing'", "'disabled'"):
        assert choice in message


@pytest.mark.parametrize("mode", ["force", "if_missing"])
def test_an_injecting_auto_endpoint_without_server_mode_is_refused(mode: str) -> None:
    with pytest.raises(AutoEndpointError) as raised:
        mock_aws(auto_endpoint=mode)
    assert f"auto_endpoint={mode!r} needs server_mode=True" in str(raised.value)


def test_a_disabled_auto_endpoint_is_accepted_in_process() -> None:
    with mock_aws(auto_endpoint="disabled") as ctx:
        assert ctx.server_endpoint is None


MISSING_FLASK = """\
import sys

sys.modules["flask"] = None  # as if moto[server] were not installed

from aiomoto import ServerDependencyError, _lifecycle, mock_aws

try:
    mock_aws(server_mode=True)
except ServerDependencyError as error:
    assert _lifecycle.depth() == 0
    print(error)
else:
    raise SystemExit("no ServerDependencyError")
"""


def test_server_mode_without_moto_server_installed_says_what_to_install(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "AIOMOTO_SERVER_REGISTRY_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", MISSING_FLASK],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'pip install "aiomoto[server]"' in result.stdout
    assert "server_mode=True needs Moto's server" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_the_server_errors_share_one_base() -> None:
    assert issubclass(ServerDependencyError, ServerModeUnavailableError)
    assert issubclass(ServerModeUnavailableError, AiomotoError)
    assert issubclass(ModeConflictError, AiomotoError)


def test_a_server_mode_context_inside_an_in_process_one_is_refused(
    registry_dir: Path,
) -> None:
    with mock_aws():
        inner = mock_aws(server_mode=True)
        with pytest.raises(ModeConflictError) as raised:
            inner.__enter__()
        assert _lifecycle.depth() == 1
        assert registry_files(registry_dir) == []
        assert inner.server_endpoint is None
    message = str(raised.value)
    assert "server mode cannot be nested inside one in in-process mode" in message
    assert _lifecycle.depth() == 0


def test_an_in_process_context_inside_a_server_mode_one_is_refused(
    registry_dir: Path,
) -> None:
    with mock_aws(server_mode=True) as outer:
        with pytest.raises(ModeConflictError) as raised:
            mock_aws().__enter__()
        assert _lifecycle.depth() == 1
        assert registry_files(registry_dir) == [outer.server_registry_path]
    message = str(raised.value)
    assert "in-process mode cannot be nested inside one in server mode" in message
    assert _lifecycle.depth() == 0


@pytest.mark.anyio
async def test_async_with_refuses_a_mode_conflict_too() -> None:
    async with mock_aws(server_mode=True):
        with pytest.raises(ModeConflictError):
            await mock_aws().__aenter__()
        assert _lifecycle.depth() == 1
    async with mock_aws():
        with pytest.raises(ModeConflictError):
            await mock_aws(server_mode=True).__aenter__()
        assert _lifecycle.depth() == 1


def test_a_nested_context_attaching_to_another_port_is_refused(
    registry_dir: Path,
) -> None:
    with mock_aws(server_mode=True) as outer:
        assert outer.server_port is not None
        endpoint = outer.server_endpoint
        other = outer.server_port % 65535 + 1
        with pytest.raises(ModeConflictError) as raised:
            mock_aws(server_mode=True, server_port=other).__enter__()
        assert _lifecycle.depth() == 1
        assert registry_files(registry_dir) == [outer.server_registry_path]
    message = str(raised.value)
    assert f"port {other}" in message
    assert f"uses {endpoint}" in message
    assert _lifecycle.depth() == 0
