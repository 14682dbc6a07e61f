"""The only place where aiomoto changes process state.

One activation serves the whole process: a depth counter behind a
``threading.Lock``. The 0→1 enter installs everything (resetting Moto's
backends when the outermost context asks for it) inside one ``ExitStack``; the
1→0 exit unwinds that stack (removing Moto's data when the outermost context
asks for it). Inner enters and exits only move the counter, so their ``reset``
and ``remove_data`` flags have no effect, and contexts may exit in any order.

An activation is in one mode for its whole life: in-process (Moto's patches
plus the aiobotocore adapter) or server mode (a local Moto server and endpoint
injection). A nested context that asks for the other mode, or for another
server, is refused before anything changes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from aiomoto import _versions
from aiomoto.exceptions import ModeConflictError, NotActiveError

if TYPE_CHECKING:
    from aiomoto._server import RunningServer, ServerConfig


@dataclass
class _Activation:
    stack: ExitStack
    server_config: ServerConfig | None
    ignore_configured_endpoint_urls: bool = False
    server: RunningServer | None = None
    #: Read by the installers when the stack unwinds; set by the last exit.
    remove_data: bool = True
    depth: int = field(default=1)


_lock = threading.Lock()
_active: _Activation | None = None


def depth() -> int:
    """How many ``mock_aws`` contexts are open in this process."""
    return _active.depth if _active is not None else 0


def running_server() -> RunningServer | None:
    """The active server-mode activation's server, if any."""
    active = _active
    return active.server if active is not None else None


def enter(
    *,
    reset: bool,
    server: ServerConfig | None = None,
    ignore_configured_endpoint_urls: bool = False,
) -> None:
    global _active
    with _lock:
        if _active is not None:
            _check_compatible(_active, server)
            _check_endpoint_urls(_active, ignore_configured_endpoint_urls)
            _active.depth += 1
            return
        _versions.check_once()
        stack = ExitStack()
        activation = _Activation(stack, server, ignore_configured_endpoint_urls)
        try:
            if ignore_configured_endpoint_urls:
                from aiomoto._inprocess.configured_endpoints import ignored

                stack.enter_context(ignored())
            if server is None:
                stack.enter_context(_moto_backends(activation, reset=reset))
                stack.enter_context(_async_clients())
            else:
                activation.server = stack.enter_context(
                    _local_server(activation, server, reset=reset)
                )
        except BaseException:
            stack.close()
            raise
        _active = activation


def exit_(*, remove_data: bool) -> None:
    global _active
    with _lock:
        activation = _active
        if activation is None:
            raise NotActiveError(
                "stop() was called but no mock_aws context is active: every "
                "stop() must follow a start() (or use `with mock_aws():`, "
                "which pairs them for you)."
            )
        activation.depth -= 1
        if activation.depth:
            return
        _active = None
        activation.remove_data = remove_data
        activation.stack.close()


def _check_compatible(active: _Activation, wanted: ServerConfig | None) -> None:
    def describe(config: ServerConfig | None) -> str:
        return "in-process mode" if config is None else "server mode"

    if (active.server_config is None) != (wanted is None):
        raise ModeConflictError(
            f"A mock_aws context in {describe(wanted)} cannot be nested inside "
            f"one in {describe(active.server_config)}: nested contexts share "
            "one backend, so every context in a nest must use the same mode. "
            "Use the outer context's mode, or exit it first."
        )
    if wanted is None or active.server is None or wanted.port is None:
        return
    if wanted.port != active.server.address.port:
        raise ModeConflictError(
            f"This context asks for the server on port {wanted.port}, but the "
            "active server-mode context uses "
            f"{active.server.address.endpoint}; nested contexts share the outer "
            "server. Drop server_port, or pass the outer one's."
        )


def _check_endpoint_urls(active: _Activation, ignore: bool) -> None:
    if ignore and not active.ignore_configured_endpoint_urls:
        raise ModeConflictError(
            "This context asks for ignore_configured_endpoint_urls=True, but the "
            "active mock_aws() context did not, and clients are already being "
            "created under it. Pass ignore_configured_endpoint_urls=True to the "
            "outermost context instead."
        )


@contextmanager
def _moto_backends(activation: _Activation, *, reset: bool) -> Iterator[None]:
    """Moto's own in-process mock: backends, the sync stubber, fake credentials."""
    from moto.core.models import MockAWS

    mock = MockAWS()
    mock.start(reset=reset)
    try:
        yield
    finally:
        mock.stop(remove_data=activation.remove_data)


@contextmanager
def _async_clients() -> Iterator[None]:
    from aiomoto._inprocess import serving_async_clients

    with serving_async_clients():
        yield


@contextmanager
def _local_server(
    activation: _Activation, config: ServerConfig, *, reset: bool
) -> Iterator[RunningServer]:
    from aiomoto._server import serving

    with serving(
        config, reset=reset, remove_data=lambda: activation.remove_data
    ) as server:
        yield server
