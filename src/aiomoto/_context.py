"""``mock_aws``: one context object with three front doors.

``with``, ``async with`` and the decorator all reach the same ``start()`` and
``stop()``, which hand over to :mod:`aiomoto._lifecycle`. The context keeps
only its configuration, never activation state, so one instance can be
entered again, nested in itself and reused as a decorator.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from aiomoto import _lifecycle
from aiomoto._asyncio import run_blocking
from aiomoto._decorate import decorate
from aiomoto.exceptions import AutoEndpointError, ServerPortError

if TYPE_CHECKING:
    from pathlib import Path

    from aiomoto._server import RunningServer, ServerConfig

F = TypeVar("F", bound=Callable[..., Any])


class AutoEndpointMode(str, Enum):
    """Whether server mode points clients at the local Moto server."""

    #: Always inject the server endpoint (the default in server mode).
    FORCE = "force"
    #: Inject only when the client has no explicit ``endpoint_url``.
    IF_MISSING = "if_missing"
    #: Never inject; clients must target the server themselves.
    DISABLED = "disabled"

    def __str__(self) -> str:
        return self.value


class MockAwsContext:
    """A ``mock_aws`` configuration, usable as ``with``, ``async with`` or decorator."""

    __slots__ = (
        "_auto_endpoint",
        "_ignore_configured_endpoint_urls",
        "_remove_data",
        "_reset",
        "_server_config",
    )

    def __init__(
        self,
        *,
        reset: bool = True,
        remove_data: bool = True,
        server_mode: bool = False,
        server_port: int | None = None,
        auto_endpoint: AutoEndpointMode | str | None = None,
        ignore_configured_endpoint_urls: bool = False,
    ) -> None:
        mode = _auto_endpoint_mode(auto_endpoint, server_mode=server_mode)
        _check_server_port(server_port, server_mode=server_mode)
        self._reset = reset
        self._remove_data = remove_data
        self._ignore_configured_endpoint_urls = ignore_configured_endpoint_urls
        self._auto_endpoint = mode
        self._server_config: ServerConfig | None = None
        if server_mode:
            from aiomoto._server import ServerConfig, require_server_dependencies

            require_server_dependencies()
            self._server_config = ServerConfig(
                port=server_port,
                inject=mode is not AutoEndpointMode.DISABLED,
                force=mode is AutoEndpointMode.FORCE,
            )

    @property
    def reset(self) -> bool:
        """Reset Moto's backends when this context is the outermost to start."""
        return self._reset

    @property
    def remove_data(self) -> bool:
        """Remove Moto's data when this context is the outermost to stop."""
        return self._remove_data

    @property
    def ignore_configured_endpoint_urls(self) -> bool:
        """Clients created inside ignore AWS_ENDPOINT_URL and its kin."""
        return self._ignore_configured_endpoint_urls

    @property
    def server_mode(self) -> bool:
        return self._server_config is not None

    @property
    def auto_endpoint(self) -> AutoEndpointMode:
        return self._auto_endpoint

    @property
    def server_endpoint(self) -> str | None:
        """The server's base URL while active in server mode, else ``None``."""
        server = self._server()
        return server.address.endpoint if server is not None else None

    @property
    def server_host(self) -> str | None:
        """The host the server is bound to, while active in server mode."""
        server = self._server()
        return server.address.host if server is not None else None

    @property
    def server_port(self) -> int | None:
        """The port the server is bound to, while active in server mode."""
        server = self._server()
        return server.address.port if server is not None else None

    @property
    def server_registry_path(self) -> Path | None:
        """The registry file aiomoto wrote for the server it started.

        ``None`` outside server mode, and when attached to a server that
        aiomoto did not start (``server_port=...``).
        """
        server = self._server()
        return server.registry_path if server is not None else None

    def _server(self) -> RunningServer | None:
        if self._server_config is None:
            return None
        return _lifecycle.running_server()

    def start(self) -> None:
        """Activate the mock (or join the active one); pair with :meth:`stop`."""
        _lifecycle.enter(
            reset=self._reset,
            server=self._server_config,
            ignore_configured_endpoint_urls=self._ignore_configured_endpoint_urls,
        )

    def stop(self) -> None:
        """Leave the mock; the outermost stop tears it down."""
        _lifecycle.exit_(remove_data=self._remove_data)

    def __enter__(self) -> MockAwsContext:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> MockAwsContext:
        if self._server_config is None:
            self.start()
        else:
            # Starting or reaching a server waits on sockets: not on the loop.
            await run_blocking(self.start, undo=self.stop)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._server_config is None:
            self.stop()
        else:
            await run_blocking(self.stop)

    def __call__(self, target: F) -> F:
        """Decorate a function or class so that its body runs inside the mock."""
        return decorate(self, target)

    def __repr__(self) -> str:
        ignoring = self._ignore_configured_endpoint_urls
        return (
            f"mock_aws(reset={self._reset}, remove_data={self._remove_data}, "
            f"server_mode={self.server_mode}, "
            f"auto_endpoint={self._auto_endpoint.value!r}"
            + (", ignore_configured_endpoint_urls=True)" if ignoring else ")")
        )


