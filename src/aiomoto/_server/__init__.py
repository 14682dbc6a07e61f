"""Server mode: the endpoint door, a real HTTP endpoint on the activation's backend.

:func:`endpoint_door` opens it. On a local backend it starts Moto's threaded
server on a loopback port (it serves the same process-global backends as the
in-process doors) and records it in a registry file; on a remote backend the
endpoint is the remote server itself. Either way it then lets requests for
the endpoint through to the network, provides credentials and a region, and
points clients (and tools that read ``AWS_ENDPOINT_URL``) at it according to
``auto_endpoint``. Closing the door undoes each step in reverse order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from aiomoto import _routing
from aiomoto._backend import Backend
from aiomoto._options import AutoEndpointMode, ServerAddress
from aiomoto._server import registry
from aiomoto._server.environment import environment_set, planned_changes
from aiomoto._server.process import LocalMotoServer, require_server_dependencies

__all__ = [
    "Endpoint",
    "endpoint_door",
    "require_server_dependencies",
    "start_local_server",
]


@dataclass(frozen=True)
class Endpoint:
    """An open endpoint door."""

    address: ServerAddress
    #: The registry file aiomoto wrote; ``None`` when the server is remote.
    registry_path: Path | None
    mode: AutoEndpointMode


@contextmanager
def endpoint_door(backend: Backend, *, mode: AutoEndpointMode) -> Iterator[Endpoint]:
    with ExitStack() as stack:
        if backend.kind == "local":
            server, path = start_local_server(stack)
            address, check = server.address, server.check_alive
        else:
            address, path, check = backend.address, None, _routing.no_check
        stack.enter_context(_routing.server_reachable(address.endpoint, check))
        from aiomoto._inprocess import native_tools

        stack.enter_context(native_tools.stepped_aside())
        inject = mode is not AutoEndpointMode.DISABLED
        stack.enter_context(
            environment_set(planned_changes(address.endpoint, inject=inject))
        )
        from aiomoto._server.injection import endpoints_injected

        stack.enter_context(endpoints_injected(address.endpoint, mode))
        yield Endpoint(address, path, mode)


def start_local_server(stack: ExitStack) -> tuple[LocalMotoServer, Path]:
    stack.enter_context(_quiet_access_log())
    registry.prepare_directory()  # before the server: if it fails, start nothing
    registry.remove_stale()
    server = LocalMotoServer()
    stack.callback(server.stop)
    address = server.address
    path = registry.write(address.endpoint, address.host, address.port)
    stack.callback(registry.remove, path)
    return server, path


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
