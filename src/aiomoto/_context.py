"""``mock_aws``: one context object with three front doors.

``with``, ``async with`` and the decorator all reach the same ``start()`` and
``stop()``, which hand over to :mod:`aiomoto._lifecycle`. The context keeps
only its configuration, never activation state, so one instance can be
entered again, nested in itself and reused as a decorator; what it reports
while entered comes from the activation it joined (see :mod:`aiomoto._handle`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, cast, overload

from aiomoto import _lifecycle
from aiomoto._asyncio import run_blocking
from aiomoto._decorate import decorate
from aiomoto._handle import ActiveMock, ActiveServer
from aiomoto._options import AutoEndpointMode, build

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from pathlib import Path

    from typing_extensions import TypeVar as TypeVarWithDefault

    #: The handle type; a bare ``MockAwsContext`` annotation means the
    #: in-process kind (PEP 696 defaults are for type checkers only here).
    H = TypeVarWithDefault("H", bound=ActiveMock, covariant=True, default=ActiveMock)
else:
    H = TypeVar("H", bound=ActiveMock, covariant=True)


class MockAwsContext(Generic[H]):
    """A ``mock_aws`` configuration, usable as ``with``, ``async with`` or decorator.

    Entering it gives a handle: [`ActiveServer`][aiomoto.ActiveServer] in
    server mode, [`ActiveMock`][aiomoto.ActiveMock] otherwise.
    """

    __slots__ = ("_options",)

    def __init__(
        self,
        *,
        reset: bool | None = None,
        remove_data: bool | None = None,
        server_mode: bool = False,
        server_port: int | None = None,
        server_endpoint: str | None = None,
        auto_endpoint: AutoEndpointMode | str | None = None,
        config: Mapping[str, Any] | None = None,
        ignore_configured_endpoint_urls: bool = False,
    ) -> None:
        self._options = build(
            reset=reset,
            remove_data=remove_data,
            server_mode=server_mode,
            server_port=server_port,
            server_endpoint=server_endpoint,
            auto_endpoint=auto_endpoint,
            config=config,
            ignore_configured_endpoint_urls=ignore_configured_endpoint_urls,
        )
        if server_mode:
            from aiomoto._server import require_server_dependencies

            require_server_dependencies()

    @property
    def reset(self) -> bool:
        """Whether the backend is reset when this context is the outermost to start.

        ``True`` unless passed, or unless the context attaches to a server
        aiomoto did not start (then only ``reset=True`` resets it).
        """
        return self._options.outermost_reset()

    @property
    def remove_data(self) -> bool:
        """Whether the data is removed when this context is the outermost to stop."""
        return self._options.outermost_remove_data()

    @property
    def server_mode(self) -> bool:
        """Whether this context opens the endpoint door (a Moto server)."""
        return self._options.server_mode

    @property
    def ignore_configured_endpoint_urls(self) -> bool:
        """Clients created inside ignore ``AWS_ENDPOINT_URL`` and its kin."""
        return self._options.ignore_configured_endpoint_urls

    @property
    def auto_endpoint(self) -> AutoEndpointMode:
        """The injection mode asked for; a context that passes none inherits the
        active one when nested, and starts ``FORCE`` (server mode) or
        ``DISABLED`` (in-process) when outermost."""
        if self._options.auto_endpoint is not None:
            return self._options.auto_endpoint
        if self._options.server_mode:
            return AutoEndpointMode.FORCE
        return AutoEndpointMode.DISABLED

    @property
    def server_endpoint(self) -> str | None:
        """The Moto server's base URL while this context is entered and the
        active mock has one, else ``None``."""
        handle = self._handle()
        return handle.server_endpoint if handle else None

    @property
    def server_host(self) -> str | None:
        """The Moto server's host, while entered (see `server_endpoint`)."""
        handle = self._handle()
        return handle.server_host if handle else None

    @property
    def server_port(self) -> int | None:
        """The Moto server's port, while entered (see `server_endpoint`)."""
        handle = self._handle()
        return handle.server_port if handle else None

    @property
    def server_registry_path(self) -> Path | None:
        """The registry file of the server aiomoto started, while entered.

        ``None`` when not entered, without a server, or attached to a server
        aiomoto did not start.
        """
        handle = self._handle()
        return handle.server_registry_path if handle else None

    def _handle(self) -> H | None:
        activation = _lifecycle.activation_of(self)
        return self._make_handle(activation) if activation else None

    def _make_handle(self, activation: _lifecycle.Activation) -> H:
        kind = ActiveServer if self._options.server_mode else ActiveMock
        return cast(H, kind(self, activation))

    def start(self) -> H:
        """Activate the mock (or join the active one); pair with `stop()`."""
        return self._make_handle(_lifecycle.enter(self, self._options))

    def stop(self) -> None:
        """Leave the mock; the outermost stop tears it down."""
        _lifecycle.exit_(self, self._options)

    def __enter__(self) -> H:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    async def __aenter__(self) -> H:
        if not self._options.server_mode:
            return self.start()
        # Starting or reaching a server waits on sockets: not on the loop.
        handles: list[H] = []
        await run_blocking(lambda: handles.append(self.start()), undo=self.stop)
        return handles[0]

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self._options.server_mode:
            self.stop()
        else:
            await run_blocking(self.stop)

    def __call__(self, target: F) -> F:
        """Decorate a function or class so that its body runs inside the mock."""
        return decorate(self, target)

    def __repr__(self) -> str:
        options = self._options
        parts = [
            f"reset={self.reset}",
            f"remove_data={self.remove_data}",
            f"server_mode={options.server_mode}",
            f"auto_endpoint={self.auto_endpoint.value!r}",
        ]
        if options.attach is not None:
            parts.append(f"server_endpoint={options.attach.endpoint!r}")
        if options.ignore_configured_endpoint_urls:
            parts.append("ignore_configured_endpoint_urls=True")
        return f"mock_aws({', '.join(parts)})"


