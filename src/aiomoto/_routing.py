"""Where a request goes while a mock is active: Moto, the network, or nowhere.

Every patched door (aiobotocore's and botocore's endpoints, the direct-HTTP
adapters) asks :func:`route` before it sends. The answer follows the
activation's backend and its endpoint door:

- a request for a Moto server endpoint of this activation (the loopback
  server aiomoto started, or the server it attached to) goes to the network:
  it is real HTTP to the backend itself;
- with a local backend, every other request is offered to Moto in-process
  (what Moto does not serve is then blocked or, for sync botocore clients,
  sent as Moto itself would);
- with a remote backend, a request for an AWS host is blocked: the backend
  is elsewhere, so it must be neither served from a second, local backend
  nor sent to AWS. Other hosts (the user's own services) are left alone.

The state is two module globals, replaced whole (never mutated) by the
installers below under the lifecycle lock, so the hot path reads them
without locking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from urllib.parse import urlsplit

from aiomoto._aws_hosts import is_aws_host


class Route(Enum):
    MOTO = "moto"
    NETWORK = "network"
    BLOCKED = "blocked"


#: The remote server's endpoint while the backend is remote; ``None`` if local.
_remote: str | None = None
#: Each Moto server endpoint of this activation, with the check that raises
#: if that server has died.
_server_origins: dict[tuple[str, str], Callable[[], None]] = {}


def route(url: str) -> Route:
    if _server_origins:
        parts = urlsplit(url)
        check = _server_origins.get((parts.scheme, parts.netloc.lower()))
        if check is not None:
            check()  # a dead server is reported by name, not by a refused socket
            return Route.NETWORK
    if _remote is None:
        return Route.MOTO
    return Route.BLOCKED if is_aws_url(url) else Route.NETWORK


def is_aws_url(url: str) -> bool:
    return is_aws_host(urlsplit(url).hostname)


def remote_endpoint() -> str | None:
    """The endpoint of the remote backend, or ``None`` when it is local."""
    return _remote


@contextmanager
def backend_routing(remote: str | None) -> Iterator[None]:
    """Route by the activation's backend (remote at this endpoint, or local)."""
    global _remote
    _remote = remote
    try:
        yield
    finally:
        _remote = None


def no_check() -> None:
    """The check of a server aiomoto did not start: its health is not ours."""


@contextmanager
def server_reachable(endpoint: str, check: Callable[[], None]) -> Iterator[None]:
    """Let requests for ``endpoint`` (a Moto server) through to the network,
    after ``check`` (which raises if that server has died)."""
    global _server_origins
    parts = urlsplit(endpoint)
    origin = (parts.scheme, parts.netloc.lower())
    _server_origins = {**_server_origins, origin: check}
    try:
        yield
    finally:
        _server_origins = {
            key: value for key, value in _server_origins.items() if key != origin
        }
