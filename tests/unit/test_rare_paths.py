"""Paths only unusual callers or environments take, each checked on its own.

A missing distribution or server dependency, a seam module nothing imported
yet, a registry entry that vanishes while listed, another user's process, a
server that never answers, and the advice for an AWS URL Moto does not serve.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import AsyncGenerator, AsyncIterator, Iterator
from pathlib import Path

import pytest

from aiomoto import (
    RealHTTPRequestBlockedError,
    ServerDependencyError,
    _lifecycle,
    mock_aws,
)
from aiomoto._server import registry
from aiomoto._server.process import require_server_dependencies
from aiomoto._upstream import SEAMS
from aiomoto._versions import installed

pytestmark = pytest.mark.anyio


def test_a_distribution_that_is_not_installed_has_no_version() -> None:
    assert installed("aiomoto-no-such-distribution") is None


def test_without_moto_server_installed_server_mode_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "moto.server", None)  # import fails
    with pytest.raises(ServerDependencyError, match=r'pip install "aiomoto\[server\]"'):
        require_server_dependencies()


def test_a_seam_in_a_submodule_nothing_imported_yet_is_imported_to_resolve_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import moto.s3
    import moto.s3.urls

    [seam] = [
        seam for seam in SEAMS if (seam.module, seam.qualname) == ("moto.s3", "urls")
    ]
    monkeypatch.delitem(sys.modules, "moto.s3.urls")
    monkeypatch.delattr(moto.s3, "urls")
    resolved = seam.resolve()
    assert resolved.__name__ == "moto.s3.urls"
    assert sys.modules["moto.s3.urls"] is resolved


def test_a_registry_entry_that_vanishes_while_listed_is_skipped(
    registry_dir: Path,
) -> None:
    registry_dir.mkdir()
    # A dangling link: listed by name, gone when asked for its time or text.
    (registry_dir / "aiomoto-server-vanished.json").symlink_to(registry_dir / "gone")
    assert registry.entries() == []
    assert registry.remove_stale() == []


@contextlib.contextmanager
def another_user() -> Iterator[None]:
    """Act as an unprivileged user: real and effective ids (kill(2) checks
    both), keeping root as the saved id to switch back."""
    os.setresuid(65534, 65534, 0)
    try:
        yield
    finally:
        os.setresuid(0, 0, 0)


def test_a_process_of_another_user_counts_as_alive() -> None:
    # Signalling process 1 is refused for anyone but root: alive, not ours.
    if os.geteuid() == 0:
        with another_user():
            assert registry._alive(1)
    else:
        assert registry._alive(1)


def test_a_blocked_aws_url_moto_does_not_serve_points_at_moto_coverage() -> None:
    url = "https://no-such-service.us-east-1.amazonaws.com/"
    blocked = RealHTTPRequestBlockedError("POST", url, "nosuch.DoThing")
    assert "Moto may not implement this service or operation yet" in str(blocked)
    assert "(nosuch.DoThing)" in str(blocked)


async def test_a_decorated_async_generator_that_yields_nothing_just_ends() -> None:
    @mock_aws
    async def nothing() -> AsyncIterator[int]:
        assert _lifecycle.depth() == 1
        if _lifecycle.depth() > 1:
            yield 0  # never: an async generator that ends without an item

    assert [item async for item in nothing()] == []
    assert _lifecycle.depth() == 0


async def test_a_decorated_async_generator_that_ends_on_a_thrown_error_stops() -> None:
    @mock_aws
    async def until_thrown() -> AsyncGenerator[int, None]:
        try:
            yield 1
        except KeyError:
            return

    generator = until_thrown()
    assert await generator.__anext__() == 1
    with pytest.raises(StopAsyncIteration):
        await generator.athrow(KeyError("stop"))
    assert _lifecycle.depth() == 0