@overload
def mock_aws(target: F, /) -> F: ...


@overload
def mock_aws(
    *,
    reset: bool | None = None,
    remove_data: bool | None = None,
    server_mode: Literal[True],
    server_port: int | None = None,
    server_endpoint: str | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    config: Mapping[str, Any] | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> MockAwsContext[ActiveServer]: ...


@overload
def mock_aws(
    *,
    reset: bool | None = None,
    remove_data: bool | None = None,
    server_mode: Literal[False] = False,
    auto_endpoint: AutoEndpointMode | str | None = None,
    config: Mapping[str, Any] | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> MockAwsContext[ActiveMock]: ...


@overload
def mock_aws(
    *,
    reset: bool | None = None,
    remove_data: bool | None = None,
    server_mode: bool,
    server_port: int | None = None,
    server_endpoint: str | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    config: Mapping[str, Any] | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> MockAwsContext[ActiveMock]: ...


def mock_aws(
    target: F | None = None,
    /,
    *,
    reset: bool | None = None,
    remove_data: bool | None = None,
    server_mode: bool = False,
    server_port: int | None = None,
    server_endpoint: str | None = None,
    auto_endpoint: AutoEndpointMode | str | None = None,
    config: Mapping[str, Any] | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> F | MockAwsContext[Any]:
    """Serve boto3, aiobotocore and aioboto3 clients from Moto's backends.

    Use it as ``with mock_aws():``, ``async with mock_aws():``, ``@mock_aws``
    or ``@mock_aws(reset=False)``. Contexts nest in any order and share one
    backend: only the outermost ``reset`` and ``remove_data`` apply.

    Args:
        reset: Empty the backend when this context is the outermost to start
            (default ``True``; ``False`` when attaching to a server aiomoto
            did not start, which only ``reset=True`` wipes).
        remove_data: Empty it when the outermost stops (same defaults).
        server_mode: Also open a real HTTP endpoint on the backend (a Moto
            server on a loopback port) for tools that cannot be patched.
        server_port: Attach to the Moto server on this loopback port instead
            of starting one.
        server_endpoint: Attach to the Moto server at this URL (another
            container or machine), e.g. ``"http://moto:5000"``.
        auto_endpoint: Which clients the endpoint is injected into (server
            mode); not passed, a nested context inherits the active mode.
        config: Moto's configuration, as for ``moto.mock_aws(config=...)``.
        ignore_configured_endpoint_urls: Make clients created inside ignore
            endpoint URLs configured in the environment (``AWS_ENDPOINT_URL``,
            ``AWS_ENDPOINT_URL_<SERVICE>``) or the AWS config file, as
            ``AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true`` does. The outermost
            context decides; a nested one cannot turn it on alone.
    """
    context: MockAwsContext[Any] = MockAwsContext(
        reset=reset,
        remove_data=remove_data,
        server_mode=server_mode,
        server_port=server_port,
        server_endpoint=server_endpoint,
        auto_endpoint=auto_endpoint,
        config=config,
        ignore_configured_endpoint_urls=ignore_configured_endpoint_urls,
    )
    return context if target is None else context(target)


mock_aws_decorator = mock_aws
"""The decorator-first name for [`mock_aws`][aiomoto.mock_aws], the very same callable.

``mock_aws_decorator(reset=False)`` returns a reusable decorator (and
context); ``@mock_aws_decorator`` wraps a function with the defaults.
"""
