"""The suite's own guard: any connection or lookup beyond loopback fails the test.

Every test in this suite runs under it (see tests/network_guard.py and the
root conftest), so the escape tests' silence about DNS and sockets is proof.
"""

from __future__ import annotations

import asyncio
import socket
import sys

import pytest

from tests import network_guard
from tests.loopback import listening

pytestmark = pytest.mark.anyio

TEST_NET = "192.0.2.10"  # RFC 5737: documentation only, routed nowhere


def test_a_connection_beyond_loopback_fails_before_anything_is_sent() -> None:
    with (
        network_guard.expected_attempts() as attempts,
        socket.socket() as sock,
        pytest.raises(network_guard.RealNetworkError, match=TEST_NET),
    ):
        sock.connect((TEST_NET, 80))

    assert attempts == [f"connect to {TEST_NET}:80"]


@pytest.mark.parametrize(
    "lookup",
    [
        lambda: socket.getaddrinfo("example.com", 443),
        lambda: socket.gethostbyname("example.com"),
        lambda: socket.gethostbyaddr("93.184.216.34"),
    ],
    ids=["getaddrinfo", "gethostbyname", "gethostbyaddr"],
)
def test_a_name_lookup_beyond_loopback_fails(lookup: object) -> None:
    with (
        network_guard.expected_attempts() as attempts,
        pytest.raises(network_guard.RealNetworkError),
    ):
        lookup()  # type: ignore[operator]

    assert len(attempts) == 1


async def test_asyncio_connections_are_guarded_too() -> None:
    with (
        network_guard.expected_attempts() as attempts,
        pytest.raises(network_guard.RealNetworkError),
    ):
        await asyncio.open_connection(TEST_NET, 80)

    assert attempts == [f"connect to {TEST_NET}:80"]


def test_loopback_and_unix_sockets_are_allowed() -> None:
    with listening() as server, socket.create_connection(server.getsockname()):
        pass
    left, right = socket.socketpair()
    left.close()
    right.close()
    assert socket.getaddrinfo("localhost", 80)


def test_an_attempt_a_library_swallows_still_fails_the_test(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHONPATH", ":".join(sys.path))
    pytester.makeconftest("from tests.conftest import *  # noqa: F403")
    pytester.makepyfile(
        """
        import socket

        def test_swallows_the_error():
            try:
                socket.getaddrinfo("example.com", 443)
            except Exception:
                pass
        """
    )

    result = pytester.runpytest_subprocess("-p", "no:randomly")

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*tried to reach the network*resolve example.com*"])
