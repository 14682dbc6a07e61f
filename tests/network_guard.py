"""The test suite runs with the network shut: loopback only.

:func:`install` wraps the socket functions every Python HTTP stack goes
through (``socket.socket.connect`` / ``connect_ex``, which asyncio, trio,
urllib3, aiohttp and httpx all end in, and ``getaddrinfo`` and the other name
lookups). A connection to an address that is not loopback, or a lookup of a
name that is not ``localhost``, raises :class:`RealNetworkError` before
anything leaves the process, and is recorded, so that a library that swallows
the error (a retry loop, say) still fails the test: the root conftest checks
:data:`attempts` after every test. Unix sockets are allowed.

Native code (pyarrow's and polars' own HTTP clients) does not go through
Python's socket module; the escape tests check where those requests went by
what answered them.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

#: Every blocked attempt, as "connect 192.0.2.1:80" or "resolve example.com".
attempts: list[str] = []

_LOCAL_NAMES = frozenset({"localhost", "localhost.", "ip6-localhost"})
#: This machine's own name, which resolves from /etc/hosts.
_HOSTNAME = socket.gethostname()
_installed = False


class RealNetworkError(Exception):
    """A test tried to reach an address beyond loopback."""


def is_local(host: object) -> bool:
    if host is None or host in ("", b""):
        return True
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0]
    if name.lower() in _LOCAL_NAMES or name == _HOSTNAME:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return bool(
        address.is_loopback
        or address.is_unspecified
        or (mapped is not None and mapped.is_loopback)
    )


def _refuse(what: str) -> None:
    attempts.append(what)
    raise RealNetworkError(
        f"The test suite runs with the network shut, and this test tried to "
        f"{what}. Only loopback addresses are allowed."
    )


def _check_address(family: int, address: Any) -> None:
    if family == getattr(socket, "AF_UNIX", None):
        return
    if isinstance(address, tuple) and not is_local(address[0]):
        _refuse(f"connect to {address[0]}:{address[1]}")


def install() -> None:
    """Shut the network for this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    connect = socket.socket.connect
    connect_ex = socket.socket.connect_ex

    def guarded_connect(self: socket.socket, address: Any) -> None:
        _check_address(self.family, address)
        connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> int:
        _check_address(self.family, address)
        return connect_ex(self, address)

    setattr(socket.socket, "connect", guarded_connect)  # noqa: B010
    setattr(socket.socket, "connect_ex", guarded_connect_ex)  # noqa: B010
    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        setattr(socket, name, _guarded_lookup(getattr(socket, name)))
    for name in ("gethostbyaddr", "getnameinfo"):
        setattr(socket, name, _guarded_reverse_lookup(getattr(socket, name)))


def _guarded_lookup(lookup: Any) -> Any:
    def guarded(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not is_local(host):
            name = host.decode("ascii", "replace") if isinstance(host, bytes) else host
            _refuse(f"resolve {name}")
        return lookup(host, *args, **kwargs)

    return guarded


def _guarded_reverse_lookup(lookup: Any) -> Any:
    def guarded(address: Any, *args: Any, **kwargs: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if not is_local(host):
            _refuse(f"look up the name of {host}")
        return lookup(address, *args, **kwargs)

    return guarded


@contextmanager
def expected_attempts() -> Iterator[list[str]]:
    """Collect the attempts made inside the block, which are then not a failure."""
    start = len(attempts)
    caught: list[str] = []
    try:
        yield caught
    finally:
        caught.extend(attempts[start:])
        del attempts[start:]
