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
        mock_aws(server_port=5000)  # type: ignore[call-overload]
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


@pytest.mark.parametrize(
    ("endpoint", "why"),
    [
        pytest.param("moto:5000", "is not an http:// or https:// URL", id="no-scheme"),
        pytest.param("ftp://moto:5000", "is not an http:// or https://", id="ftp"),
        pytest.param("http://:5000", "is not an http:// or https://", id="no-host"),
        pytest.param("http://moto:5000/s3", "has a path or query", id="path"),
        pytest.param("http://moto:5000?x=1", "has a path or query", id="query"),
        pytest.param("http://u:p@moto:5000", "carries credentials", id="userinfo"),
        pytest.param("http://moto:99999", "is not a URL", id="bad-port"),
        pytest.param(5000, "is not a string", id="int"),
    ],
)
def test_a_server_endpoint_that_is_not_a_base_url_is_refused(
    endpoint: Any, why: str
) -> None:
    with pytest.raises(ServerPortError) as raised:
        mock_aws(server_mode=True, server_endpoint=endpoint)
    message = str(raised.value)
    assert f"server_endpoint={endpoint!r} {why}" in message
    assert '"http://moto:5000"' in message


def test_a_server_endpoint_without_server_mode_is_refused() -> None:
    with pytest.raises(ServerPortError, match="server_endpoint needs server_mode=True"):
        mock_aws(server_endpoint="http://moto:5000")  # type: ignore[call-overload]


def test_a_server_port_and_endpoint_that_disagree_are_refused() -> None:
    with pytest.raises(ServerPortError, match="name different ports"):
        mock_aws(server_mode=True, server_port=5001, server_endpoint="http://m:5000")


def test_a_server_endpoint_without_a_port_uses_the_scheme_default() -> None:
    context = mock_aws(server_mode=True, server_endpoint="https://moto.internal")
    assert "server_endpoint='https://moto.internal:443'" in repr(context)


@pytest.mark.parametrize(
    ("config", "why"),
    [
        pytest.param(["lambda"], "is not a mapping", id="list"),
        pytest.param({"lambda": {1, 2}}, "is not plain data", id="set"),
    ],
)
def test_a_moto_config_that_is_not_plain_data_is_refused(config: Any, why: str) -> None:
    with pytest.raises(ConfigurationError, match=why):
        mock_aws(config=config)


def test_a_moto_config_cannot_configure_a_server_aiomoto_attaches_to() -> None:
    with pytest.raises(ConfigurationError, match="whose Moto has its own"):
        mock_aws(server_mode=True, server_port=5000, config={"core": {}})


@pytest.mark.parametrize("flag", ["reset", "remove_data"])
def test_reset_and_remove_data_must_be_bools(flag: str) -> None:
    with pytest.raises(ConfigurationError, match=f"{flag}='yes' is not a bool"):
        mock_aws(**{flag: "yes"})  # type: ignore[call-overload]