def _check_server_port(port: int | None, *, server_mode: bool) -> None:
    if port is None:
        return
    if not server_mode:
        raise ServerPortError(
            f"server_port={port} needs server_mode=True: in-process mode has "
            "no server. Pass server_mode=True to attach to the server on that "
            "port, or drop server_port."
        )
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        raise ServerPortError(
            f"server_port={port!r} is not a TCP port: give an int from 1 to "
            "65535, or leave it out to start a server on a free port."
        )


def _auto_endpoint_mode(
    value: AutoEndpointMode | str | None, *, server_mode: bool
) -> AutoEndpointMode:
    if value is None:
        return AutoEndpointMode.FORCE if server_mode else AutoEndpointMode.DISABLED
    try:
        mode = AutoEndpointMode(value)
    except ValueError:
        choices = ", ".join(repr(m.value) for m in AutoEndpointMode)
        raise AutoEndpointError(
            f"auto_endpoint={value!r} is not a known mode; use one of {choices} "
            "or an AutoEndpointMode member."
        ) from None
    if mode is not AutoEndpointMode.DISABLED and not server_mode:
        raise AutoEndpointError(
            f"auto_endpoint={mode.value!r} needs server_mode=True: in-process "
            "mode has no server to point clients at. Pass server_mode=True, or "
            "drop auto_endpoint (or use AutoEndpointMode.DISABLED)."
        )
    return mode


@overload
def mock_aws(target: F, /) -> F: ...


@overload
def mock_aws(
    *,
    reset: bool = True,
    remove_data: bool = True,
    server_mode: bool = False,
    server_port: int | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> MockAwsContext: ...


def mock_aws(
    target: F | None = None,
    /,
    *,
    reset: bool = True,
    remove_data: bool = True,
    server_mode: bool = False,
    server_port: int | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> F | MockAwsContext:
    """Serve boto3, aiobotocore and aioboto3 clients from Moto's backends.

    Use it as ``with mock_aws():``, ``async with mock_aws():``, ``@mock_aws``
    or ``@mock_aws(reset=False)``. Contexts nest and share one backend: only
    the outermost ``reset`` and ``remove_data`` apply.

    ``ignore_configured_endpoint_urls=True`` makes clients created inside the
    context ignore endpoint URLs configured in the environment
    (``AWS_ENDPOINT_URL``, ``AWS_ENDPOINT_URL_<SERVICE>``) or the AWS config
    file, as ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`` does; the outermost
    context decides, and a nested one cannot ask for it when the outer did not.
    """
    context = MockAwsContext(
        reset=reset,
        remove_data=remove_data,
        server_mode=server_mode,
        server_port=server_port,
        auto_endpoint=auto_endpoint,
        ignore_configured_endpoint_urls=ignore_configured_endpoint_urls,
    )
    return context if target is None else context(target)


#: The decorator-first name for :func:`mock_aws`, the very same callable:
#: ``mock_aws_decorator(reset=False)`` returns a reusable decorator (and
#: context); ``@mock_aws_decorator`` wraps a function with the defaults.
mock_aws_decorator = mock_aws
