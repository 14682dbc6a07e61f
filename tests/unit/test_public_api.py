"""The public surface: what aiomoto exports, validates and installs."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import aiomoto
from aiomoto import (
    ActiveMock,
    ActiveServer,
    AiomotoError,
    AutoEndpointError,
    AutoEndpointMode,
    ConfigurationError,
    MockAwsContext,
    mock_aws,
)


def test_the_public_names_are_exactly_these() -> None:
    assert sorted(aiomoto.__all__) == [
        "ActiveMock",
        "ActiveServer",
        "AiomotoError",
        "AutoEndpointError",
        "AutoEndpointMode",
        "ConfigurationError",
        "MockAwsContext",
        "ModeConflictError",
        "NotActiveError",
        "NotDecoratableError",
        "RealHTTPRequestBlockedError",
        "ServerDependencyError",
        "ServerDiedError",
        "ServerEntry",
        "ServerModeUnavailableError",
        "ServerNotRunningError",
        "ServerPortError",
        "ServerRegistryError",
        "ServerStopTimeoutError",
        "UnsupportedVersionError",
        "UntestedVersionWarning",
        "__version__",
        "mock_aws",
        "mock_aws_decorator",
        "reset",
        "running_servers",
    ]
    assert all(hasattr(aiomoto, name) for name in aiomoto.__all__)


def test_every_error_is_an_aiomoto_error() -> None:
    errors = [getattr(aiomoto, name) for name in aiomoto.__all__]
    errors = [e for e in errors if isinstance(e, type) and issubclass(e, Exception)]
    errors = [e for e in errors if not issubclass(e, Warning)]
    assert len(errors) == 15
    assert all(issubclass(error, AiomotoError) for error in errors)
    assert all(error.__name__.endswith("Error") for error in errors)


def test_auto_endpoint_mode_is_a_str_enum() -> None:
    assert [mode.value for mode in AutoEndpointMode] == [
        "force",
        "if_missing",
        "disabled",
    ]
    assert AutoEndpointMode("force") is AutoEndpointMode.FORCE
    as_text: str = AutoEndpointMode.IF_MISSING
    assert as_text == "if_missing"
    assert str(AutoEndpointMode.DISABLED) == "disabled"


@pytest.mark.parametrize("mode", ["force", "if_missing", AutoEndpointMode.FORCE])
def test_auto_endpoint_without_server_mode_fails_at_construction(
    mode: AutoEndpointMode | str,
) -> None:
    with pytest.raises(AutoEndpointError, match="needs server_mode=True"):
        mock_aws(auto_endpoint=mode)


@pytest.mark.parametrize("mode", ["disabled", AutoEndpointMode.DISABLED, None])
def test_auto_endpoint_disabled_is_accepted_in_process(
    mode: AutoEndpointMode | str | None,
) -> None:
    assert mock_aws(auto_endpoint=mode).auto_endpoint is AutoEndpointMode.DISABLED


def test_an_unknown_auto_endpoint_names_the_valid_modes() -> None:
    with pytest.raises(AutoEndpointError) as raised:
        mock_aws(server_mode=False, auto_endpoint="sometimes")
    message = str(raised.value)
    assert "'sometimes' is not a known mode" in message
    assert "'force', 'if_missing', 'disabled'" in message
    assert isinstance(raised.value, ConfigurationError)
    assert isinstance(raised.value, ValueError)


def test_in_process_contexts_have_no_server_attributes() -> None:
    context = mock_aws()
    assert isinstance(context, MockAwsContext)
    assert context.server_mode is False
    with context as mock:
        assert isinstance(mock, ActiveMock)
        assert not isinstance(mock, ActiveServer)
        assert mock.backend == "local"
        for reported in (context, mock):
            assert reported.server_endpoint is None
            assert reported.server_host is None
            assert reported.server_port is None
            assert reported.server_registry_path is None


def test_the_context_describes_its_configuration() -> None:
    context = mock_aws(reset=False)
    assert (context.reset, context.remove_data) == (False, True)
    assert repr(context) == (
        "mock_aws(reset=False, remove_data=True, server_mode=False, "
        "auto_endpoint='disabled')"
    )


def test_the_context_reports_the_remove_data_it_was_given_over_the_default() -> None:
    assert mock_aws(remove_data=False).remove_data is False
    attaching = mock_aws(server_mode=True, server_port=5000)
    assert attaching.remove_data is False
    assert mock_aws(server_mode=True, server_port=5000, remove_data=True).remove_data


def run_python(code: str) -> None:
    subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        check=True,
        timeout=60,
    )


def test_importing_aiomoto_imports_no_moto_aiobotocore_aiohttp_or_httpx() -> None:
    run_python(
        """
        import sys
        import aiomoto
        names = {"moto", "aiobotocore", "aiohttp", "httpx", "httpx2"}
        heavy = [m for m in sys.modules if m.split(".")[0] in names]
        assert heavy == [], heavy
        """
    )


def test_importing_aiomoto_installs_nothing() -> None:
    run_python(
        """
        import os
        import botocore.handlers
        from aiobotocore.endpoint import AioEndpoint
        from moto.core.botocore_stubber import BotocoreStubber
        from moto.core.models import botocore_stubber

        before = (
            list(botocore.handlers.BUILTIN_HANDLERS),
            dict(vars(AioEndpoint)),
            dict(vars(BotocoreStubber)),
            dict(os.environ),
            botocore_stubber.enabled,
        )
        import aiomoto
        from aiomoto import _context, _lifecycle, _inprocess  # noqa: F401
        after = (
            list(botocore.handlers.BUILTIN_HANDLERS),
            dict(vars(AioEndpoint)),
            dict(vars(BotocoreStubber)),
            dict(os.environ),
            botocore_stubber.enabled,
        )
        assert before == after
        assert _lifecycle.depth() == 0
        """
    )
