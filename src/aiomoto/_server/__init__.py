"""Server mode: a local Moto server, endpoint injection and registry files.

:func:`serving` is one installer for :mod:`aiomoto._lifecycle`: it starts a
server (or attaches to a running one), resets its backends when asked,
provides credentials and a region, injects the endpoint into new clients, and
on exit undoes each step in reverse order.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from aiomoto._server import registry
from aiomoto._server.environment import environment_set, planned_changes
from aiomoto._server.process import (
    LocalMotoServer,
    ServerAddress,
    attach,
    require_server_dependencies,
    reset_backends,
)

__all__ = ["RunningServer", "ServerConfig", "require_server_dependencies", "serving"]


@dataclass(frozen=True)
class ServerConfig:
    """What a server-mode context asks for."""

    #: Attach to this port instead of starting a server.
    port: int | None
    #: Inject the endpoint into new clients at all.
    inject: bool
    #: Inject it even when the client names its own endpoint.
    force: bool


@dataclass(frozen=True)
class RunningServer:
    address: ServerAddress
    #: The registry file aiomoto wrote; None when attached to a server.
    registry_path: Path | None


@contextmanager
def serving(
    config: ServerConfig, *, reset: bool, remove_data: Callable[[], bool]
) -> Iterator[RunningServer]:
    with ExitStack() as stack:
        started_here = config.port is None
        if started_here:
            stack.enter_context(_quiet_access_log())
            registry.remove_stale()
            server = LocalMotoServer()
            stack.callback(server.stop)
            address = server.address
            written = registry.write(address.endpoint, address.host, address.port)
            stack.callback(registry.remove, written)
            path: Path | None = written
        else:
            assert config.port is not None
            address = attach(config.port)
            path = None
        if reset:
            reset_backends(address, in_this_process=started_here)

        def remove_data_if_asked() -> None:
            if remove_data():
                reset_backends(address, in_this_process=started_here)

        stack.callback(remove_data_if_asked)
        changes = planned_changes(
            address.endpoint, force=config.force, inject=config.inject
        )
        stack.enter_context(environment_set(changes))
        if config.inject:
            from aiomoto._server.injection import endpoints_injected

            stack.enter_context(
                endpoints_injected(address.endpoint, force=config.force)
            )
        yield RunningServer(address, path)


@contextmanager
def _quiet_access_log() -> Iterator[None]:
    """werkzeug logs every request at INFO; keep test output clean."""
    logger = logging.getLogger("werkzeug")
    level = logger.level
    if level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
