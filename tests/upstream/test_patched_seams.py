"""What aiomoto patches is exactly what ``_upstream.SEAMS`` lists as patched.

``_patching.patched`` records every live patch where it is made, so these
tests compare the real patches with the list, both ways, in each mode and
with each kind of backend: an unlisted patch (never digest-pinned) or a
listed seam that is no longer patched (a stale list) fails here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

import pytest
from botocore.session import Session

from aiomoto import AutoEndpointMode, mock_aws
from aiomoto._options import ServerAddress
from aiomoto._patching import live_patches
from aiomoto._server.process import LocalMotoServer
from aiomoto._upstream import patched_seams

Where = tuple[Any, str]


def listed(
    *modes: Literal["in-process", "server"],
    backend: Literal["local", "remote"] = "local",
) -> set[Where]:
    return {
        (seam.owner(), seam.attribute)
        for mode in modes
        for seam in patched_seams(mode, backend)
    }


def patched_now() -> set[Where]:
    live = live_patches()
    assert all(count == 1 for count in live.values()), live
    return set(live)


@pytest.fixture
def foreign_server() -> Iterator[ServerAddress]:
    """A Moto server aiomoto's activation did not start: a remote backend."""
    server = LocalMotoServer()
    try:
        yield server.address
    finally:
        server.stop()


def test_nothing_is_patched_outside_a_context() -> None:
    assert live_patches() == {}


def test_an_in_process_context_patches_exactly_the_listed_in_process_seams() -> None:
    with mock_aws():
        assert patched_now() == listed("in-process")
    assert live_patches() == {}


@pytest.mark.parametrize("mode", ["force", "if_missing"])
def test_a_server_mode_context_patches_exactly_the_listed_seams_of_both_modes(
    mode: str,
) -> None:
    with mock_aws(server_mode=True, auto_endpoint=mode):
        assert patched_now() == listed("in-process", "server")
    assert live_patches() == {}


def test_without_injection_sync_client_creation_is_left_alone() -> None:
    with mock_aws(server_mode=True, auto_endpoint=AutoEndpointMode.DISABLED):
        sync_injection = (Session, "create_client")
        assert patched_now() == listed("in-process", "server") - {sync_injection}
    assert live_patches() == {}


def test_an_attached_context_patches_exactly_the_seams_listed_for_remote_backends(
    foreign_server: ServerAddress,
) -> None:
    with mock_aws(server_mode=True, server_port=foreign_server.port):
        assert patched_now() == listed("in-process", "server", backend="remote")
    assert live_patches() == {}
    assert listed("in-process", backend="remote") < listed("in-process")


def test_a_nested_server_context_adds_its_seams_and_takes_them_away_again() -> None:
    with mock_aws():
        with mock_aws(server_mode=True):
            assert patched_now() == listed("in-process", "server")
        assert patched_now() == listed("in-process")
    assert live_patches() == {}
